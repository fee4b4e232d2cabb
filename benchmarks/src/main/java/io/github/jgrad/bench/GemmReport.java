package io.github.jgrad.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs {@link GemmBenchmark} through JMH and prints GFLOP/s (median, min and max over the
 * measurement iterations) per backend and shape.
 *
 * <p>Usage: {@code java -cp jgrad-benchmarks.jar io.github.jgrad.bench.GemmReport
 * [--threads T] [--backends netlib,jblas,java] [--shapes 256x512x512,...] [--warmup 3] [--iterations 5]}.
 * {@code --threads} is passed to the Java backend and as jgrad's thread budget, over which netlib
 * splits a product (OpenBLAS itself runs one thread per call). jblas' library decides for itself.
 */
public final class GemmReport {

    private GemmReport() {
    }

    /**
     * Command-line entry point; see the class documentation for the options.
     *
     * @throws RunnerException if JMH fails to run
     */
    public static void main(String[] args) throws RunnerException {
        int threads = Runtime.getRuntime().availableProcessors();
        String backends = "netlib,jblas,java";
        String shapes = "256x512x512,64x784x512,1024x1024x1024";
        int warmup = 3;
        int iterations = 5;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                case "--backends" -> backends = args[i + 1];
                case "--shapes" -> shapes = args[i + 1];
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--iterations" -> iterations = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        String openblasThreads = System.getenv("OPENBLAS_NUM_THREADS");
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(GemmBenchmark.class.getName() + ".sgemm")
                .param("backend", backends.split(","))
                .param("shape", shapes.split(","))
                .forks(1)
                .warmupIterations(warmup)
                .measurementIterations(iterations)
                .jvmArgsAppend("-D" + GemmBenchmark.THREADS_PROPERTY + "=" + threads, "-Djgrad.threads=" + threads)
                .verbosity(VerboseMode.NORMAL);
        Collection<RunResult> results = new Runner(options.build()).run();
        System.out.println();
        System.out.println("(a backend/shape missing below failed its setup: see the JMH log above for why)");
        System.out.printf("threads=%d (java), OPENBLAS_NUM_THREADS=%s, OPENBLAS_CORETYPE=%s%n",
                threads, openblasThreads, System.getenv("OPENBLAS_CORETYPE"));
        System.out.printf("%-8s %-16s %12s %10s %10s %10s%n", "backend", "shape MxKxN", "median us", "GFLOP/s", "min", "max");
        for (RunResult run : results) {
            String backend = run.getParams().getParam("backend");
            String shape = run.getParams().getParam("shape");
            int[] mkn = GemmBenchmark.parseShape(shape);
            double flops = 2.0 * mkn[0] * mkn[1] * mkn[2];
            List<Double> micros = new ArrayList<>();
            for (BenchmarkResult benchmark : run.getBenchmarkResults()) {
                for (IterationResult iteration : benchmark.getIterationResults()) {
                    micros.add(iteration.getPrimaryResult().getScore());
                }
            }
            double[] gflops = micros.stream().mapToDouble(us -> flops / (us * 1e3)).sorted().toArray();
            double medianMicros = median(micros.stream().mapToDouble(Double::doubleValue).sorted().toArray());
            System.out.printf("%-8s %-16s %12.1f %10.1f %10.1f %10.1f%n", backend, shape, medianMicros,
                    median(gflops), gflops[0], gflops[gflops.length - 1]);
        }
    }

    /** Median of an already sorted array. */
    private static double median(double[] sorted) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

}
