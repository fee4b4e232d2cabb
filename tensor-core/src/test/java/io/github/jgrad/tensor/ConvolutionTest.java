package io.github.jgrad.tensor;

import static io.github.jgrad.tensor.ConvolutionPropertiesTest.randomGeometry;
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

/**
 * The chunked convolution, its transpose and its weight gradient: against a direct loop, against
 * one another (adjointness), and across chunk sizes, including a last chunk that is not full.
 */
class ConvolutionTest {

    /** A random geometry, batch and chunk size, an input, a weight and an output-shaped tensor. */
    private record Case(ConvGeometry g, int chunk, Tensor x, Tensor w, Tensor u) {
        static Case draw(DType dtype, Random r) {
            ConvGeometry g = randomGeometry(r);
            int n = 1 + r.nextInt(5);
            int chunk = 1 + r.nextInt(n + 1);
            Tensor x = random(r, dtype, n, g.channels(), g.height(), g.width());
            Tensor w = random(r, dtype, 1 + r.nextInt(3), g.channels(), g.kernelH(), g.kernelW());
            Tensor u = random(r, dtype, n, w.dim(0), g.outH(), g.outW());
            return new Case(g, chunk, x, w, u);
        }
    }

    @Property(tries = 150)
    void forwardMatchesADirectLoopForAnyChunkSize(@ForAll DType dtype, @ForAll Random r) {
        Case c = Case.draw(dtype, r);
        ConvGeometry g = c.g();
        Tensor y = Convolution.forward(c.x(), c.w(), g, c.chunk());
        NaiveTensor expected = NaiveTensor.conv2d(NaiveTensor.of(c.x()), NaiveTensor.of(c.w()), g.strideH(),
                g.strideW(), g.padH(), g.padW(), g.dilationH(), g.dilationW());
        double t = dtype == DType.F32 ? 1e-4 : 1e-12;
        assertMatches(expected, y, t, t);
    }

    @Property(tries = 100)
    void aBiasIsAddedToEveryPositionOfItsChannel(@ForAll DType dtype, @ForAll Random r) {
        Case c = Case.draw(dtype, r);
        Tensor bias = random(r, dtype, c.w().dim(0));
        Tensor expected = Convolution.forward(c.x(), c.w(), c.g(), c.chunk()).add(bias.reshape(-1, 1, 1));
        double t = dtype == DType.F32 ? 1e-5 : 1e-13;
        assertMatches(NaiveTensor.of(expected), Convolution.forward(c.x(), c.w(), bias, c.g(), c.chunk(), null),
                t, t);
        Tensor given = Tensor.full(dtype, expected.shape(), Double.NaN);
        assertMatches(NaiveTensor.of(expected), Convolution.forward(c.x(), c.w(), bias, c.g(), given), t, t);
    }

    @Property(tries = 150)
    void transposedIsTheAdjointOfForwardInTheInput(@ForAll DType dtype, @ForAll Random r) {
        Case c = Case.draw(dtype, r);
        Tensor y = Convolution.forward(c.x(), c.w(), c.g(), c.chunk());
        Tensor back = Convolution.transposed(c.u(), c.w(), c.g(), c.chunk());
        assertEquals(c.x().shape(), back.shape());
        // <u, conv(x, w)> = <conv_transpose(u, w), x>
        assertEquals(dot(c.u(), y), dot(back, c.x()), dotTolerance(dtype, c.u(), y), c.g()::toString);
    }

    @Property(tries = 150)
    void weightGradientIsTheAdjointOfForwardInTheWeight(@ForAll DType dtype, @ForAll Random r) {
        Case c = Case.draw(dtype, r);
        Tensor y = Convolution.forward(c.x(), c.w(), c.g(), c.chunk());
        Tensor dw = Convolution.weightGradient(c.x(), c.u(), c.g(), c.chunk());
        assertEquals(c.w().shape(), dw.shape());
        // <u, conv(x, w)> = <weight_grad(x, u), w>
        assertEquals(dot(c.u(), y), dot(dw, c.w()), dotTolerance(dtype, c.u(), y), c.g()::toString);
    }

    @Property(tries = 50)
    void givenOutputsAreOverwrittenCompletely(@ForAll DType dtype, @ForAll Random r) {
        ConvGeometry g = randomGeometry(r);
        int n = r.nextInt(4); // including an empty batch, whose weight gradient is 0
        Tensor x = random(r, dtype, n, g.channels(), g.height(), g.width());
        Tensor w = random(r, dtype, 1 + r.nextInt(3), g.channels(), g.kernelH(), g.kernelW());
        Tensor u = random(r, dtype, n, w.dim(0), g.outH(), g.outW());
        Tensor y = Tensor.full(dtype, Shape.of(n, w.dim(0), g.outH(), g.outW()), Double.NaN);
        Tensor back = Tensor.full(dtype, x.shape(), Double.NaN);
        Tensor dw = Tensor.full(dtype, w.shape(), Double.NaN);
        assertArrayEquals(Convolution.forward(x, w, g).toDoubleArray(),
                Convolution.forward(x, w, g, y).toDoubleArray());
        assertArrayEquals(Convolution.transposed(u, w, g).toDoubleArray(),
                Convolution.transposed(u, w, g, back).toDoubleArray());
        assertArrayEquals(Convolution.weightGradient(x, u, g).toDoubleArray(),
                Convolution.weightGradient(x, u, g, dw).toDoubleArray());
    }

