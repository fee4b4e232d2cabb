package io.github.jgrad.tensor;

import java.util.function.IntConsumer;

/**
 * Splits large kernels across jgrad's thread budget: the calling thread and a few long-lived
 * worker threads of jgrad's own, never more threads in all than the processors the JVM sees.
 * Used inside tensor-core by every parallel kernel: im2col and col2im, the Java gemm, and the
 * split of native matrix products (the native BLAS itself runs one thread per call, so one budget
 * covers both; see {@code io.github.jgrad.tensor.blas.SplitGemm}). Each caller cuts its work into
 * parts that write disjoint memory, so a split result is bit-identical to a serial one.
 *
 * <p>Wait policy: a thread that waits (an idle worker for its next job, the caller for the last
 * part) spins for {@link WorkerPool#SPIN_NANOS} and then blocks. Back-to-back kernels (a forward
 * pass is one after another) find the workers awake without a wake-up system call, and a pause
 * longer than that costs no processor time: nothing spins between training steps, during a
 * collection, or while a neighbour needs the core. The caller also takes parts that no worker has
 * started, so a descheduled worker delays a kernel by at most the part it is running.
 */
public final class Parallel {
    /** System property that caps {@link #WORKERS}, for example {@code -Djgrad.threads=1}. */
    public static final String THREADS_PROPERTY = "jgrad.threads";

    /**
     * The thread budget: how many threads may work at once, the caller included. It is the
     * processors the JVM sees ({@code -XX:ActiveProcessorCount}, a container's CPU limit), and
     * no more than {@value #THREADS_PROPERTY} when that is set.
     */
    public static final int WORKERS = Math.max(1, Math.min(Integer.getInteger(THREADS_PROPERTY, Integer.MAX_VALUE),
            Runtime.getRuntime().availableProcessors()));

    /** Elements of work below which splitting costs more than it saves. */
    static final long MIN_ELEMENTS_PER_PART = 1 << 16;

    private static final WorkerPool POOL = new WorkerPool(WORKERS - 1);

    private Parallel() {
    }

    /**
     * How many parts to cut {@code units} independent units into when the whole job touches
     * {@code elements} elements: 1 when it is small or only one worker is available.
     */
    static int parts(int units, long elements) {
        long byWork = Math.max(1, elements / MIN_ELEMENTS_PER_PART);
        return (int) Math.max(1, Math.min(Math.min(WORKERS, units), byWork));
    }

    /** Calls {@code body.accept(from, to)} for {@code parts} contiguous slices of {@code [0, units)}. */
    static void forSlices(int units, int parts, SliceBody body) {
        run(parts, p -> body.run((int) ((long) units * p / parts), (int) ((long) units * (p + 1) / parts)));
    }

    /** A slice {@code [from, to)} of the units. */
    @FunctionalInterface
    interface SliceBody {
        void run(int from, int to);
    }

    /**
     * Runs {@code body.accept(p)} for {@code p} in {@code [0, parts)} on the calling thread and
     * jgrad's workers, and returns when all have finished. Part 0 runs on the calling thread.
     * While the workers are busy with another caller's job (or when this is called from inside a
     * part), every part runs on the calling thread, so the budget is never exceeded and nested
     * calls cannot deadlock. Every part is waited for even when one fails (so none writes into
     * its output afterwards); the first failure is rethrown with the others suppressed.
     */
    public static void run(int parts, IntConsumer body) {
        if (parts <= 1) {
            body.accept(0);
            return;
        }
        if (!POOL.tryRun(parts, body)) {
            runInline(parts, body);
        }
    }

    private static void runInline(int parts, IntConsumer body) {
        Throwable failure = null;
        for (int p = 0; p < parts; p++) {
            try {
                body.accept(p);
            } catch (RuntimeException | Error e) {
                failure = WorkerPool.combine(failure, e);
            }
        }
        WorkerPool.rethrow(failure);
    }
}
