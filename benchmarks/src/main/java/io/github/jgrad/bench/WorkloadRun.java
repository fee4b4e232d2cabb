package io.github.jgrad.bench;

import io.github.jgrad.tensor.blas.BlasProvider;
import io.github.jgrad.wgan.train.IterationStats;
import io.github.jgrad.wgan.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One timed jgrad run of a {@link Workload}, meant to be a child process of {@link SideBySide}
 * (which sets the thread count through {@code -XX:ActiveProcessorCount} and
 * {@code OPENBLAS_NUM_THREADS}), but usable alone.
 *
 * <p>Usage: {@code java -cp jgrad-benchmarks.jar io.github.jgrad.bench.WorkloadRun --workload ID
 * --iterations N [--warmup W] [--warmup-seconds WS] [--max-seconds S]}. Runs untimed generator
 * iterations until at least W have run and at least WS seconds (default 5) have passed (JIT
 * compilation, heap sizing, first allocations, BLAS loading: a few iterations are not enough for
 * the JVM, which at two threads ran the toy WGAN-clip workload about 25 % slower after 10 warm-up
 * iterations than after 40), then N timed ones, each phase cut short once it has run S seconds
 * (default 20; at least two timed iterations), so that a machine much slower than expected still
 * gives a bounded run; then it prints as its last line
 * {@code RESULT it_per_s=... seconds=... iterations=... peak_rss_kb=... alloc_mb_per_it=... backend=...},
 * where the peak resident memory is {@code VmHWM} of {@code /proc/self/status} read at the end and
 * the allocation is the heap bytes all threads allocated during the timed iterations, per
 * iteration.
 */
public final class WorkloadRun {

    private WorkloadRun() {
    }

    /**
     * Command-line entry point; see the class documentation.
     *
     * @throws IOException if {@code /proc/self/status} exists but cannot be read
     */
    public static void main(String[] args) throws IOException {
        String id = null;
        int iterations = 10;
        int warmup = 3;
        double warmupSeconds = 5;
        double maxSeconds = 20;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--workload" -> id = args[i + 1];
                case "--iterations" -> iterations = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--warmup-seconds" -> warmupSeconds = Double.parseDouble(args[i + 1]);
                case "--max-seconds" -> maxSeconds = Double.parseDouble(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (id == null) {
            throw new IllegalArgumentException("--workload is required");
        }
        Trainer trainer = Workload.fromId(id).trainer(1);
        double sink = 0;
        long limit = (long) (maxSeconds * 1e9);
        long warmStart = System.nanoTime();
        long warmFloor = (long) (warmupSeconds * 1e9);
        for (int i = 0; (i < warmup || System.nanoTime() - warmStart < warmFloor)
                && System.nanoTime() - warmStart < limit; i++) {
            sink += trainer.step().criticLoss();
        }
        long allocatedBefore = allocatedBytes();
        long start = System.nanoTime();
        int done = 0;
        while (done < iterations && (done < 2 || System.nanoTime() - start < limit)) {
            IterationStats stats = trainer.step();
            sink += stats.criticLoss();
            done++;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double allocatedMbPerIteration = (allocatedBytes() - allocatedBefore) / 1e6 / done;
        // Printing the summed losses keeps the work observable (and shows the run stayed finite).
        System.out.printf("RESULT it_per_s=%.4f seconds=%.3f iterations=%d peak_rss_kb=%d alloc_mb_per_it=%.1f"
                        + " loss_sum=%.4g backend=%s%n",
                done / seconds, seconds, done, peakRssKb(), allocatedMbPerIteration, sink,
                BlasProvider.current().toString().replace(' ', '_'));
    }

    /** Bytes allocated on the heap so far by all live threads (the caller's and the kernels' workers). */
    static long allocatedBytes() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long total = 0;
        for (long a : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            total += Math.max(0, a);
        }
        return total;
    }

    /** {@code VmHWM} (peak resident set) of this process in KiB, or -1 where /proc is absent. */
    static long peakRssKb() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
