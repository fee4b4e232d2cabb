package io.github.jgrad.tensor.blas;

import io.github.jgrad.tensor.Parallel;

/**
 * Cuts one large product into bands of C's rows or columns and runs the bands on jgrad's thread
 * budget ({@link Parallel}), each band a one-thread call of a native gemm. The native library
 * keeps no threads of its own busy (see {@link OpenBlasThreads}), so the budget that splits
 * im2col also splits the products, and no thread of the BLAS spins between calls.
 *
 * <p>Every element of C is computed by the same call on the same rows of op(A) and columns of
 * op(B), summing over all of {@code k} in the same order however the bands fall, so the product
 * is bit-identical for any number of threads. K is never split.
 *
 * <p>Bands are rows when op(A)'s rows are rows of A (no transpose), columns when op(B)'s columns
 * are rows of B (B transposed). The remaining case, A transposed and B not, takes row bands of
 * C from column bands of A, which are packed first into a buffer the thread keeps: netlib's
 * bounds check would otherwise refuse a band that starts inside a row of A. The panel is taken
 * from the thread while in use, so a gemm that re-enters on the same thread never shares it.
 */
final class GemmSplit {
    /**
     * Products below this many floating-point operations ({@code 2 m n k}, about 40 us of one
     * core) run as one call: waking a worker and packing B twice would cost a sizeable share.
     */
    static final long PARALLEL_FLOPS = 1L << 22;

    /** Band edges fall on multiples of this many rows or columns, a register block of the kernels. */
    static final int QUANTUM = 16;

    private static final ThreadLocal<float[]> FLOAT_PANEL = new ThreadLocal<>();
    private static final ThreadLocal<double[]> DOUBLE_PANEL = new ThreadLocal<>();

    private GemmSplit() {
    }

    /** A one-thread float32 gemm with {@link Blas}'s row-major conventions. */
    @FunctionalInterface
    interface FloatGemm {
        void call(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a, int aOffset, int lda,
                  float[] b, int bOffset, int ldb, float beta, float[] c, int cOffset, int ldc);
    }

    /** A one-thread float64 gemm with {@link Blas}'s row-major conventions. */
    @FunctionalInterface
    interface DoubleGemm {
        void call(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a, int aOffset, int lda,
                  double[] b, int bOffset, int ldb, double beta, double[] c, int cOffset, int ldc);
    }

    /** How many bands a product of these sizes is cut into (1: one call on the calling thread). */
    static int parts(boolean transA, boolean transB, int m, int n, int k, int threads) {
        if (threads <= 1 || 2L * m * n * k < PARALLEL_FLOPS) {
            return 1;
        }
        int extent = byRows(transA, transB) ? m : n;
        return Math.max(1, Math.min(threads, extent / QUANTUM));
    }

    private static boolean byRows(boolean transA, boolean transB) {
        return !transA || !transB;
    }

    /** First row or column of band {@code part} of {@code parts} over {@code extent}. */
    static int start(int part, int parts, int extent) {
        if (part >= parts) {
            return extent;
        }
        int blocks = (extent + QUANTUM - 1) / QUANTUM;
        return Math.min(extent, (int) ((long) blocks * part / parts) * QUANTUM);
    }

    /** {@code serial}'s product, in {@code parts} bands on the thread budget. Arguments are checked. */
    static void sgemm(FloatGemm serial, int parts, boolean transA, boolean transB, int m, int n, int k,
                      float alpha, float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                      float beta, float[] c, int cOffset, int ldc) {
        boolean rows = byRows(transA, transB);
        int extent = rows ? m : n;
        Parallel.run(parts, part -> {
            int lo = start(part, parts, extent);
            int len = start(part + 1, parts, extent) - lo;
            if (len == 0) {
                return;
            }
            if (!rows) {
                serial.call(transA, true, m, len, k, alpha, a, aOffset, lda, b, bOffset + lo * ldb, ldb,
                        beta, c, cOffset + lo, ldc);
            } else if (!transA) {
                serial.call(false, transB, len, n, k, alpha, a, aOffset + lo * lda, lda, b, bOffset, ldb,
                        beta, c, cOffset + lo * ldc, ldc);
            } else {
                float[] panel = takeFloatPanel(k * len);
                for (int r = 0; r < k; r++) {
                    System.arraycopy(a, aOffset + r * lda + lo, panel, r * len, len);
                }
                serial.call(true, transB, len, n, k, alpha, panel, 0, len, b, bOffset, ldb,
                        beta, c, cOffset + lo * ldc, ldc);
                FLOAT_PANEL.set(panel);
            }
        });
    }

    /** {@link #sgemm} in float64. */
    static void dgemm(DoubleGemm serial, int parts, boolean transA, boolean transB, int m, int n, int k,
                      double alpha, double[] a, int aOffset, int lda, double[] b, int bOffset, int ldb,
                      double beta, double[] c, int cOffset, int ldc) {
        boolean rows = byRows(transA, transB);
        int extent = rows ? m : n;
        Parallel.run(parts, part -> {
            int lo = start(part, parts, extent);
            int len = start(part + 1, parts, extent) - lo;
            if (len == 0) {
                return;
            }
            if (!rows) {
                serial.call(transA, true, m, len, k, alpha, a, aOffset, lda, b, bOffset + lo * ldb, ldb,
                        beta, c, cOffset + lo, ldc);
            } else if (!transA) {
                serial.call(false, transB, len, n, k, alpha, a, aOffset + lo * lda, lda, b, bOffset, ldb,
                        beta, c, cOffset + lo * ldc, ldc);
            } else {
                double[] panel = takeDoublePanel(k * len);
                for (int r = 0; r < k; r++) {
                    System.arraycopy(a, aOffset + r * lda + lo, panel, r * len, len);
                }
                serial.call(true, transB, len, n, k, alpha, panel, 0, len, b, bOffset, ldb,
                        beta, c, cOffset + lo * ldc, ldc);
                DOUBLE_PANEL.set(panel);
            }
        });
    }

    /** The thread's panel (or a larger new one), removed from the thread until it is put back. */
    private static float[] takeFloatPanel(int size) {
        float[] p = FLOAT_PANEL.get();
        FLOAT_PANEL.set(null);
        return p == null || p.length < size ? new float[size] : p;
    }

    /** The thread's panel (or a larger new one), removed from the thread until it is put back. */
    private static double[] takeDoublePanel(int size) {
        double[] p = DOUBLE_PANEL.get();
        DOUBLE_PANEL.set(null);
        return p == null || p.length < size ? new double[size] : p;
    }
}
