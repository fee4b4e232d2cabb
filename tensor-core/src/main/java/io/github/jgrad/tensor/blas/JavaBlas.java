package io.github.jgrad.tensor.blas;

import io.github.jgrad.tensor.Parallel;
import java.util.function.IntConsumer;

/**
 * Pure-Java gemm: always available, the last fallback of {@link BlasProvider}.
 *
 * <p>Panels of {@code op(B)} and blocks of {@code op(A)} are packed into per-thread buffers so the
 * inner loop runs over contiguous memory that HotSpot vectorizes (see {@code FloatGemmKernel} for
 * the layout and why). Products of at least {@link #PARALLEL_FLOPS} floating-point operations are
 * split across jgrad's thread budget ({@link Parallel}), the calling thread taking one part;
 * smaller ones run on the calling thread and, after the first call on a thread, allocate nothing.
 * Each element of C is computed by the same sequence of operations however the work is split, so
 * the parallel result is bit-identical to the serial one.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class JavaBlas implements Blas {

    /** Shared instance using up to {@link Parallel#WORKERS} threads. */
    public static final JavaBlas INSTANCE = new JavaBlas();

    /**
     * Products below this many floating-point operations ({@code 2 m n k}) run on one thread.
     * Waking a pooled thread and having each part pack its own copy of B costs tens of
     * microseconds; on a 2-core machine two threads were slower than one at 2 MFLOP (about
     * 100 us of work) and started to win at about 4 MFLOP.
     */
    public static final long PARALLEL_FLOPS = 1L << 22;

    private final int threads;

    /**
     * A backend that uses up to {@link Parallel#WORKERS} threads: the processors the JVM sees,
     * capped by {@code -Djgrad.threads}.
     */
    public JavaBlas() {
        this(Parallel.WORKERS);
    }

    /**
     * A backend that uses at most {@code threads} threads (1 = always on the calling thread).
     *
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public JavaBlas(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
    }

    /** The most threads one product may use. */
    public int threads() {
        return threads;
    }

    @Override
    public String name() {
        return "java";
    }

    @Override
    public String toString() {
        return "java (pure Java, up to " + threads + " threads)";
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float alpha, float[] a, int aOffset, int lda,
                      float[] b, int bOffset, int ldb,
                      float beta, float[] c, int cOffset, int ldc) {
        GemmArgs.check(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        GemmArgs.scale(m, n, beta, c, cOffset, ldc);
        if (k == 0 || alpha == 0f) {
            return;
        }
        int parts = parts(m, n, k);
        if (parts == 1) {
            FloatGemmKernel.multiplyAdd(transA, transB, m, n, k, alpha, a, aOffset, lda,
                    b, bOffset, ldb, c, cOffset, ldc);
            return;
        }
        Split split = Split.of(m, n, parts);
        runParts(split, part -> {
            int lo = split.start(part);
            int len = split.start(part + 1) - lo;
            if (split.byRows) {
                FloatGemmKernel.multiplyAdd(transA, transB, len, n, k, alpha,
                        a, aOffset + (transA ? lo : lo * lda), lda, b, bOffset, ldb,
                        c, cOffset + lo * ldc, ldc);
            } else {
                FloatGemmKernel.multiplyAdd(transA, transB, m, len, k, alpha,
                        a, aOffset, lda, b, bOffset + (transB ? lo * ldb : lo), ldb,
                        c, cOffset + lo, ldc);
            }
        });
    }

    @Override
    public void dgemm(boolean transA, boolean transB, int m, int n, int k,
                      double alpha, double[] a, int aOffset, int lda,
                      double[] b, int bOffset, int ldb,
                      double beta, double[] c, int cOffset, int ldc) {
        GemmArgs.check(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        GemmArgs.scale(m, n, beta, c, cOffset, ldc);
        if (k == 0 || alpha == 0d) {
            return;
        }
        int parts = parts(m, n, k);
        if (parts == 1) {
            DoubleGemmKernel.multiplyAdd(transA, transB, m, n, k, alpha, a, aOffset, lda,
                    b, bOffset, ldb, c, cOffset, ldc);
            return;
        }
        Split split = Split.of(m, n, parts);
        runParts(split, part -> {
            int lo = split.start(part);
            int len = split.start(part + 1) - lo;
            if (split.byRows) {
                DoubleGemmKernel.multiplyAdd(transA, transB, len, n, k, alpha,
                        a, aOffset + (transA ? lo : lo * lda), lda, b, bOffset, ldb,
                        c, cOffset + lo * ldc, ldc);
            } else {
                DoubleGemmKernel.multiplyAdd(transA, transB, m, len, k, alpha,
                        a, aOffset, lda, b, bOffset + (transB ? lo * ldb : lo), ldb,
                        c, cOffset + lo, ldc);
            }
        });
    }

    /** How many parts to split a product into: 1 below the threshold or when threads == 1. */
    int parts(int m, int n, int k) {
        if (threads == 1 || 2L * m * n * k < PARALLEL_FLOPS) {
            return 1;
        }
        // jgrad's thread budget, the calling thread included.
        int workers = Math.min(threads, Parallel.WORKERS);
        // Parts smaller than a register block or a vector would only add packing work.
        int most = Math.max(m / FloatGemmKernel.MR, n / 64);
        return Math.max(1, Math.min(workers, most));
    }

    /** Runs the parts of a split, part 0 on the calling thread; see {@link Parallel#run}. */
    private static void runParts(Split split, IntConsumer body) {
        Parallel.run(split.parts, body);
    }

    /**
     * How C is divided: into bands of rows (each part packs all of B) when there are enough rows,
     * else into bands of columns (each part packs all of A, which is then small).
     */
    private static final class Split {
        final boolean byRows;
        final int parts;
        private final int extent;
        private final int quantum;

        private Split(boolean byRows, int parts, int extent, int quantum) {
            this.byRows = byRows;
            this.parts = parts;
            this.extent = extent;
            this.quantum = quantum;
        }

        static Split of(int m, int n, int parts) {
            boolean byRows = m >= parts * 4 * FloatGemmKernel.MR || m >= n;
            // Band edges on multiples of a register block (rows) or of a vector (columns) keep
            // every part's inner loops as full as in the serial product.
            return byRows ? new Split(true, parts, m, FloatGemmKernel.MR) : new Split(false, parts, n, 16);
        }

        /** First row (or column) of a part; {@code start(parts)} is the extent. */
        int start(int part) {
            if (part >= parts) {
                return extent;
            }
            int blocks = (extent + quantum - 1) / quantum;
            return Math.min(extent, (int) ((long) blocks * part / parts) * quantum);
        }
    }
}
