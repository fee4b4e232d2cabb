package io.github.jgrad.tensor.blas;

import java.util.Random;

/**
 * The check {@link BlasProvider} runs on a backend before choosing it: a few small sgemm and
 * dgemm calls, every transpose combination, with offsets, padded leading dimensions and
 * {@code alpha, beta} other than 0 and 1, compared with a naive double-precision product.
 * A native library that loads but computes garbage (a wrong symbol, a mismatched ABI, a broken
 * CPU-specific kernel) is rejected here instead of corrupting a training run.
 */
final class SmokeTest {

    private static final int[][] SHAPES = {{7, 5, 6}, {37, 29, 41}};

    private SmokeTest() {
    }

    /**
     * Runs the checks.
     *
     * @throws IllegalStateException naming the first call whose result is wrong
     */
    static void check(Blas blas) {
        Random random = new Random(20240611L);
        for (int[] shape : SHAPES) {
            for (int flags = 0; flags < 4; flags++) {
                checkOne(blas, random, (flags & 1) != 0, (flags & 2) != 0, shape[0], shape[1], shape[2]);
            }
        }
    }

    private static void checkOne(Blas blas, Random random, boolean transA, boolean transB, int m, int n, int k) {
        int aRows = transA ? k : m;
        int aCols = transA ? m : k;
        int bRows = transB ? n : k;
        int bCols = transB ? k : n;
        int lda = aCols + 2;
        int ldb = bCols + 1;
        int ldc = n + 3;
        int aOff = 3;
        int bOff = 1;
        int cOff = 2;
        double[] a = randomArray(random, aOff + aRows * lda);
        double[] b = randomArray(random, bOff + bRows * ldb);
        double[] c = randomArray(random, cOff + m * ldc);
        double alpha = 0.75;
        double beta = -1.25;
        double[] expected = c.clone();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    double av = transA ? a[aOff + p * lda + i] : a[aOff + i * lda + p];
                    double bv = transB ? b[bOff + j * ldb + p] : b[bOff + p * ldb + j];
                    sum += av * bv;
                }
                int at = cOff + i * ldc + j;
                expected[at] = alpha * sum + beta * c[at];
            }
        }
        double[] cd = c.clone();
        blas.dgemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, cd, cOff, ldc);
        compare("dgemm", transA, transB, expected, cd, 1e-12);
        float[] cs = toFloat(c);
        blas.sgemm(transA, transB, m, n, k, (float) alpha, toFloat(a), aOff, lda, toFloat(b), bOff, ldb,
                (float) beta, cs, cOff, ldc);
        double[] csd = new double[cs.length];
        for (int i = 0; i < cs.length; i++) {
            csd[i] = cs[i];
        }
        compare("sgemm", transA, transB, expected, csd, 1e-4);
    }

    private static void compare(String routine, boolean transA, boolean transB, double[] expected,
                                double[] actual, double tolerance) {
        for (int i = 0; i < expected.length; i++) {
            // Entries are sums of at most 41 products of numbers in [-1, 1): a bound of
            // 1 + |expected| covers both small and large entries.
            if (!(Math.abs(expected[i] - actual[i]) <= tolerance * (1 + Math.abs(expected[i])))) {
                throw new IllegalStateException("smoke test failed: " + routine + (transA ? " A^T" : " A")
                        + (transB ? " B^T" : " B") + " gives " + actual[i] + " at index " + i
                        + " where " + expected[i] + " is expected");
            }
        }
    }

    private static double[] randomArray(Random random, int length) {
        double[] x = new double[length];
        for (int i = 0; i < length; i++) {
            // Values exactly representable in float, so both precisions see the same inputs.
            x[i] = (float) (2 * random.nextDouble() - 1);
        }
        return x;
    }

    private static float[] toFloat(double[] x) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) x[i];
        }
        return out;
    }
}
