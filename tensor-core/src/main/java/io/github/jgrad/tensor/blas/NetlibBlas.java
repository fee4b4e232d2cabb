package io.github.jgrad.tensor.blas;

import dev.ludovic.netlib.blas.JavaBLAS;
import io.github.jgrad.tensor.Parallel;
import dev.ludovic.netlib.blas.NativeBLAS;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The system BLAS (on Debian: OpenBLAS behind {@code libblas.so.3}) through dev.ludovic.netlib's
 * JNI binding.
 *
 * <p>netlib's own {@code BLAS.getInstance()} quietly falls back to a Java implementation when the
 * native library is missing; this class accepts only the native one and fails otherwise. netlib
 * opens {@code libblas.so.3} by default; the system properties
 * {@code dev.ludovic.netlib.blas.nativeLib} (a library name) or
 * {@code dev.ludovic.netlib.blas.nativeLibPath} (a full path) choose another, and must be set
 * before the first use.
 *
 * <p>The binding is column-major. A row-major {@code C = op(A) op(B)} is the column-major
 * {@code C^T = op(B)^T op(A)^T}, and a row-major matrix read column-major is its transpose, so
 * each call passes B before A with {@code m} and {@code n} swapped and the same transpose flags.
 * Instances are thread-safe.
 *
 * <p>Threads: when the library is OpenBLAS, it is set to one thread per call and large products
 * are cut into bands on jgrad's thread budget ({@link GemmSplit}), so one budget covers the
 * products and jgrad's other parallel kernels, and the product is the same bits at any thread
 * count. Any other library is called as it is.
 *
 * <p>Kernels: on Linux, before the library loads, {@link OpenBlasCoreType} may point a
 * runtime-dispatching OpenBLAS at its AVX-512 kernels on a CPU it is too old to recognise.
 */
public final class NetlibBlas implements Blas {

    /** What to install when this backend cannot load (Debian or Ubuntu). */
    public static final String INSTALL_HINT = "apt-get install libopenblas0-pthread";

    private final NativeBLAS blas;
    private final String library;
    /** Threads a product may be split over: jgrad's budget when OpenBLAS runs one thread per call. */
    private final int threads;
    /** The kernels OpenBLAS runs (its core name), or null for another library. */
    private final String coreName;

    /**
     * Loads the native binding.
     *
     * @throws IllegalStateException if the JNI library or the system BLAS cannot be loaded; the
     *                               message names the cause and {@link #INSTALL_HINT}
     */
    public NetlibBlas() {
        OpenBlasCoreType.applyBeforeLoad();
        this.blas = loadNative();
        this.library = mappedBlasLibrary().orElse("unknown library");
        this.threads = OpenBlasThreads.pinToOneThread(library) ? Parallel.WORKERS : 1;
        this.coreName = OpenBlasCoreType.loadedCoreName(library);
    }

    private static NativeBLAS loadNative() {
        String binding = String.format("resources/native/%s-%s/libnetlibblasjni.so",
                System.getProperty("os.name"), System.getProperty("os.arch"));
        if (NetlibBlas.class.getClassLoader().getResource(binding) == null) {
            throw new IllegalStateException("netlib has no JNI binding for this platform (" + binding + ")");
        }
        try {
            // Initialising the JNI class ourselves surfaces its load error; netlib's own loader
            // would swallow it and log a warning of its own.
            Class.forName("dev.ludovic.netlib.blas.JNIBLAS", true, NetlibBlas.class.getClassLoader());
            NativeBLAS instance = nativeInstanceQuietly();
            if (instance instanceof JavaBLAS) {
                throw new IllegalStateException("netlib returned its Java fallback " + instance.getClass().getName());
            }
            return instance;
        } catch (ExceptionInInitializerError e) {
            throw unavailable(e.getCause() == null ? e : e.getCause());
        } catch (LinkageError | RuntimeException | ClassNotFoundException e) {
            throw unavailable(e);
        }
    }

    /**
     * {@code NativeBLAS.getInstance()} with netlib's loader logger silenced: the loader also
     * builds netlib's Java fallback, which warns that the incubating Vector API is not enabled;
     * that fallback is never used here, so the warning would only mislead.
     */
    private static NativeBLAS nativeInstanceQuietly() {
        Logger loaderLog = Logger.getLogger("dev.ludovic.netlib.blas.InstanceBuilder");
        Level previous = loaderLog.getLevel();
        loaderLog.setLevel(Level.SEVERE);
        try {
            return NativeBLAS.getInstance();
        } finally {
            loaderLog.setLevel(previous);
        }
    }

    private static IllegalStateException unavailable(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String reason = root.getClass().getSimpleName() + ": " + root.getMessage();
        if (root instanceof UnsatisfiedLinkError && String.valueOf(root.getMessage()).contains("JNI version")) {
            // The binding's JNI_OnLoad reports a failed dlopen of the BLAS only as a bad version.
            reason = "the JNI binding could not open " + System.getProperty("dev.ludovic.netlib.blas.nativeLibPath",
                    System.getProperty("dev.ludovic.netlib.blas.nativeLib", "libblas.so.3"));
        }
        return new IllegalStateException("netlib native BLAS unavailable (" + reason
                + "); install the system BLAS: " + INSTALL_HINT, cause);
    }

