package io.github.jgrad.tensor;

import io.github.jgrad.tensor.blas.Blas;
import java.util.Objects;

/**
 * Matrix products through the chosen {@link Blas} backend. Operands are 2-D matrices or 3-D
 * batches of matrices; a 2-D operand is shared by every matrix of a 3-D one. Transposes of the
 * last two axes are passed to gemm as flags, never materialised.
 *
 * <p>Reproducibility: one backend at one thread count gives bit-identical products from run to
 * run (the pure-Java backend at any thread count). Different backends, and a native backend at
 * different thread counts, add the terms of each dot product in different orders, so their
 * results agree only to rounding, not bit for bit.
 */
public final class MatMul {
    private MatMul() {
    }

    /** Allocating form of {@link #matmul(Tensor, Tensor, boolean, boolean, Tensor)}. */
    public static Tensor matmul(Tensor a, Tensor b, boolean transA, boolean transB) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        Dims g = dims(a, b, transA, transB);
        return run(a, b, transA, transB, a.newEmpty(g.outShape()), g);
    }

    /**
     * {@code out = op(a) @ op(b)}, where {@code op} transposes the last two axes when its flag is
     * set. {@code out} is overwritten and must not alias an operand.
     */
    public static Tensor matmul(Tensor a, Tensor b, boolean transA, boolean transB, Tensor out) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        Objects.requireNonNull(out, "out");
        Dims g = dims(a, b, transA, transB);
        return run(a, b, transA, transB, Tensor.checkOutput("matmul", out, g.outShape(), a, b), g);
    }

    /**
     * A fully connected layer, {@code x @ w^T + bias}, in one pass over the output: the bias is
     * written into every row first and gemm adds the product to it ({@code beta = 1}), so the
     * product is never stored and re-read for a separate addition.
     *
     * @param x {@code [N, in]}
     * @param w {@code [out, in]}, as PyTorch lays out a Linear weight
     * @param bias {@code [out]}
     * @return {@code [N, out]}
     * @throws IllegalArgumentException naming the shapes if they do not fit, or the dtypes differ
     */
    public static Tensor linear(Tensor x, Tensor w, Tensor bias) {
        return linear(x, w, bias, null);
    }

    /**
     * {@link #linear(Tensor, Tensor, Tensor)} into a caller-given {@code [N, out]} output, which
     * is overwritten and must not share storage with an operand; allocates when {@code out} is null.
     */
    public static Tensor linear(Tensor x, Tensor w, Tensor bias, Tensor out) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(w, "w");
        Objects.requireNonNull(bias, "bias");
        if (x.rank() != 2 || w.rank() != 2 || bias.rank() != 1 || x.dim(1) != w.dim(1) || bias.dim(0) != w.dim(0)) {
            throw new IllegalArgumentException("linear: shapes do not fit: x " + x.shape + ", weight " + w.shape
                    + ", bias " + bias.shape + " (expected [N, in], [out, in], [out])");
        }
        if (x.dtype != w.dtype || x.dtype != bias.dtype) {
            throw new IllegalArgumentException("linear: dtypes differ: x " + x.dtype + ", weight " + w.dtype + ", bias "
                    + bias.dtype);
        }
        int n = x.dim(0);
        int in = x.dim(1);
        int outFeatures = w.dim(0);
        Shape shape = Shape.of(n, outFeatures);
        Tensor y = out == null ? x.newEmpty(shape) : Tensor.checkOutput("linear", out, shape, x, w, bias);
        if (n == 0 || outFeatures == 0) {
            return y;
        }
        Object biasArray = bias.storage.array();
        Object rows = y.storage.array();
        for (int r = 0; r < n; r++) {
            System.arraycopy(biasArray, 0, rows, r * outFeatures, outFeatures);
        }
        if (in == 0) {
            return y;
        }
        gemm(false, true, n, outFeatures, in, x, 0, in, w, 0, in, y, 0, outFeatures, true);
        return y;
    }

    /**
     * Sizes of one product: {@code op(A)} is m x k, {@code op(B)} is k x n; batch -1 means 2-D.
     * (Not 0: a 3-D operand may hold an empty batch, and its product must stay 3-D.)
     */
    private record Dims(int batch, int m, int k, int n) {
        Shape outShape() {
            return batch < 0 ? Shape.of(m, n) : Shape.of(batch, m, n);
        }
    }

    private static Dims dims(Tensor a, Tensor b, boolean transA, boolean transB) {
        if (a.dtype != b.dtype) {
            throw new IllegalArgumentException("matmul: dtype mismatch " + a.dtype + " vs " + b.dtype);
        }
        if (a.rank() < 2 || a.rank() > 3 || b.rank() < 2 || b.rank() > 3) {
            throw new IllegalArgumentException("matmul: operands must be 2-D or 3-D, got " + a.shape + " and " + b.shape);
        }
        int ba = a.rank() == 3 ? a.dim(0) : -1;
        int bb = b.rank() == 3 ? b.dim(0) : -1;
        if (ba >= 0 && bb >= 0 && ba != bb) {
            throw new IllegalArgumentException("matmul: batch sizes differ in " + a.shape + " and " + b.shape);
        }
        int m = transA ? a.dim(-1) : a.dim(-2);
        int ka = transA ? a.dim(-2) : a.dim(-1);
        int kb = transB ? b.dim(-1) : b.dim(-2);
        int n = transB ? b.dim(-2) : b.dim(-1);
        if (ka != kb) {
            throw new IllegalArgumentException("matmul: inner sizes differ: " + a.shape + (transA ? "^T" : "") + " @ "
                    + b.shape + (transB ? "^T" : "") + " (" + ka + " vs " + kb + ")");
        }
        return new Dims(Math.max(ba, bb), m, ka, n);
    }

    private static Tensor run(Tensor a, Tensor b, boolean transA, boolean transB, Tensor out, Dims g) {
        // BLAS requires leading dimensions >= 1, which an empty matrix does not have; an empty
        // product needs no work, and k == 0 is a sum of no terms.
        if (out.size() == 0 || g.k == 0) {
            out.fillInPlace(0.0);
            return out;
        }
        int lda = a.dim(-1);
        int ldb = b.dim(-1);
        int strideA = a.rank() == 3 ? a.dim(-1) * a.dim(-2) : 0;
        int strideB = b.rank() == 3 ? b.dim(-1) * b.dim(-2) : 0;
        int strideC = g.m * g.n;
        // A batch against a shared, untransposed-A matrix is one tall product: (batch*m) x k.
        boolean fold = g.batch > 0 && strideB == 0 && !transA;
        int count = g.batch < 0 || fold ? 1 : g.batch;
        int m = fold ? g.batch * g.m : g.m;
        for (int i = 0; i < count; i++) {
            gemm(transA, transB, m, g.n, g.k, a, i * strideA, lda, b, i * strideB, ldb, out, i * strideC, g.n, false);
        }
        return out;
    }

    /**
     * Row-major {@code c = op(a) @ op(b)} (plus {@code c} if {@code accumulate}) on the storages
     * of three tensors of one dtype, from the given offsets, through the chosen backend. Does
     * nothing when {@code m} or {@code n} is 0.
     */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, Tensor a, int aOffset, int lda,
                     Tensor b, int bOffset, int ldb, Tensor c, int cOffset, int ldc, boolean accumulate) {
        if (m == 0 || n == 0) {
            return;
        }
        Blas blas = Blas.get();
        if (c.storage instanceof Storage.F32 cs) {
            blas.sgemm(transA, transB, m, n, k, 1f, a.floats(), aOffset, lda, b.floats(), bOffset, ldb,
                    accumulate ? 1f : 0f, cs.values, cOffset, ldc);
        } else {
            blas.dgemm(transA, transB, m, n, k, 1.0, a.doubles(), aOffset, lda, b.doubles(), bOffset, ldb,
                    accumulate ? 1.0 : 0.0, c.doubles(), cOffset, ldc);
        }
    }
}
