package io.github.jgrad.tensor;

import static io.github.jgrad.tensor.TestSupport.assertMatches;
import static io.github.jgrad.tensor.TestSupport.dot;
import static io.github.jgrad.tensor.TestSupport.dotTolerance;
import static io.github.jgrad.tensor.TestSupport.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** im2col / col2im against a direct convolution loop, and their adjointness. */
class ConvolutionPropertiesTest {

    /**
     * A valid geometry with random kernel, stride, padding and dilation: the input is made at
     * least as large as the dilated kernel minus the padding, plus a random margin.
     */
    static ConvGeometry randomGeometry(Random r) {
        return randomGeometry(r, 3, 3, 2);
    }

    /** As {@link #randomGeometry(Random)}, with kernels, strides and dilations up to the given sizes. */
    static ConvGeometry randomGeometry(Random r, int maxKernel, int maxStride, int maxDilation) {
        int kh = 1 + r.nextInt(maxKernel);
        int kw = 1 + r.nextInt(maxKernel);
        int dh = 1 + r.nextInt(maxDilation);
        int dw = 1 + r.nextInt(maxDilation);
        int ph = r.nextInt(3);
        int pw = r.nextInt(3);
        int h = Math.max(1, dh * (kh - 1) + 1 - 2 * ph) + r.nextInt(4 + maxStride);
        int w = Math.max(1, dw * (kw - 1) + 1 - 2 * pw) + r.nextInt(4 + maxStride);
        return new ConvGeometry(1 + r.nextInt(3), h, w, kh, kw, 1 + r.nextInt(maxStride), 1 + r.nextInt(maxStride),
                ph, pw, dh, dw);
    }

    @Property(tries = 200)
    void outputSizeCountsTheKernelPositionsThatFitInThePaddedInput(@ForAll Random r) {
        ConvGeometry g = randomGeometry(r);
        int oh = 0;
        while (oh * g.strideH() + g.dilationH() * (g.kernelH() - 1) <= g.height() + 2 * g.padH() - 1) {
            oh++;
        }
        int ow = 0;
        while (ow * g.strideW() + g.dilationW() * (g.kernelW() - 1) <= g.width() + 2 * g.padW() - 1) {
            ow++;
        }
        assertEquals(oh, g.outH(), g::toString);
        assertEquals(ow, g.outW(), g::toString);
        assertEquals(g.channels() * g.kernelH() * g.kernelW(), g.patchSize());
    }

    @Property(tries = 150)
    void col2imIsTheAdjointOfIm2col(@ForAll DType dtype, @ForAll Random r) {
        ConvGeometry g = randomGeometry(r);
        int n = 1 + r.nextInt(2);
        Tensor x = random(r, dtype, n, g.channels(), g.height(), g.width());
        Tensor cols = Convolution.im2col(x, g);
        assertEquals(Shape.of(g.patchSize(), n * g.outH() * g.outW()), cols.shape());
        Tensor c = random(r, dtype, cols.shape().toArray());
        Tensor back = Convolution.col2im(c, g);
        assertEquals(x.shape(), back.shape());
        assertEquals(dot(cols, c), dot(x, back), dotTolerance(dtype, cols, c), g::toString);
    }

    @Property(tries = 150)
    void convolutionByIm2colAndMatmulMatchesADirectLoop(@ForAll DType dtype, @ForAll Random r) {
        ConvGeometry g = randomGeometry(r);
        int n = 1 + r.nextInt(2);
        int outChannels = 1 + r.nextInt(3);
        Tensor x = random(r, dtype, n, g.channels(), g.height(), g.width());
        Tensor w = random(r, dtype, outChannels, g.channels(), g.kernelH(), g.kernelW());
        // weight (O x C*kh*kw) @ cols (C*kh*kw x N*OH*OW): one product for the batch, then batch first.
        Tensor y = w.reshape(outChannels, -1).matmul(Convolution.im2col(x, g))
                .reshape(outChannels, n, g.outH(), g.outW()).permute(1, 0, 2, 3);
        NaiveTensor expected = NaiveTensor.conv2d(NaiveTensor.of(x), NaiveTensor.of(w), g.strideH(), g.strideW(),
                g.padH(), g.padW(), g.dilationH(), g.dilationW());
        double t = dtype == DType.F32 ? 1e-4 : 1e-12;
        assertMatches(expected, y, t, t);
    }