    /**
     * The BLAS shared library this process has mapped, read from {@code /proc/self/maps} on Linux,
     * so the log names what {@code libblas.so.3} actually resolved to (OpenBLAS pthread or
     * OpenMP flavour, or the slow reference BLAS).
     */
    private static Optional<String> mappedBlasLibrary() {
        Path maps = Path.of("/proc/self/maps");
        if (!Files.isReadable(maps)) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(maps)) {
            return lines.map(line -> line.substring(line.indexOf('/') < 0 ? line.length() : line.indexOf('/')))
                    .filter(path -> path.contains("blas") && !path.contains("netlibblasjni") && !path.contains("jblas"))
                    .filter(path -> path.contains(".so"))
                    .findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public String name() {
        return "netlib";
    }

    /** The netlib class doing the work (a JNI class, never netlib's Java fallback). */
    public String implementation() {
        return blas.getClass().getName();
    }

    /** Path of the native BLAS library the process loaded, or "unknown library". */
    public String library() {
        return library;
    }

    /**
     * How many of jgrad's threads one product may use: its thread budget when the library is
     * OpenBLAS, which then runs one thread per call; 1 for a library left to thread itself.
     */
    public int threads() {
        return threads;
    }

    /** The kernels OpenBLAS runs on this CPU (such as {@code SkylakeX}), or null when the library is not OpenBLAS. */
    public String coreName() {
        return coreName;
    }

    @Override
    public String toString() {
        return "netlib (" + implementation() + " over " + library + (coreName == null ? "" : ", " + coreName + " kernels")
                + ", " + threads + " threads)";
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
            GemmArgs.scale(m, n, beta, c, cOffset, ldc);
            return;
        }
        int parts = GemmSplit.parts(transA, transB, m, n, k, threads);
        if (parts > 1) {
            GemmSplit.sgemm(this::sgemmOneCall, parts, transA, transB, m, n, k, alpha, a, aOffset, lda,
                    b, bOffset, ldb, beta, c, cOffset, ldc);
        } else {
            sgemmOneCall(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
        }
    }

    private void sgemmOneCall(boolean transA, boolean transB, int m, int n, int k,
                              float alpha, float[] a, int aOffset, int lda,
                              float[] b, int bOffset, int ldb,
                              float beta, float[] c, int cOffset, int ldc) {
        // netlib's bounds check wants offset + rows * ld elements, one partial row more than a
        // row-major matrix needs; a tight trailing view is copied to a packed array instead.
        int aRows = transA ? k : m;
        int aCols = transA ? m : k;
        if ((long) aOffset + (long) aRows * lda > a.length) {
            a = Compact.copy(a, aOffset, lda, aRows, aCols);
            aOffset = 0;
            lda = aCols;
        }
        int bRows = transB ? n : k;
        int bCols = transB ? k : n;
        if ((long) bOffset + (long) bRows * ldb > b.length) {
            b = Compact.copy(b, bOffset, ldb, bRows, bCols);
            bOffset = 0;
            ldb = bCols;
        }
        blas.sgemm(transB ? "T" : "N", transA ? "T" : "N", n, m, k,
                alpha, b, bOffset, ldb, a, aOffset, lda, beta, c, cOffset, ldc);
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
        int parts = GemmSplit.parts(transA, transB, m, n, k, threads);
        if (parts > 1) {
            GemmSplit.dgemm(this::dgemmOneCall, parts, transA, transB, m, n, k, alpha, a, aOffset, lda,
                    b, bOffset, ldb, beta, c, cOffset, ldc);
        } else {
            dgemmOneCall(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
        }
    }

    private void dgemmOneCall(boolean transA, boolean transB, int m, int n, int k,
                              double alpha, double[] a, int aOffset, int lda,
                              double[] b, int bOffset, int ldb,
                              double beta, double[] c, int cOffset, int ldc) {
        int aRows = transA ? k : m;
        int aCols = transA ? m : k;
        if ((long) aOffset + (long) aRows * lda > a.length) {
            a = Compact.copy(a, aOffset, lda, aRows, aCols);
            aOffset = 0;
            lda = aCols;
        }
        int bRows = transB ? n : k;
        int bCols = transB ? k : n;
        if ((long) bOffset + (long) bRows * ldb > b.length) {
            b = Compact.copy(b, bOffset, ldb, bRows, bCols);
            bOffset = 0;
            ldb = bCols;
        }
        blas.dgemm(transB ? "T" : "N", transA ? "T" : "N", n, m, k,
                alpha, b, bOffset, ldb, a, aOffset, lda, beta, c, cOffset, ldc);
    }

    /** Copies of strided matrices into packed arrays ({@code ld == cols}). */
    private static final class Compact {
        private Compact() {
        }

        static float[] copy(float[] x, int offset, int ld, int rows, int cols) {
            float[] out = new float[rows * cols];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(x, offset + r * ld, out, r * cols, cols);
            }
            return out;
        }

        static double[] copy(double[] x, int offset, int ld, int rows, int cols) {
            double[] out = new double[rows * cols];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(x, offset + r * ld, out, r * cols, cols);
            }
            return out;
        }
    }
}
