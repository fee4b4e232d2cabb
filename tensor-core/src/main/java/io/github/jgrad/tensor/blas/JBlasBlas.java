package io.github.jgrad.tensor.blas;

import org.jblas.NativeBlas;

/**
 * jblas' bundled native BLAS (it needs the system's {@code libgfortran.so.5}).
 *
 * <p>jblas reports load problems by printing to stderr and carrying on; the failure only shows
 * as an {@link UnsatisfiedLinkError} on the first call. The constructor therefore quiets jblas'
 * logger to warnings and makes one tiny call, turning any failure into an
 * {@link IllegalStateException} that names what to install.
 *
 * <p>Like {@link NetlibBlas}, the binding is column-major and each call passes B before A with
 * {@code m} and {@code n} swapped and the same transpose flags. jblas does not check array bounds,
 * so every call is checked here first.
 *
 * <p>Instances are thread-safe because calls are serialised: jblas' bundled library gives wrong
 * products when two threads call it at once (two threads repeating one 96x96x96 product got 14
 * results of 6,000 that differed from the product computed alone).
 */
public final class JBlasBlas implements Blas {

    /** One call into jblas' library at a time, across all instances. */
    private static final Object CALL = new Object();

    /** What to install when this backend cannot load (Debian or Ubuntu). */
    public static final String INSTALL_HINT = "apt-get install libgfortran5";

    /**
     * Loads jblas' native library.
     *
     * @throws IllegalStateException if it cannot be loaded; the message names the cause and
     *                               {@link #INSTALL_HINT}
     */
    public JBlasBlas() {
        try {
            // jblas logs each step of unpacking its library to stderr at INFO; keep only problems.
            org.jblas.util.Logger.getLogger().setLevel(org.jblas.util.Logger.WARNING);
            float[] one = {1f};
            NativeBlas.sgemm('N', 'N', 1, 1, 1, 1f, one, 0, 1, one, 0, 1, 0f, new float[1], 0, 1);
        } catch (ExceptionInInitializerError e) {
            throw unavailable(e.getCause() == null ? e : e.getCause());
        } catch (LinkageError | RuntimeException e) {
            throw unavailable(e);
        }
    }

    private static IllegalStateException unavailable(Throwable cause) {
        return new IllegalStateException("jblas native library unavailable (" + cause.getClass().getSimpleName()
                + ": " + cause.getMessage() + "); it needs libgfortran.so.5: " + INSTALL_HINT, cause);
    }

    @Override
    public String name() {
        return "jblas";
    }

    @Override
    public String toString() {
        return "jblas (org.jblas.NativeBlas, bundled native library)";
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k,
                      float alpha, float[] a, int aOffset, int lda,
                      float[] b, int bOffset, int ldb,
                      float beta, float[] c, int cOffset, int ldc) {
        GemmArgs.check(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0 || alpha == 0f) {
            // Fortran BLAS would not touch A or B here either, but may still reject their lda.
            GemmArgs.scale(m, n, beta, c, cOffset, ldc);
            return;
        }
        synchronized (CALL) {
            NativeBlas.sgemm(transB ? 'T' : 'N', transA ? 'T' : 'N', n, m, k,
                    alpha, b, bOffset, ldb, a, aOffset, lda, beta, c, cOffset, ldc);
        }
    }

    @Override
    public void dgemm(boolean transA, boolean transB, int m, int n, int k,
                      double alpha, double[] a, int aOffset, int lda,
                      double[] b, int bOffset, int ldb,
                      double beta, double[] c, int cOffset, int ldc) {
        GemmArgs.check(transA, transB, m, n, k, a, aOffset, lda, b, bOffset, ldb, c, cOffset, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0 || alpha == 0d) {
            GemmArgs.scale(m, n, beta, c, cOffset, ldc);
            return;
        }
        synchronized (CALL) {
            NativeBlas.dgemm(transB ? 'T' : 'N', transA ? 'T' : 'N', n, m, k,
                    alpha, b, bOffset, ldb, a, aOffset, lda, beta, c, cOffset, ldc);
        }
    }
}
