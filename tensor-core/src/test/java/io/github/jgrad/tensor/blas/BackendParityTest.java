package io.github.jgrad.tensor.blas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every backend that loads computes the same products as a naive double-precision triple loop:
 * sgemm within float32 rounding, dgemm within 1e-12 relative.
 */
class BackendParityTest {

    /** Named shapes {m, n, k}: edge cases and sizes that cross the Java kernel's blocks. */
    private static final int[][] SHAPES = {
        {17, 17, 17}, {64, 64, 64}, // square
        {300, 7, 20}, {5, 600, 33}, // tall, wide
        {1, 257, 40}, {129, 1, 31}, // 1 x N, N x 1
        {40, 50, 1}, {1, 1, 1}, // k = 1
        {0, 5, 3}, {4, 0, 3}, {4, 5, 0}, {0, 0, 0}, // empty
        {261, 517, 300}, // crosses the 256 column and depth blocks, rows not a multiple of 4, parallel
        {3, 1100, 700}, // few rows, parallel split by columns
    };

    private static final double[][] ALPHA_BETA = {{1, 0}, {-0.5, 2.25}, {1.75, 1}, {0, -1.5}};

    @BeforeAll
    static void reportBackends() {
        StringBuilder line = new StringBuilder("BLAS parity compares:");
        for (BlasProvider.Attempt attempt : BlasProvider.diagnostics()) {
            line.append(' ').append(attempt.name()).append(attempt.loaded()
                    ? " [" + attempt.backend() + "]" : " [not loaded: " + attempt.failure() + "]");
        }
        System.out.println(line);
    }

    @Test
    void nativeBackendsLoadWhereCiIsSet() {
        Assumptions.assumeTrue(System.getenv("CI") != null, "CI is not set: native backends are optional here");
        for (BlasProvider.Attempt attempt : BlasProvider.diagnostics()) {
            assertTrue(attempt.loaded(), () -> attempt.name() + " did not load on CI: " + attempt.failure()
                    + "; fix: " + attempt.installHint());
        }
    }

    @TestFactory
    Stream<DynamicTest> everyBackendMatchesTheReference() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Blas blas : BlasProvider.available()) {
            for (int[] shape : SHAPES) {
                String name = blas.name() + " " + shape[0] + "x" + shape[1] + "x" + shape[2];
                tests.add(DynamicTest.dynamicTest(name, () -> checkAllVariants(blas, shape[0], shape[1], shape[2])));
            }
        }
        return tests.stream();
    }

    private static void checkAllVariants(Blas blas, int m, int n, int k) {
        Random random = new Random(31L * m + 17L * n + k);
        for (int flags = 0; flags < 4; flags++) {
            for (int i = 0; i < ALPHA_BETA.length; i++) {
                GemmFixture fixture = new GemmFixture(random, (flags & 1) != 0, (flags & 2) != 0, m, n, k,
                        ALPHA_BETA[i][0], ALPHA_BETA[i][1], i % 2 == 0);
                fixture.checkSgemm(blas);
                fixture.checkDgemm(blas);
            }
        }
    }

    @Property(tries = 60)
    void randomSmallProductsMatchTheReference(@ForAll @IntRange(max = 23) int m, @ForAll @IntRange(max = 23) int n,
                                              @ForAll @IntRange(max = 23) int k, @ForAll boolean transA,
                                              @ForAll boolean transB, @ForAll boolean tight, @ForAll long seed) {
        Random random = new Random(seed);
        double alpha = Math.round(8 * (2 * random.nextDouble() - 1)) / 4.0;
        double beta = random.nextBoolean() ? 0 : Math.round(8 * (2 * random.nextDouble() - 1)) / 4.0;
        GemmFixture fixture = new GemmFixture(random, transA, transB, m, n, k, alpha, beta, tight);
        for (Blas blas : BlasProvider.available()) {
            fixture.checkSgemm(blas);
            fixture.checkDgemm(blas);
        }
    }

    /** A batch of products stored back to back, run one call per item through offsets. */
    @Test
    void batchedProductsThroughOffsetsMatchPerItemReference() {
        int batch = 3;
        int m = 9;
        int n = 11;
        int k = 13;
        Random random = new Random(5);
        float[] a = new float[batch * m * k];
        float[] b = new float[batch * k * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextFloat() - 0.5f;
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = random.nextFloat() - 0.5f;
        }
        for (Blas blas : BlasProvider.available()) {
            float[] c = new float[batch * m * n];
            for (int t = 0; t < batch; t++) {
                // A item stored transposed (k x m), B item as is: the layout of a backward pass.
                blas.sgemm(true, false, m, n, k, 1f, a, t * m * k, m, b, t * k * n, n, 0f, c, t * m * n, n);
            }
            for (int t = 0; t < batch; t++) {
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        double sum = 0;
                        for (int p = 0; p < k; p++) {
                            sum += (double) a[t * m * k + p * m + i] * b[t * k * n + p * n + j];
                        }
                        assertEquals(sum, c[t * m * n + i * n + j], 1e-5,
                                blas.name() + " batch item " + t + " (" + i + "," + j + ")");
                    }
                }
            }
        }
    }
}
