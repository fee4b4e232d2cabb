package io.github.jgrad.tensor;

import java.util.Objects;

/**
 * The 2-D convolution: its forward map, its transpose (the gradient with respect to the input)
 * and its weight gradient, each computed a few images at a time through one small column
 * buffer, and the unfold and fold ({@link #im2col}, {@link #col2im}) that it is built on.
 *
 * <p>{@link #im2col} of a whole batch builds a column matrix of {@code C*kh*kw x N*OH*OW}
 * entries (12.8 MB for 64 images of 64 x 14 x 14 and a 4 x 4 kernel) that would be written once,
 * read once and left to the garbage collector. Instead the images go through
 * in chunks whose columns fit in 2^18 entries (1 MB of float32, 2 MB of float64), which stay in
 * cache between im2col (or col2im) and the matrix product. The column buffer, and the buffer that
 * gathers a chunk channels-first, serve every chunk and are kept by the calling thread for its
 * next call, so apart from its result a call allocates only small per-call tables (one padded
 * image plane is about 1 KB). The chunk size depends only on the geometry, so results are the
 * same bits for any thread count.
 *
 * <p>Shapes: input {@code x} is {@code N x C x H x W} as the geometry describes, weight {@code w}
 * is {@code O x C x kh x kw}, output {@code y} is {@code N x O x OH x OW}. The three maps are
 * bilinear and adjoint to one another:
 * {@code <y', forward(x, w)> = <transposed(y', w), x> = <weightGradient(x, y'), w>}.
 */
public final class Convolution {
    /** Column entries per chunk: 2^18, 1 MB of float32. */
    static final int CHUNK_ELEMENTS = 1 << 18;

    private Convolution() {
    }

    /**
     * The convolution {@code y[n, o] = sum_c w[o, c] (*) x[n, c]}, where {@code (*)} is the 2-D
     * cross-correlation of the geometry (stride, padding, dilation), as in PyTorch.
     *
     * @param x {@code N x C x H x W}
     * @param w {@code O x C x kh x kw}
     * @return {@code N x O x OH x OW}
     * @throws IllegalArgumentException naming the shapes if they do not fit the geometry
     */
    public static Tensor forward(Tensor x, Tensor w, ConvGeometry g) {
        Objects.requireNonNull(g, "geometry");
        return forward(x, w, g, chunkImages(g));
    }

    /**
     * The convolution plus a per-channel bias, {@code y[n, o] = sum_c w[o, c] (*) x[n, c] + bias[o]},
     * the bias written in the same pass that lays out the product (no second pass over {@code y}).
     *
     * @param bias {@code [O]}, or null for none
     * @throws IllegalArgumentException naming the shapes if they do not fit the geometry, or the
     *         bias if it is not {@code [O]} in the input's dtype
     */
    public static Tensor forward(Tensor x, Tensor w, Tensor bias, ConvGeometry g) {
        Objects.requireNonNull(g, "geometry");
        return forward(x, w, bias, g, chunkImages(g), null);
    }

    /**
     * {@link #forward(Tensor, Tensor, Tensor, ConvGeometry)} into a caller-given
     * {@code N x O x OH x OW} output, which is overwritten and must not share storage with an operand.
     */
    public static Tensor forward(Tensor x, Tensor w, Tensor bias, ConvGeometry g, Tensor out) {
        Objects.requireNonNull(g, "geometry");
        Objects.requireNonNull(out, "out");
        return forward(x, w, bias, g, chunkImages(g), out);
    }

    /**
     * The transposed convolution: the gradient of {@code <y', forward(x, w)>} with respect to
     * {@code x}, which is also {@code ConvTranspose2d}'s forward map.
     *
     * @param y {@code N x O x OH x OW}
     * @param w {@code O x C x kh x kw}
     * @return {@code N x C x H x W}
     */
    public static Tensor transposed(Tensor y, Tensor w, ConvGeometry g) {
        Objects.requireNonNull(g, "geometry");
        return transposed(y, w, g, chunkImages(g));
    }

