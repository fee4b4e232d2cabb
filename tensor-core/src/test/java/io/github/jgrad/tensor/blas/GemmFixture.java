package io.github.jgrad.tensor.blas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;

/**
 * One random gemm call with its expected result from a naive triple loop in double precision.
 *
 * <p>Inputs are float values (so sgemm and dgemm see the same numbers), placed at an offset with
 * padded leading dimensions; the arrays optionally end right after the last element read, which
 * is where an off-by-one in a bounds check or a copy would show. Elements of C outside the
 * {@code m x n} block hold sentinels that must survive unchanged. With {@code beta == 0} the block
 * starts as NaN, which must not leak into the result.
 */
final class GemmFixture {

    final boolean transA;
    final boolean transB;
    final int m;
    final int n;
    final int k;
    final int aOffset;
    final int lda;
    final int bOffset;
    final int ldb;
    final int cOffset;
    final int ldc;
    final double alpha;
    final double beta;
    final double[] a;
    final double[] b;
    final double[] c;
    private final double[] expected;
    private final double[] magnitude;

    GemmFixture(Random random, boolean transA, boolean transB, int m, int n, int k,
                double alpha, double beta, boolean tight) {
        this.transA = transA;
        this.transB = transB;
        this.m = m;
        this.n = n;
        this.k = k;
        this.alpha = alpha;
        this.beta = beta;
        int aRows = transA ? k : m;
        int aCols = transA ? m : k;
        int bRows = transB ? n : k;
        int bCols = transB ? k : n;
        this.aOffset = random.nextInt(5);
        this.bOffset = random.nextInt(5);
        this.cOffset = random.nextInt(5);
        this.lda = aCols + random.nextInt(4);
        this.ldb = bCols + random.nextInt(4);
        this.ldc = n + random.nextInt(4);
        this.a = values(random, length(aOffset, lda, aRows, aCols, tight, random));
        this.b = values(random, length(bOffset, ldb, bRows, bCols, tight, random));
        this.c = values(random, length(cOffset, ldc, m, n, tight, random));
        if (beta == 0 && n > 0) {
            for (int i = 0; i < m; i++) {
                Arrays.fill(c, cOffset + i * ldc, cOffset + i * ldc + n, Double.NaN);
            }
        }
        this.expected = c.clone();
        this.magnitude = new double[c.length];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                double abs = 0;
                for (int p = 0; p < k; p++) {
                    double prod = (transA ? a[aOffset + p * lda + i] : a[aOffset + i * lda + p])
                            * (transB ? b[bOffset + j * ldb + p] : b[bOffset + p * ldb + j]);
                    sum += prod;
                    abs += Math.abs(prod);
                }
                int at = cOffset + i * ldc + j;
                double old = beta == 0 ? 0 : beta * c[at];
                expected[at] = alpha * sum + old;
                magnitude[at] = Math.abs(alpha) * abs + Math.abs(old);
            }
        }
    }

    private static int length(int offset, int ld, int rows, int cols, boolean tight, Random random) {
        if (rows == 0 || cols == 0) {
            return offset + random.nextInt(3);
        }
        return offset + (rows - 1) * ld + cols + (tight ? 0 : 1 + random.nextInt(6));
    }

    private static double[] values(Random random, int length) {
        double[] x = new double[length];
        for (int i = 0; i < length; i++) {
            x[i] = (float) (2 * random.nextDouble() - 1);
        }
        return x;
    }

    @Override
    public String toString() {
        return String.format("%s%s m=%d n=%d k=%d offsets=%d,%d,%d ld=%d,%d,%d alpha=%s beta=%s",
                transA ? "T" : "N", transB ? "T" : "N", m, n, k, aOffset, bOffset, cOffset, lda, ldb, ldc, alpha, beta);
    }

    /** Runs sgemm on copies and checks every element of C within float32 tolerance. */
    void checkSgemm(Blas blas) {
        float[] out = toFloat(c);
        blas.sgemm(transA, transB, m, n, k, (float) alpha, toFloat(a), aOffset, lda,
                toFloat(b), bOffset, ldb, (float) beta, out, cOffset, ldc);
        // Rounding error of a float sum of k products grows like sqrt(k) on random data; the
        // bound is relative to the sum of absolute terms, so cancellation cannot fail a correct
        // result while a wrong element (off by one whole product) still fails it.
        double tolerance = 1e-5 * Math.sqrt(Math.max(1, k));
        for (int i = 0; i < out.length; i++) {
            compare(blas, "sgemm", i, out[i], tolerance);
        }
    }

    /** Runs dgemm on copies and checks every element of C within 1e-12 relative. */
    void checkDgemm(Blas blas) {
        double[] out = c.clone();
        blas.dgemm(transA, transB, m, n, k, alpha, a.clone(), aOffset, lda,
                b.clone(), bOffset, ldb, beta, out, cOffset, ldc);
        for (int i = 0; i < out.length; i++) {
            compare(blas, "dgemm", i, out[i], 1e-12);
        }
    }

    private void compare(Blas blas, String routine, int index, double actual, double tolerance) {
        if (!inBlock(index)) {
            assertEquals(expected[index], actual, 0.0,
                    () -> blas.name() + " " + routine + " wrote outside C's block at " + index + ": " + this);
            return;
        }
        double error = Math.abs(actual - expected[index]);
        if (!(error <= tolerance * magnitude[index] + 1e-30)) {
            fail(blas.name() + " " + routine + " " + this + ": element " + index + " is " + actual
                    + ", expected " + expected[index] + " (error " + error + ", allowed "
                    + tolerance * magnitude[index] + ")");
        }
    }

    private boolean inBlock(int index) {
        int rel = index - cOffset;
        return m > 0 && n > 0 && rel >= 0 && rel / ldc < m && rel % ldc < n;
    }

    static float[] toFloat(double[] x) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) x[i];
        }
        return out;
    }
}
