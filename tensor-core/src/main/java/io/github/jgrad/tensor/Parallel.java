package io.github.jgrad.tensor;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.IntConsumer;

/**
 * Splits large kernels across the cores of the common {@link ForkJoinPool}, the calling thread
 * taking one part. Used inside tensor-core (the Java GEMM, im2col and col2im); each caller cuts
 * its work into parts that write disjoint memory, so a split result is bit-identical to a serial one.
 */
public final class Parallel {
    /** System property that caps {@link #WORKERS}, for example {@code -Djgrad.threads=1}. */
    public static final String THREADS_PROPERTY = "jgrad.threads";

    /**
     * How many threads may work at once: the processors the JVM sees, but no more than the
     * common pool's workers plus the caller (with one processor the pool still has one worker,
     * which would only take turns with the caller), and no more than {@value #THREADS_PROPERTY}
     * when that is set.
     */
    public static final int WORKERS = Math.max(1, Math.min(Integer.getInteger(THREADS_PROPERTY, Integer.MAX_VALUE),
            Math.min(Runtime.getRuntime().availableProcessors(), ForkJoinPool.getCommonPoolParallelism() + 1)));

    /** Elements of work below which splitting costs more than it saves. */
    static final long MIN_ELEMENTS_PER_PART = 1 << 16;

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
     * Runs {@code body.accept(p)} for {@code p} in {@code [0, parts)}: parts 1.. on the common
     * pool, part 0 on the calling thread, and returns when all have finished. Every part is
     * waited for even when one fails (so none writes into its output afterwards); the first
     * failure is rethrown with the others suppressed.
     */
    public static void run(int parts, IntConsumer body) {
        if (parts <= 1) {
            body.accept(0);
            return;
        }
        ForkJoinTask<?>[] forked = new ForkJoinTask<?>[parts - 1];
        for (int p = 1; p < parts; p++) {
            int part = p;
            forked[p - 1] = ForkJoinPool.commonPool().submit(() -> body.accept(part));
        }
        Throwable failure = null;
        try {
            body.accept(0);
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        for (ForkJoinTask<?> task : forked) {
            try {
                task.join();
            } catch (RuntimeException | Error e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure instanceof RuntimeException) {
            throw (RuntimeException) failure;
        }
        if (failure != null) {
            throw (Error) failure;
        }
    }
}
