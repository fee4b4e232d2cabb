package io.github.jgrad.bench;

import io.github.jgrad.tensor.blas.Blas;
import io.github.jgrad.tensor.blas.BlasProvider;
import io.github.jgrad.tensor.blas.JavaBlas;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-precision {@code C = A B} (row-major, no transposes, beta 0) per BLAS backend and shape.
 *
 * <p>Scores are microseconds per product; {@code GFLOP/s = 2 M N K / (score * 1000)}, which
 * {@link GemmReport} computes per iteration. Threads: netlib runs OpenBLAS at one thread per call
 * and splits a product over jgrad's thread budget ({@code -Djgrad.threads}, default every core
 * the JVM sees); the Java backend uses {@value #THREADS_PROPERTY} (default: every core).
 * {@link GemmReport} sets both for its forks.
 * A backend that does not load fails its own setup with the reason and leaves the others running.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class GemmBenchmark {

    /** System property: most threads for the Java backend. */
    public static final String THREADS_PROPERTY = "jgrad.bench.threads";

    /** Backend name, as accepted by {@code -Djgrad.blas}. */
    @Param({"netlib", "jblas", "java"})
    public String backend;

    /** Product shape {@code MxKxN}: A is M x K, B is K x N. */
    @Param({"256x512x512", "64x784x512", "3136x1024x128", "128x1024x245", "1024x1024x1024"})
    public String shape;

    private Blas blas;
    private int m;
    private int k;
    private int n;
    private float[] a;
    private float[] b;
    private float[] c;

    /** Loads the backend and fills A and B with seeded random values. */
    @Setup(Level.Trial)
    public void setUp() {
        blas = backend(backend);
        int[] mkn = parseShape(shape);
        m = mkn[0];
        k = mkn[1];
        n = mkn[2];
        Random random = new Random(42);
        a = new float[m * k];
        b = new float[k * n];
        c = new float[m * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextFloat() - 0.5f;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = random.nextFloat() - 0.5f;
        }
    }

    /** One product; returning C keeps the JIT from discarding the work. */
    @Benchmark
    public float[] sgemm() {
        blas.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
        return c;
    }

    /**
     * The named backend; the Java one with the thread count of {@value #THREADS_PROPERTY}.
     *
     * @throws IllegalStateException if it does not load, with the reason and what to install
     */
    static Blas backend(String name) {
        if (name.equals("java")) {
            return new JavaBlas(Integer.getInteger(THREADS_PROPERTY, Runtime.getRuntime().availableProcessors()));
        }
        return BlasProvider.load(name).orElseThrow(() -> {
            BlasProvider.Attempt attempt = BlasProvider.diagnostics().stream()
                    .filter(x -> x.name().equals(name)).findFirst().orElseThrow();
            return new IllegalStateException("backend " + name + " is not available here ("
                    + attempt.failure() + "); to enable it: " + attempt.installHint());
        });
    }

    /** {@code "MxKxN"} as {@code {M, K, N}}. */
    static int[] parseShape(String shape) {
        String[] parts = shape.split("x");
        if (parts.length != 3) {
            throw new IllegalArgumentException("shape must be MxKxN, got " + shape);
        }
        return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2])};
    }
}
