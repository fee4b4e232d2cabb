package io.github.jgrad.tensor;

/**
 * im2col and its adjoint col2im, which turn a 2-D convolution of a whole batch into one matrix
 * product: {@code out (O x N*OH*OW) = weight (O x C*kh*kw) @ cols (C*kh*kw x N*OH*OW)}. Folding
 * the batch into the columns gives BLAS one large product instead of one small product per
 * image, and the weight gradient {@code g @ cols^T} comes out already summed over the batch.
 */
public final class Convolution {
    private Convolution() {
    }

    /**
     * Unfolds every receptive field of {@code x} ({@code N x C x H x W}) into a column: the
     * result is {@code (C*kh*kw) x (N*OH*OW)}, row {@code (c*kh + i)*kw + j}, column
     * {@code (n*OH + oy)*OW + ox}. Taps that fall in the padding read 0.
     */
    public static Tensor im2col(Tensor x, ConvGeometry g) {
        checkInput("im2col", x, g);
        Tensor out = x.newZeros(Shape.of(g.patchSize(), x.dim(0) * g.outH() * g.outW()));
        im2col(x, g, out);
        return out;
    }

    /** {@link #im2col(Tensor, ConvGeometry)} into a caller-given output, which is overwritten. */
    public static Tensor im2col(Tensor x, ConvGeometry g, Tensor out) {
        checkInput("im2col", x, g);
        int n = x.dim(0);
        int oh = g.outH();
        int ow = g.outW();
        int cols = oh * ow;
        Shape expect = Shape.of(g.patchSize(), n * cols);
        if (!out.shape.equals(expect) || out.dtype != x.dtype) {
            throw new IllegalArgumentException("im2col: output " + out.shape + " should be " + expect);
        }
        int hw = g.height() * g.width();
        int rowLength = n * cols;
        for (int c = 0; c < g.channels(); c++) {
            for (int ki = 0; ki < g.kernelH(); ki++) {
                for (int kj = 0; kj < g.kernelW(); kj++) {
                    int row = ((c * g.kernelH() + ki) * g.kernelW() + kj) * rowLength;
                    for (int b = 0; b < n; b++) {
                        int inBase = (b * g.channels() + c) * hw;
                        for (int oy = 0; oy < oh; oy++) {
                            int y = oy * g.strideH() - g.padH() + ki * g.dilationH();
                            int dst = row + b * cols + oy * ow;
                            if (y < 0 || y >= g.height()) {
                                fillZero(out, dst, ow);
                                continue;
                            }
                            int src = inBase + y * g.width();
                            copyRow(x, src, out, dst, ow, g.strideW(), kj * g.dilationW() - g.padW(), g.width());
                        }
                    }
                }
            }
        }
        return out;
    }

    /** {@code out[dst + ox] = in[src + ox*stride + shift]} where that lies inside {@code [0, width)}, else 0. */
    private static void copyRow(Tensor in, int src, Tensor out, int dst, int ow, int stride, int shift, int width) {
        // The valid ox form one range; only the ends can fall into the padding.
        int lo = shift >= 0 ? 0 : (-shift + stride - 1) / stride;
        int hi = width - 1 - shift < 0 ? 0 : Math.min(ow, (width - 1 - shift) / stride + 1);
        lo = Math.min(lo, hi);
        if (in.f != null) {
            float[] a = in.f;
            float[] o = out.f;
            if (lo > 0) {
                java.util.Arrays.fill(o, dst, dst + lo, 0f);
            }
            if (stride == 1 && hi > lo) {
                System.arraycopy(a, src + lo + shift, o, dst + lo, hi - lo);
            } else if (stride != 1) {
                for (int ox = lo; ox < hi; ox++) {
                    o[dst + ox] = a[src + ox * stride + shift];
                }
            }
            if (hi < ow) {
                java.util.Arrays.fill(o, dst + hi, dst + ow, 0f);
            }
        } else {
            double[] a = in.d;
            double[] o = out.d;
            java.util.Arrays.fill(o, dst, dst + lo, 0.0);
            for (int ox = lo; ox < hi; ox++) {
                o[dst + ox] = a[src + ox * stride + shift];
            }
            java.util.Arrays.fill(o, dst + hi, dst + ow, 0.0);
        }
    }

    /**
     * The adjoint of im2col: adds every column entry back into the pixel it was read from
     * (overlapping fields sum; padding taps are dropped). {@code cols} is
     * {@code (C*kh*kw) x (N*OH*OW)}; the result is {@code N x C x H x W}.
     */
    public static Tensor col2im(Tensor cols, ConvGeometry g) {
        java.util.Objects.requireNonNull(cols, "cols");
        java.util.Objects.requireNonNull(g, "geometry");
        int ncols = g.outH() * g.outW();
        if (cols.rank() != 2 || cols.dim(0) != g.patchSize() || cols.dim(1) % ncols != 0) {
            throw new IllegalArgumentException("col2im: columns of shape " + cols.shape + " do not match geometry "
                    + g + " (expected [" + g.patchSize() + ", N*" + ncols + "])");
        }
        int n = cols.dim(1) / ncols;
        int oh = g.outH();
        int ow = g.outW();
        int hw = g.height() * g.width();
        int rowLength = n * ncols;
        Tensor out = cols.newZeros(Shape.of(n, g.channels(), g.height(), g.width()));
        for (int c = 0; c < g.channels(); c++) {
            for (int ki = 0; ki < g.kernelH(); ki++) {
                for (int kj = 0; kj < g.kernelW(); kj++) {
                    int row = ((c * g.kernelH() + ki) * g.kernelW() + kj) * rowLength;
                    int shift = kj * g.dilationW() - g.padW();
                    int stride = g.strideW();
                    int lo = shift >= 0 ? 0 : (-shift + stride - 1) / stride;
                    int hi = g.width() - 1 - shift < 0 ? 0 : Math.min(ow, (g.width() - 1 - shift) / stride + 1);
                    for (int b = 0; b < n; b++) {
                        int outBase = (b * g.channels() + c) * hw;
                        for (int oy = 0; oy < oh; oy++) {
                            int y = oy * g.strideH() - g.padH() + ki * g.dilationH();
                            if (y < 0 || y >= g.height()) {
                                continue;
                            }
                            int dst = outBase + y * g.width() + shift;
                            int src = row + b * ncols + oy * ow;
                            if (cols.f != null) {
                                float[] a = cols.f;
                                float[] o = out.f;
                                for (int ox = lo; ox < hi; ox++) {
                                    o[dst + ox * stride] += a[src + ox];
                                }
                            } else {
                                double[] a = cols.d;
                                double[] o = out.d;
                                for (int ox = lo; ox < hi; ox++) {
                                    o[dst + ox * stride] += a[src + ox];
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
        java.util.Objects.requireNonNull(x, "x");
        java.util.Objects.requireNonNull(g, "geometry");
        if (x.rank() != 4 || x.dim(1) != g.channels() || x.dim(2) != g.height() || x.dim(3) != g.width()) {
            throw new IllegalArgumentException(op + ": input of shape " + x.shape + " does not match geometry "
                    + "[N, " + g.channels() + ", " + g.height() + ", " + g.width() + "]");
        }
    }
}
