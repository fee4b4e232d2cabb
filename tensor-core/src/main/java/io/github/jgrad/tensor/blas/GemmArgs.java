package io.github.jgrad.tensor.blas;

import java.util.Arrays;

/**
 * Argument checks and the {@code beta * C} pass shared by every backend.
 *
 * <p>The checks are exact (the last element a matrix touches must be inside its array), so that
 * a bad call fails with a Java exception naming the operand instead of reading out of bounds in
 * native code, where it would crash the JVM.
 */
final class GemmArgs {

    private GemmArgs() {
    }

    /** Checks a single-precision gemm call; see {@link #check(boolean, boolean, int, int, int, int, int, int, int, int, int, int, int, int)}. */
    static void check(boolean transA, boolean transB, int m, int n, int k,
                      float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                      float[] c, int cOffset, int ldc) {
        check(transA, transB, m, n, k, length(a), aOffset, lda, length(b), bOffset, ldb,
                length(c), cOffset, ldc);
    }

    /** Checks a double-precision gemm call; see {@link #check(boolean, boolean, int, int, int, int, int, int, int, int, int, int, int, int)}. */
    static void check(boolean transA, boolean transB, int m, int n, int k,
                      double[] a, int aOffset, int lda, double[] b, int bOffset, int ldb,
                      double[] c, int cOffset, int ldc) {
        check(transA, transB, m, n, k, length(a), aOffset, lda, length(b), bOffset, ldb,
                length(c), cOffset, ldc);
    }

    /**
     * Checks dimensions, leading dimensions and bounds; array lengths are -1 for null arrays.
     * Operands that the product does not read (any dimension 0) are not checked, so callers may
     * pass empty or null arrays for empty matrices.
     */
    static void check(boolean transA, boolean transB, int m, int n, int k,
                      int aLength, int aOffset, int lda, int bLength, int bOffset, int ldb,
                      int cLength, int cOffset, int ldc) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("gemm dimensions must be >= 0, got m=" + m + " n=" + n + " k=" + k);
        }
        if (m == 0 || n == 0) {
            return;
        }
        matrix("C", cLength, cOffset, ldc, m, n);
        if (k == 0) {
            return;
        }
        matrix("A", aLength, aOffset, lda, transA ? k : m, transA ? m : k);
        matrix("B", bLength, bOffset, ldb, transB ? n : k, transB ? k : n);
    }

    /** Checks one stored row-major matrix of {@code rows x cols} elements, both > 0. */
    private static void matrix(String name, int length, int offset, int ld, int rows, int cols) {
        if (length < 0) {
            throw new NullPointerException("gemm: array of " + name + " is null");
        }
        if (ld < cols) {
            throw new IllegalArgumentException("gemm: leading dimension of " + name + " is " + ld
                    + " but its stored rows have " + cols + " elements");
        }
        long end = (long) offset + (long) (rows - 1) * ld + cols;
        if (offset < 0 || end > length) {
            throw new IndexOutOfBoundsException("gemm: " + name + " (" + rows + "x" + cols + ", offset "
                    + offset + ", leading dimension " + ld + ") needs elements up to index " + (end - 1)
                    + " but its array has length " + length);
        }
    }

    /**
     * {@code C = beta * C} over the {@code m x n} block; {@code beta == 0} writes zeros so that
     * NaN or infinity already in C does not leak into the result.
     */
    static void scale(int m, int n, float beta, float[] c, int cOffset, int ldc) {
        if (beta == 1f) {
            return;
        }
        for (int i = 0; i < m; i++) {
            int row = cOffset + i * ldc;
            if (beta == 0f) {
                Arrays.fill(c, row, row + n, 0f);
            } else {
                for (int j = row; j < row + n; j++) {
                    c[j] *= beta;
                }
            }
        }
    }

    /** Double-precision {@link #scale(int, int, float, float[], int, int)}. */
    static void scale(int m, int n, double beta, double[] c, int cOffset, int ldc) {
        if (beta == 1d) {
            return;
        }
        for (int i = 0; i < m; i++) {
            int row = cOffset + i * ldc;
            if (beta == 0d) {
                Arrays.fill(c, row, row + n, 0d);
            } else {
                for (int j = row; j < row + n; j++) {
                    c[j] *= beta;
                }
            }
        }
    }

    private static int length(float[] x) {
        return x == null ? -1 : x.length;
    }

    private static int length(double[] x) {
        return x == null ? -1 : x.length;
    }
}
