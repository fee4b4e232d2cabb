package io.github.jgrad.tensor.blas;

/**
 * General matrix multiply on row-major arrays: {@code C = alpha * op(A) * op(B) + beta * C},
 * where {@code op(X)} is {@code X} or its transpose. Transposes are flags, never copies.
 *
 * <p>All matrices are row-major: element {@code (i, j)} of a matrix with leading dimension
 * {@code ld} sits at {@code offset + i * ld + j}. {@code op(A)} is {@code m x k}, {@code op(B)}
 * is {@code k x n} and {@code C} is {@code m x n}. When {@code beta == 0}, {@code C} is
 * overwritten and its previous contents (even NaN) are ignored.
 *
 * <p>Implementations: {@link NetlibBlas} (system OpenBLAS), {@link JBlasBlas} (jblas' bundled
 * native library) and {@link JavaBlas} (pure Java, always available). {@link #get()} returns
 * the one chosen at start by {@link BlasProvider}. Every implementation checks its arguments
 * (dimensions {@code >= 0}, leading dimensions at least the stored row length, every element
 * read or written inside its array) and throws a Java exception instead of touching memory
 * outside an array; matrices with no elements are not checked and their arrays may be empty.
 * Implementations are thread-safe; calls that write disjoint parts of C may run concurrently.
 */
public interface Blas {

    /** Short name of this backend, as accepted by the {@code jgrad.blas} system property. */
    String name();

    /** Single-precision row-major gemm; see the interface documentation. */
    void sgemm(boolean transA, boolean transB, int m, int n, int k,
               float alpha, float[] a, int aOffset, int lda,
               float[] b, int bOffset, int ldb,
               float beta, float[] c, int cOffset, int ldc);

    /** Double-precision row-major gemm; see the interface documentation. */
    void dgemm(boolean transA, boolean transB, int m, int n, int k,
               double alpha, double[] a, int aOffset, int lda,
               double[] b, int bOffset, int ldb,
               double beta, double[] c, int cOffset, int ldc);

    /** The backend chosen at start (the fastest one that loaded and passed its smoke test). */
    static Blas get() {
        return BlasProvider.current();
    }
}