    /**
     * The weight gradient: the gradient of {@code <y, forward(x, w)>} with respect to {@code w},
     * summed over the batch.
     *
     * @param x {@code N x C x H x W}
     * @param y {@code N x O x OH x OW}
     * @return {@code O x C x kh x kw}
     */
    public static Tensor weightGradient(Tensor x, Tensor y, ConvGeometry g) {
        Objects.requireNonNull(g, "geometry");
        return weightGradient(x, y, g, chunkImages(g));
    }

    /**
     * {@link #forward(Tensor, Tensor, ConvGeometry)} into a caller-given {@code N x O x OH x OW}
     * output, which is overwritten and must not share storage with an operand. Once the thread's
     * buffers have served a call of this size, only small per-call tables are allocated.
     */
    public static Tensor forward(Tensor x, Tensor w, ConvGeometry g, Tensor out) {
        Objects.requireNonNull(g, "geometry");
        Objects.requireNonNull(out, "out");
        return forward(x, w, g, chunkImages(g), out);
    }

    /** {@link #transposed(Tensor, Tensor, ConvGeometry)} into a caller-given {@code N x C x H x W} output. */
    public static Tensor transposed(Tensor y, Tensor w, ConvGeometry g, Tensor out) {
        Objects.requireNonNull(g, "geometry");
        Objects.requireNonNull(out, "out");
        return transposed(y, w, g, chunkImages(g), out);
    }

    /** {@link #weightGradient(Tensor, Tensor, ConvGeometry)} into a caller-given {@code O x C x kh x kw} output. */
    public static Tensor weightGradient(Tensor x, Tensor y, ConvGeometry g, Tensor out) {
        Objects.requireNonNull(g, "geometry");
        Objects.requireNonNull(out, "out");
        return weightGradient(x, y, g, chunkImages(g), out);
    }

    /**
     * Unfolds every receptive field of {@code x} ({@code N x C x H x W}) into a column: the
     * result is {@code (C*kh*kw) x (N*OH*OW)}, row {@code (c*kh + i)*kw + j}, column
     * {@code (n*OH + oy)*OW + ox}. Taps that fall in the padding read 0.
     */
    public static Tensor im2col(Tensor x, ConvGeometry g) {
        return Im2col.im2col(x, g);
    }

    /** {@link #im2col(Tensor, ConvGeometry)} into a caller-given output, which is overwritten. */
    public static Tensor im2col(Tensor x, ConvGeometry g, Tensor out) {
        return Im2col.im2col(x, g, out);
    }

    /**
     * The adjoint of im2col: adds every column entry back into the pixel it was read from
     * (overlapping fields sum; padding taps are dropped). {@code cols} is
     * {@code (C*kh*kw) x (N*OH*OW)}; the result is {@code N x C x H x W}.
     */
    public static Tensor col2im(Tensor cols, ConvGeometry g) {
        return Im2col.col2im(cols, g);
    }

    /** Images per chunk: as many as fit {@link #CHUNK_ELEMENTS} column entries, at least one. */
    static int chunkImages(ConvGeometry g) {
        long perImage = (long) g.patchSize() * g.outH() * g.outW();
        return (int) Math.max(1, CHUNK_ELEMENTS / perImage);
    }

    static Tensor forward(Tensor x, Tensor w, ConvGeometry g, int chunk) {
        return forward(x, w, null, g, chunk, null);
    }

    static Tensor forward(Tensor x, Tensor w, ConvGeometry g, int chunk, Tensor out) {
        return forward(x, w, null, g, chunk, out);
    }