    @Property(tries = 60)
    void resultsDoNotDependOnWhatTheReusedBuffersHeld(@ForAll DType dtype, @ForAll Random r) {
        Case c = Case.draw(dtype, r);
        Tensor bias = random(r, dtype, c.w().dim(0));
        double[][] results = new double[2][];
        for (double stale : new double[] {Double.NaN, 0.0}) {
            for (int slot = 0; slot < Scratch.SLOTS; slot++) {
                Tensor buffer = Scratch.take(c.x(), slot, 1 << 16);
                buffer.fillInPlace(stale);
                Scratch.give(buffer, slot);
            }
            double[] all = concat(Convolution.forward(c.x(), c.w(), c.g(), c.chunk()).toDoubleArray(),
                    Convolution.forward(c.x(), c.w(), bias, c.g(), c.chunk(), null).toDoubleArray(),
                    Convolution.transposed(c.u(), c.w(), c.g(), c.chunk()).toDoubleArray(),
                    Convolution.weightGradient(c.x(), c.u(), c.g(), c.chunk()).toDoubleArray());
            results[Double.isNaN(stale) ? 0 : 1] = all;
        }
        assertArrayEquals(results[1], results[0], c.g()::toString);
        assertTrue(java.util.Arrays.stream(results[0]).allMatch(Double::isFinite), c.g()::toString);
    }

    private static double[] concat(double[]... parts) {
        return java.util.Arrays.stream(parts).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    @Example
    void handWorkedTransposeAndWeightGradientOfA3x3ImageWithA2x2Kernel() {
        ConvGeometry g = ConvGeometry.square(1, 3, 3, 2, 1, 0, 1);
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 1, 3, 3);
        Tensor ones = Tensor.ones(DType.F64, Shape.of(1, 1, 2, 2));
        // A kernel of ones sums each 2 x 2 field.
        assertArrayEquals(new double[] {12, 16, 24, 28}, Convolution.forward(x, ones, g).toDoubleArray());
        // Ones scattered back count the fields covering each pixel: corners 1, edges 2, centre 4.
        assertArrayEquals(new double[] {1, 2, 1, 2, 4, 2, 1, 2, 1},
                Convolution.transposed(ones, ones, g).toDoubleArray());
        // With all output gradients 1, each weight tap's gradient sums the pixels it ever touches.
        assertArrayEquals(new double[] {12, 16, 24, 28}, Convolution.weightGradient(x, ones, g).toDoubleArray());
    }

    @Example
    void theDefaultChunkingOfALargeBatchAgreesWithWholeBatchIm2colAndMatmul() {
        // 7 images of 64 x 14 x 14 with a 4 x 4 kernel at stride 2: 50,176 column entries per
        // image, so chunks of 5 and 2 images.
        ConvGeometry g = ConvGeometry.square(64, 14, 14, 4, 2, 1, 1);
        int n = 7;
        assertEquals(5, Convolution.chunkImages(g));
        int o = 8;
        int positions = g.outH() * g.outW();
        for (DType dtype : DType.values()) {
            Random r = new Random(11);
            Tensor x = random(r, dtype, n, g.channels(), g.height(), g.width());
            Tensor w = random(r, dtype, o, g.channels(), g.kernelH(), g.kernelW());
            Tensor u = random(r, dtype, n, o, g.outH(), g.outW());
            Tensor cols = Convolution.im2col(x, g);
            Tensor wm = w.reshape(o, g.patchSize());
            Tensor um = u.permute(1, 0, 2, 3).reshape(o, n * positions);
            double t = dtype == DType.F32 ? 1e-4 : 1e-11;

            Tensor viaCols = wm.matmul(cols).reshape(o, n, g.outH(), g.outW()).permute(1, 0, 2, 3);
            assertMatches(NaiveTensor.of(viaCols), Convolution.forward(x, w, g), t, t);
            Tensor back = Convolution.col2im(MatMul.matmul(wm, um, true, false), g);
            assertMatches(NaiveTensor.of(back), Convolution.transposed(u, w, g), t, t);
            Tensor dw = MatMul.matmul(um, cols, false, true).reshape(o, g.channels(), g.kernelH(), g.kernelW());
            assertMatches(NaiveTensor.of(dw), Convolution.weightGradient(x, u, g), t, t);
        }
    }

    @Example
    void chunksHoldAboutAMegabyteOfColumnsAndAtLeastOneImage() {
        ConvGeometry small = ConvGeometry.square(1, 28, 28, 4, 2, 1, 1);
        long perImage = (long) small.patchSize() * small.outH() * small.outW();
        int chunk = Convolution.chunkImages(small);
        assertTrue(chunk * perImage <= Convolution.CHUNK_ELEMENTS
                && (chunk + 1) * perImage > Convolution.CHUNK_ELEMENTS, () -> "chunk " + chunk);
        assertEquals(1, Convolution.chunkImages(ConvGeometry.square(512, 64, 64, 3, 1, 1, 1)));
    }
}
