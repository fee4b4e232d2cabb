package io.github.jgrad.bench;

import io.github.jgrad.tensor.Rng;
import io.github.jgrad.wgan.data.ToyData;
import io.github.jgrad.wgan.train.Networks;
import io.github.jgrad.wgan.train.Objective;
import io.github.jgrad.wgan.train.TrainConfig;
import io.github.jgrad.wgan.train.Trainer;
import java.util.Locale;

/**
 * Soak benchmark: many toy WGAN-GP generator iterations with a small MLP, recording the heap in
 * use after a full collection every so often, to show that nothing (graphs kept alive by
 * gradients, optimizer state, caches) accumulates from one iteration to the next.
 *
 * <p>Usage: {@code java -Xmx512m -cp jgrad-benchmarks.jar io.github.jgrad.bench.Soak
 * [--iterations 20000] [--every 1000] [--width 64] [--batch 64]}. Prints one row per sample and a
 * verdict from the least-squares slope of heap against iteration, fitted after the first sample
 * (which still contains warm-up allocations such as the JIT's and the BLAS library's).
 */
public final class Soak {

    /**
     * Growth per iteration above which the verdict is "growing". A retained toy graph holds at
     * least one batch of activations (64 x 64 floats = 16 KiB), so a real leak through graphs is
     * an order of magnitude above this line, while collector noise stays far below it.
     */
    private static final double LEAK_BYTES_PER_ITERATION = 1024;

    private Soak() {
    }

    /** Command-line entry point; see the class documentation. */
    public static void main(String[] args) {
        int iterations = 20_000;
        int every = 1000;
        int width = 64;
        int batch = 64;
        for (int i = 0; i + 1 < args.length; i += 2) {
            int v = Integer.parseInt(args[i + 1]);
            switch (args[i]) {
                case "--iterations" -> iterations = v;
                case "--every" -> every = v;
                case "--width" -> width = v;
                case "--batch" -> batch = v;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Rng rng = new Rng(1);
        TrainConfig config = TrainConfig.defaults(Objective.WGAN_GP, true).withBatchSize(batch)
                .withIterations(iterations);
        Trainer trainer = new Trainer(config, Networks.toyMlp(2, width, 2, rng), Networks.toyMlp(2, width, 1, rng),
                2, ToyData.EIGHT_GAUSSIANS, rng);
        int samples = iterations / every;
        double[] xs = new double[samples];
        double[] heap = new double[samples];
        double lossSum = 0;
        long start = System.nanoTime();
        System.out.printf(Locale.ROOT, "toy WGAN-GP soak: MLP width %d, batch %d, %d iterations%n", width, batch,
                iterations);
        System.out.printf(Locale.ROOT, "%10s %14s %10s %12s%n", "iteration", "heap used MB", "elapsed s", "critic loss");
        for (int s = 0; s < samples; s++) {
            for (int i = 0; i < every; i++) {
                lossSum += trainer.step().criticLoss();
            }
            xs[s] = (double) (s + 1) * every;
            heap[s] = usedAfterGc();
            System.out.printf(Locale.ROOT, "%10d %14.3f %10.1f %12.4f%n", (long) xs[s], heap[s] / 1e6,
                    (System.nanoTime() - start) / 1e9, lossSum / ((s + 1.0) * every));
        }
        verdict(xs, heap);
    }

    /** Heap in use after two full collections (the second catches what finalisation released). */
    private static double usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static void verdict(double[] xs, double[] heap) {
        int n = xs.length - 1;
        if (n < 2) {
            System.out.println("verdict: too few samples for a slope (need at least 3)");
            return;
        }
        double mx = 0;
        double my = 0;
        for (int i = 1; i < xs.length; i++) {
            mx += xs[i] / n;
            my += heap[i] / n;
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 1; i < xs.length; i++) {
            sxy += (xs[i] - mx) * (heap[i] - my);
            sxx += (xs[i] - mx) * (xs[i] - mx);
        }
        double slope = sxy / sxx;
        double span = xs[xs.length - 1] - xs[1];
        System.out.printf(Locale.ROOT, "slope after the first sample: %.1f bytes per iteration (%.3f MB over %d"
                + " iterations)%n", slope, slope * span / 1e6, (long) span);
        System.out.println(Math.abs(slope) < LEAK_BYTES_PER_ITERATION
                ? "verdict: FLAT - heap does not grow with iterations; no graph or state is retained"
                : "verdict: GROWING - heap grows by about " + Math.round(slope)
                        + " bytes per iteration; something is retained across iterations");
    }
}