    /**
     * The convolution plus {@code bias} (if not null) with {@code chunk} images per product, into
     * {@code out} (allocated if null).
     */
    static Tensor forward(Tensor x, Tensor w, Tensor bias, ConvGeometry g, int chunk, Tensor out) {
        checkImage("conv2d", "input", x, g.channels(), g.height(), g.width());
        int outChannels = checkWeight("conv2d", w, x, g);
        if (bias != null && (bias.rank() != 1 || bias.dim(0) != outChannels || bias.dtype() != x.dtype())) {
            throw new IllegalArgumentException("conv2d: bias of shape " + bias.shape() + " " + bias.dtype()
                    + " does not match [" + outChannels + "] " + x.dtype());
        }
        int n = x.dim(0);
        int positions = g.outH() * g.outW();
        int patch = g.patchSize();
        Shape shape = Shape.of(n, outChannels, g.outH(), g.outW());
        Tensor y = bias == null ? output("conv2d", out, shape, x, w)
                : out == null ? x.newEmpty(shape) : Tensor.checkOutput("conv2d", out, shape, x, w, bias);
        Tensor cols = columnBuffer(x, g, chunk, n);
        Tensor product = chunk > 1 ? Scratch.take(x, 1, entries(outChannels, Math.min(chunk, n), positions)) : null;
        try {
            for (int first = 0; first < n; first += chunk) {
                int count = Math.min(chunk, n - first);
                int width = count * positions;
                Im2col.im2colImages(x, g, first, count, cols);
                if (count == 1) {
                    // One image's product [O, OH*OW] is already that image's slice of y; a bias goes
                    // there first and the product is added onto it.
                    int slice = first * outChannels * positions;
                    if (bias != null) {
                        fillRows(y, slice, bias, positions);
                    }
                    MatMul.gemm(false, false, outChannels, width, patch, w, 0, patch, cols, 0, width, y, slice, width,
                            bias != null);
                } else {
                    MatMul.gemm(false, false, outChannels, width, patch, w, 0, patch, cols, 0, width, product, 0, width,
                            false);
                    if (bias == null) {
                        moveImages(product, 0, y, first, count, outChannels, positions, true);
                    } else {
                        scatterAddingBias(product, y, first, count, positions, bias);
                    }
                }
            }
        } finally {
            Scratch.give(cols, 0);
            Scratch.give(product, 1);
        }
        return y;
    }

    static Tensor transposed(Tensor y, Tensor w, ConvGeometry g, int chunk) {
        return transposed(y, w, g, chunk, null);
    }

    /** The transposed convolution with {@code chunk} images per product, into {@code out} (allocated if null). */
    static Tensor transposed(Tensor y, Tensor w, ConvGeometry g, int chunk, Tensor out) {
        Objects.requireNonNull(y, "input");
        int outChannels = checkWeight("conv_transpose2d", w, y, g);
        checkImage("conv_transpose2d", "input", y, outChannels, g.outH(), g.outW());
        int n = y.dim(0);
        int positions = g.outH() * g.outW();
        int patch = g.patchSize();
        Tensor x = output("conv_transpose2d", out, Shape.of(n, g.channels(), g.height(), g.width()), y, w);
        Tensor cols = columnBuffer(y, g, chunk, n);
        Tensor gathered = chunk > 1 ? Scratch.take(y, 1, entries(outChannels, Math.min(chunk, n), positions)) : null;
        try {
            for (int first = 0; first < n; first += chunk) {
                int count = Math.min(chunk, n - first);
                int width = count * positions;
                Tensor src = channelsFirst(y, first, count, outChannels, positions, gathered);
                int srcOffset = src == y ? first * outChannels * positions : 0;
                // [O, C*kh*kw]^T @ [O, count*OH*OW]: every output pixel's contribution to its field.
                MatMul.gemm(true, false, patch, width, outChannels, w, 0, patch, src, srcOffset, width, cols, 0, width, false);
                Im2col.col2imImages(cols, g, first, count, x);
            }
        } finally {
            Scratch.give(cols, 0);
            Scratch.give(gathered, 1);
        }
        return x;
    }

    static Tensor weightGradient(Tensor x, Tensor y, ConvGeometry g, int chunk) {
        return weightGradient(x, y, g, chunk, null);
    }

