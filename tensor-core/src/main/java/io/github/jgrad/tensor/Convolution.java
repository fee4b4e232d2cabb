package io.github.jgrad.tensor;

/**
 * im2col and its adjoint col2im, which turn a 2-D convolution into one matrix product per
 * image: {@code out[n] = weight (O x C*kh*kw) @ cols[n] (C*kh*kw x OH*OW)}.
 */
public final class Convolution {
    private Convolution() {
    }

    /**
     * Unfolds every receptive field of {@code x} ({@code N x C x H x W}) into a column:
     * the result is {@code N x (C*kh*kw) x (OH*OW)}, row index {@code (c*kh + i)*kw + j}.
     * Taps that fall in the padding read 0.
     */
    public static Tensor im2col(Tensor x, ConvGeometry g) {
        checkInput("im2col", x, g);
        int n = x.dim(0);
        Tensor out = x.newZeros(Shape.of(n, g.patchSize(), g.outH() * g.outW()));
        im2col(x, g, out);
        return out;
    }

    /** {@link #im2col(Tensor, ConvGeometry)} into a caller-given output, which is overwritten. */
    public static Tensor im2col(Tensor x, ConvGeometry g, Tensor out) {
        checkInput("im2col", x, g);
        int n = x.dim(0);
        int oh = g.outH();
        int ow = g.outW();
        Shape expect = Shape.of(n, g.patchSize(), oh * ow);
        if (!out.shape.equals(expect) || out.dtype != x.dtype) {
            throw new IllegalArgumentException("im2col: output " + out.shape + " should be " + expect);
        }
        int hw = g.height() * g.width();
        int cols = oh * ow;
        for (int b = 0; b < n; b++) {
            int inBase = b * g.channels() * hw;
            int outBase = b * g.patchSize() * cols;
            for (int c = 0; c < g.channels(); c++) {
                for (int ki = 0; ki < g.kernelH(); ki++) {
                    for (int kj = 0; kj < g.kernelW(); kj++) {
                        int row = outBase + ((c * g.kernelH() + ki) * g.kernelW() + kj) * cols;
                        for (int oy = 0; oy < oh; oy++) {
                            int y = oy * g.strideH() - g.padH() + ki * g.dilationH();
                            int dst = row + oy * ow;
                            if (y < 0 || y >= g.height()) {
                                fillZero(out, dst, ow);
                                continue;
                            }
                            int src = inBase + c * hw + y * g.width();
                            for (int ox = 0; ox < ow; ox++) {
                                int xx = ox * g.strideW() - g.padW() + kj * g.dilationW();
                                boolean inside = xx >= 0 && xx < g.width();
                                if (x.f != null) {
                                    out.f[dst + ox] = inside ? x.f[src + xx] : 0f;
                                } else {
                                    out.d[dst + ox] = inside ? x.d[src + xx] : 0.0;
                                }
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * The adjoint of im2col: adds every column entry back into the pixel it was read from
     * (overlapping fields sum; padding taps are dropped). {@code cols} is
     * {@code N x (C*kh*kw) x (OH*OW)}; the result is {@code N x C x H x W}.
     */
    public static Tensor col2im(Tensor cols, ConvGeometry g) {
        if (cols.rank() != 3 || cols.dim(1) != g.patchSize() || cols.dim(2) != g.outH() * g.outW()) {
            throw new IllegalArgumentException("col2im: columns of shape " + cols.shape + " do not match geometry "
                    + g + " (expected [N, " + g.patchSize() + ", " + g.outH() * g.outW() + "])");
        }
        int n = cols.dim(0);
        int oh = g.outH();
        int ow = g.outW();
        int hw = g.height() * g.width();
        int ncols = oh * ow;
        Tensor out = cols.newZeros(Shape.of(n, g.channels(), g.height(), g.width()));
        for (int b = 0; b < n; b++) {
            int outBase = b * g.channels() * hw;
            int inBase = b * g.patchSize() * ncols;
            for (int c = 0; c < g.channels(); c++) {
                for (int ki = 0; ki < g.kernelH(); ki++) {
                    for (int kj = 0; kj < g.kernelW(); kj++) {
                        int row = inBase + ((c * g.kernelH() + ki) * g.kernelW() + kj) * ncols;
                        for (int oy = 0; oy < oh; oy++) {
                            int y = oy * g.strideH() - g.padH() + ki * g.dilationH();
                            if (y < 0 || y >= g.height()) {
                                continue;
                            }
                            int dst = outBase + c * hw + y * g.width();
                            int src = row + oy * ow;
                            for (int ox = 0; ox < ow; ox++) {
                                int xx = ox * g.strideW() - g.padW() + kj * g.dilationW();
                                if (xx >= 0 && xx < g.width()) {
                                    if (cols.f != null) {
                                        out.f[dst + xx] += cols.f[src + ox];
                                    } else {
                                        out.d[dst + xx] += cols.d[src + ox];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    private static void fillZero(Tensor t, int from, int len) {
        if (t.f != null) {
            java.util.Arrays.fill(t.f, from, from + len, 0f);
        } else {
            java.util.Arrays.fill(t.d, from, from + len, 0.0);
        }
    }

    private static void checkInput(String op, Tensor x, ConvGeometry g) {
        if (x.rank() != 4 || x.dim(1) != g.channels() || x.dim(2) != g.height() || x.dim(3) != g.width()) {
            throw new IllegalArgumentException(op + ": input of shape " + x.shape + " does not match geometry "
                    + "[N, " + g.channels() + ", " + g.height() + ", " + g.width() + "]");
        }
    }
}