    @Property(tries = 200)
    void im2colMatchesADirectLoopWhenKernelRowsSeeTheSamePixelsRowsApart(@ForAll DType dtype, @ForAll Random r) {
        // Kernels up to 6 taps with strides and dilations up to 3: kernel rows m apart whose
        // m * dilation is a multiple of the stride, whose columns im2col copies instead of gathering.
        ConvGeometry g = randomGeometry(r, 6, 3, 3);
        int n = 1 + r.nextInt(3);
        Tensor x = random(r, dtype, n, g.channels(), g.height(), g.width());
        Tensor cols = Convolution.im2col(x, g);
        int positions = g.outH() * g.outW();
        for (int c = 0; c < g.channels(); c++) {
            for (int ki = 0; ki < g.kernelH(); ki++) {
                for (int kj = 0; kj < g.kernelW(); kj++) {
                    int row = (c * g.kernelH() + ki) * g.kernelW() + kj;
                    for (int b = 0; b < n; b++) {
                        for (int oy = 0; oy < g.outH(); oy++) {
                            for (int ox = 0; ox < g.outW(); ox++) {
                                int iy = oy * g.strideH() - g.padH() + ki * g.dilationH();
                                int ix = ox * g.strideW() - g.padW() + kj * g.dilationW();
                                boolean inside = iy >= 0 && iy < g.height() && ix >= 0 && ix < g.width();
                                double expected = inside ? x.getDouble(((b * g.channels() + c) * g.height() + iy)
                                        * g.width() + ix) : 0.0;
                                double actual = cols.getDouble(row * n * positions + b * positions
                                        + oy * g.outW() + ox);
                                assertEquals(expected, actual, 0.0, g::toString);
                            }
                        }
                    }
                }
            }
        }
    }

    @Property(tries = 100)
    void im2colIntoAGivenOutputOverwritesItCompletely(@ForAll DType dtype, @ForAll Random r) {
        ConvGeometry g = randomGeometry(r);
        Tensor x = random(r, dtype, 1, g.channels(), g.height(), g.width());
        Tensor dirty = Tensor.full(dtype, Shape.of(g.patchSize(), g.outH() * g.outW()), Double.NaN);
        Convolution.im2col(x, g, dirty);
        assertArrayEquals(Convolution.im2col(x, g).toDoubleArray(), dirty.toDoubleArray());
    }

    @Example
    void handWorkedIm2colOfA3x3ImageWithA2x2Kernel() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 1, 3, 3);
        ConvGeometry g = ConvGeometry.square(1, 3, 3, 2, 1, 0, 1);
        // Rows are kernel taps (0,0), (0,1), (1,0), (1,1); columns the four output positions.
        assertArrayEquals(new double[] {
            1, 2, 4, 5,
            2, 3, 5, 6,
            4, 5, 7, 8,
            5, 6, 8, 9}, Convolution.im2col(x, g).toDoubleArray());
        // Every pixel is counted once per field that covers it: corners 1, edges 2, centre 4.
        Tensor counts = Convolution.col2im(Tensor.ones(DType.F64, Shape.of(4, 4)), g);
        assertArrayEquals(new double[] {1, 2, 1, 2, 4, 2, 1, 2, 1}, counts.toDoubleArray());
    }

    @Example
    void paddingTapsReadZero() {
        Tensor x = Tensor.of(new double[] {5}, 1, 1, 1, 1);
        ConvGeometry g = ConvGeometry.square(1, 1, 1, 3, 1, 1, 1);
        assertEquals(1, g.outH());
        assertArrayEquals(new double[] {0, 0, 0, 0, 5, 0, 0, 0, 0}, Convolution.im2col(x, g).toDoubleArray());
    }

    @Example
    void aBatchLargeEnoughToBeSplitAcrossThreadsGivesTheSameBitsAsImageByImage() {
        // 8 images of 64 x 14 x 14 give 401,408 column entries: above the size from which the
        // work is split across threads (when the machine has more than one), unlike one image.
        ConvGeometry g = ConvGeometry.square(64, 14, 14, 4, 2, 1, 1);
        int n = 8;
        assertTrue((long) g.patchSize() * n * g.outH() * g.outW() >= 4 * Parallel.MIN_ELEMENTS_PER_PART);
        for (DType dtype : DType.values()) {
            Random r = new Random(7);
            Tensor x = random(r, dtype, n, g.channels(), g.height(), g.width());
            Tensor cols = Convolution.im2col(x, g);
            Tensor[] perImage = new Tensor[n];
            for (int i = 0; i < n; i++) {
                perImage[i] = Convolution.im2col(x.slice(0, i, i + 1), g);
            }
            assertArrayEquals(Tensor.concat(1, perImage).toDoubleArray(), cols.toDoubleArray());

            Tensor c = random(r, dtype, cols.shape().toArray());
            Tensor[] back = new Tensor[n];
            int w = g.outH() * g.outW();
            for (int i = 0; i < n; i++) {
                back[i] = Convolution.col2im(c.slice(1, i * w, (i + 1) * w), g);
            }
            assertArrayEquals(Tensor.concat(0, back).toDoubleArray(), Convolution.col2im(c, g).toDoubleArray());
        }
    }
}