    /** The weight gradient with {@code chunk} images per product, into {@code out} (allocated if null). */
    static Tensor weightGradient(Tensor x, Tensor y, ConvGeometry g, int chunk, Tensor out) {
        checkImage("conv2d_weight_grad", "input", x, g.channels(), g.height(), g.width());
        Objects.requireNonNull(y, "output gradient");
        int outChannels = y.rank() == 4 ? y.dim(1) : -1;
        checkImage("conv2d_weight_grad", "output gradient", y, outChannels, g.outH(), g.outW());
        if (y.dim(0) != x.dim(0) || y.dtype() != x.dtype()) {
            throw new IllegalArgumentException("conv2d_weight_grad: output gradient " + y.shape() + " " + y.dtype()
                    + " does not match input " + x.shape() + " " + x.dtype() + " (same batch and dtype expected)");
        }
        int n = x.dim(0);
        int positions = g.outH() * g.outW();
        int patch = g.patchSize();
        Tensor dw = output("conv2d_weight_grad", out, Shape.of(outChannels, g.channels(), g.kernelH(), g.kernelW()),
                x, y);
        if (n == 0) {
            dw.fillInPlace(0.0); // a sum over no images; a given output may hold anything
        }
        Tensor cols = columnBuffer(x, g, chunk, n);
        Tensor gathered = chunk > 1 ? Scratch.take(x, 1, entries(outChannels, Math.min(chunk, n), positions)) : null;
        try {
            for (int first = 0; first < n; first += chunk) {
                int count = Math.min(chunk, n - first);
                int width = count * positions;
                Im2col.im2colImages(x, g, first, count, cols);
                Tensor src = channelsFirst(y, first, count, outChannels, positions, gathered);
                int srcOffset = src == y ? first * outChannels * positions : 0;
                // dW += y_chunk [O, count*OH*OW] @ cols^T, chunk after chunk in a fixed order.
                MatMul.gemm(false, true, outChannels, patch, width, src, srcOffset, width, cols, 0, width, dw, 0, patch,
                        first > 0);
            }
        } finally {
            Scratch.give(cols, 0);
            Scratch.give(gathered, 1);
        }
        return dw;
    }

    /** {@code out}, checked by {@link Tensor#checkOutput}, or a new zero tensor of {@code shape} when null. */
    private static Tensor output(String op, Tensor out, Shape shape, Tensor a, Tensor b) {
        return out == null ? a.newZeros(shape) : Tensor.checkOutput(op, out, shape, a, b);
    }

    /**
     * Images {@code [first, first + count)} of {@code y} ({@code N x O x P}) as one
     * {@code O x count*P} matrix: {@code y} itself for one image, whose slice already has that
     * layout, otherwise {@code buffer} with the images gathered into it.
     */
    private static Tensor channelsFirst(Tensor y, int first, int count, int channels, int positions, Tensor buffer) {
        if (count == 1) {
            return y;
        }
        moveImages(buffer, 0, y, first, count, channels, positions, false);
        return buffer;
    }

    /**
     * The thread's reused buffer ({@link Scratch} slot 0) for the columns of {@code min(chunk, n)}
     * images, in {@code like}'s dtype; given back by the caller.
     */
    private static Tensor columnBuffer(Tensor like, ConvGeometry g, int chunk, int n) {
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be at least 1 image, got " + chunk);
        }
        return Scratch.take(like, 0, entries(g.patchSize(), Math.max(1, Math.min(chunk, n)), g.outH() * g.outW()));
    }

    /** {@code rows * images * positions}, which must fit a Java array. */
    private static int entries(int rows, int images, int positions) {
        long n = (long) rows * images * positions;
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("convolution buffer of " + rows + " x " + images + " x " + positions
                    + " entries is larger than a Java array");
        }
        return (int) n;
    }

    /**
     * Moves {@code count} images between a channels-first matrix {@code [O, count*P]} and the
     * batch-first tensor {@code [N, O, P]} starting at image {@code first}: to the batch tensor
     * if {@code scatter}, from it otherwise.
     */
    private static void moveImages(Tensor matrix, int matrixOffset, Tensor batch, int first, int count,
                                   int channels, int positions, boolean scatter) {
        Object matrixArray = matrix.storage.array();
        Object batchArray = batch.storage.array();
        for (int o = 0; o < channels; o++) {
            for (int b = 0; b < count; b++) {
                int m = matrixOffset + (o * count + b) * positions;
                int t = ((first + b) * channels + o) * positions;
                if (scatter) {
                    System.arraycopy(matrixArray, m, batchArray, t, positions);
                } else {
                    System.arraycopy(batchArray, t, matrixArray, m, positions);
                }
            }
        }
    }

    /** Writes {@code bias[o]} into the {@code positions} entries of each channel {@code o} of {@code t} from {@code offset}. */
    private static void fillRows(Tensor t, int offset, Tensor bias, int positions) {
        for (int o = 0; o < bias.dim(0); o++) {
            int from = offset + o * positions;
            if (t.storage instanceof Storage.F32 s) {
                java.util.Arrays.fill(s.values, from, from + positions, bias.floats()[o]);
            } else {
                java.util.Arrays.fill(t.doubles(), from, from + positions, bias.doubles()[o]);
            }
        }
    }

    /**
     * As {@code moveImages(product, 0, y, first, count, O, positions, true)}, adding
     * {@code bias[o]} to every entry of channel {@code o} on the way.
     */
    private static void scatterAddingBias(Tensor product, Tensor y, int first, int count, int positions,
                                          Tensor bias) {
        int channels = bias.dim(0);
        if (y.storage instanceof Storage.F32 ys) {
            float[] src = product.floats();
            float[] dst = ys.values;
            float[] bv = bias.floats();
            // Channels write disjoint stretches of y, so they can go to different threads.
            Parallel.forSlices(channels, Parallel.parts(channels, (long) channels * count * positions),
                    (from, to) -> scatterAddingBias(src, dst, bv, from, to, channels, first, count, positions));
        } else {
            double[] src = product.doubles();
            double[] dst = y.doubles();
            double[] bv = bias.doubles();
            for (int o = 0; o < channels; o++) {
                for (int b = 0; b < count; b++) {
                    int m = (o * count + b) * positions;
                    int t = ((first + b) * channels + o) * positions;
                    double bo = bv[o];
                    for (int p = 0; p < positions; p++) {
                        dst[t + p] = src[m + p] + bo;
                    }
                }
            }
        }
    }

    /** Channels {@code [from, to)} of {@link #scatterAddingBias(Tensor, Tensor, int, int, int, Tensor)}. */
    private static void scatterAddingBias(float[] src, float[] dst, float[] bv, int from, int to, int channels,
                                          int first, int count, int positions) {
        for (int o = from; o < to; o++) {
            for (int b = 0; b < count; b++) {
                int m = (o * count + b) * positions;
                int t = ((first + b) * channels + o) * positions;
                float bo = bv[o];
                for (int p = 0; p < positions; p++) {
                    dst[t + p] = src[m + p] + bo;
                }
            }
        }
    }

    private static void checkImage(String op, String what, Tensor t, int channels, int height, int width) {
        Objects.requireNonNull(t, what);
        if (t.rank() != 4 || t.dim(1) != channels || t.dim(2) != height || t.dim(3) != width) {
            throw new IllegalArgumentException(op + ": " + what + " of shape " + t.shape() + " does not match [N, "
                    + (channels < 0 ? "O" : String.valueOf(channels)) + ", " + height + ", " + width + "]");
        }
    }

    /** Checks {@code w} against the geometry and {@code other}'s dtype; returns its output channels. */
    private static int checkWeight(String op, Tensor w, Tensor other, ConvGeometry g) {
        Objects.requireNonNull(w, "weight");
        if (w.rank() != 4 || w.dim(1) != g.channels() || w.dim(2) != g.kernelH() || w.dim(3) != g.kernelW()) {
            throw new IllegalArgumentException(op + ": weight of shape " + w.shape() + " does not match [O, "
                    + g.channels() + ", " + g.kernelH() + ", " + g.kernelW() + "]");
        }
        if (w.dtype() != other.dtype()) {
            throw new IllegalArgumentException(op + ": weight dtype " + w.dtype() + " differs from the input's "
                    + other.dtype());
        }
        return w.dim(0);
    }
}
