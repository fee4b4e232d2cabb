package io.github.jgrad.tensor.blas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** How the provider chooses, forces, reports and refuses backends. */
class BlasProviderTest {

    private static final BlasProvider.Candidate JAVA = new BlasProvider.Candidate("java", "", "", JavaBlas::new);

    private static BlasProvider.Candidate failing(String name, Throwable error) {
        return new BlasProvider.Candidate(name, "apt-get install lib" + name, "org.example:" + name, () -> {
            if (error instanceof Error) {
                throw (Error) error;
            }
            throw (RuntimeException) error;
        });
    }

    @Test
    void unforcedChoiceIsTheFirstBackendThatLoads() {
        BlasProvider.Selection selection = BlasProvider.choose(null);
        assertSame(BlasProvider.available().get(0), selection.chosen());
        assertNull(selection.forced());
        BlasProvider.Attempt last = selection.attempts().get(selection.attempts().size() - 1);
        assertSame(selection.chosen(), last.backend());
        assertTrue(selection.attempts().subList(0, selection.attempts().size() - 1).stream()
                .noneMatch(BlasProvider.Attempt::loaded));
        assertSame(selection.chosen(), BlasProvider.choose("  ").chosen(), "a blank property counts as unset");
    }

    @Test
    void propertyValueForcesTheNamedBackend() {
        for (Blas blas : BlasProvider.available()) {
            BlasProvider.Selection selection = BlasProvider.choose(" " + blas.name().toUpperCase() + " ");
            assertSame(blas, selection.chosen());
            assertEquals(blas.name(), selection.chosen().name());
            assertEquals(1, selection.attempts().size(), "a forced choice tries nothing else");
            assertTrue(selection.summary().contains("forced by -Djgrad.blas="), selection.summary());
        }
        assertEquals("java", BlasProvider.choose("java").chosen().name());
    }

    @Test
    void unknownNameIsRejectedListingTheAcceptedNames() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BlasProvider.choose("cuda"));
        assertTrue(e.getMessage().contains("'cuda'"), e.getMessage());
        assertTrue(e.getMessage().contains("netlib, jblas, java"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BlasProvider.load("openblas"));
    }

    @Test
    void forcedBackendThatFailsToLoadIsAnIllegalStateNamingTheFix() {
        BlasProvider.Candidate broken = failing("fastblas",
                new UnsatisfiedLinkError("libfastblas.so.1: cannot open shared object file"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> BlasProvider.choose("fastblas", List.of(broken, JAVA)));
        assertTrue(e.getMessage().contains("apt-get install libfastblas"), e.getMessage());
        assertTrue(e.getMessage().contains("libfastblas.so.1: cannot open shared object file"), e.getMessage());
    }

    @Test
    void failedFasterBackendsAreSkippedAndReportedWithTheirFix() {
        BlasProvider.Selection selection = BlasProvider.choose(null, List.of(
                failing("fastblas", new ExceptionInInitializerError(new UnsatisfiedLinkError("no libfastblas"))),
                failing("jarless", new NoClassDefFoundError("org/example/Jarless")),
                JAVA));
        assertEquals("java", selection.chosen().name());
        assertEquals(List.of("fastblas", "jarless", "java"),
                selection.attempts().stream().map(BlasProvider.Attempt::name).toList());
        BlasProvider.Attempt fast = selection.attempts().get(0);
        assertFalse(fast.loaded());
        assertEquals("UnsatisfiedLinkError: no libfastblas", fast.failure());
        assertEquals("add the Maven dependency org.example:jarless", selection.attempts().get(1).installHint());
        String summary = selection.summary();
        assertFalse(summary.contains("\n"), "one log line");
        assertTrue(summary.startsWith("jgrad BLAS backend: java"), summary);
        assertTrue(summary.contains("skipped fastblas: UnsatisfiedLinkError: no libfastblas; to enable it: "
                + "apt-get install libfastblas"), summary);
    }

    @Test
    void backendThatComputesWrongNumbersFailsTheSmokeTest() {
        Blas offByOne = new Blas() {
            @Override
            public String name() {
                return "wrong";
            }

            @Override
            public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, float[] a,
                              int aOffset, int lda, float[] b, int bOffset, int ldb, float beta, float[] c,
                              int cOffset, int ldc) {
                // Drops the last step of k, as a kernel with a remainder bug would.
                JavaBlas.INSTANCE.sgemm(transA, transB, m, n, k - 1, alpha, a, aOffset, lda, b, bOffset, ldb,
                        beta, c, cOffset, ldc);
            }

            @Override
            public void dgemm(boolean transA, boolean transB, int m, int n, int k, double alpha, double[] a,
                              int aOffset, int lda, double[] b, int bOffset, int ldb, double beta, double[] c,
                              int cOffset, int ldc) {
                JavaBlas.INSTANCE.dgemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb,
                        beta, c, cOffset, ldc);
            }
        };
        BlasProvider.Selection selection = BlasProvider.choose(null,
                List.of(new BlasProvider.Candidate("wrong", "nothing", "", () -> offByOne), JAVA));
        assertEquals("java", selection.chosen().name());
        assertTrue(selection.attempts().get(0).failure().contains("smoke test failed: sgemm"),
                selection.attempts().get(0).failure());
    }

    @Test
    void loadAndAvailableAgreeWithDiagnostics() {
        List<BlasProvider.Attempt> diagnostics = BlasProvider.diagnostics();
        assertEquals(BlasProvider.NAMES, diagnostics.stream().map(BlasProvider.Attempt::name).toList());
        for (BlasProvider.Attempt attempt : diagnostics) {
            assertEquals(attempt.loaded(), BlasProvider.load(attempt.name()).isPresent());
            assertEquals(attempt.loaded(), BlasProvider.available().contains(attempt.backend()));
        }
        assertTrue(BlasProvider.load("java").isPresent(), "the Java backend always loads");
        assertSame(BlasProvider.load("java").get(), BlasProvider.load("java").get(), "loaded once");
    }

    @Test
    void netlibNeverHidesItsJavaFallback() {
        BlasProvider.load("netlib").ifPresent(blas -> {
            String implementation = ((NetlibBlas) blas).implementation();
            assertEquals("dev.ludovic.netlib.blas.JNIBLAS", implementation);
        });
    }

    @Test
    void childJvmForcedToJavaLogsOneLineNamingIt() throws Exception {
        Child child = runChild("-Djgrad.blas=java");
        assertEquals("chosen=java same=true", child.stdout.trim());
        assertEquals(1, count(child.stderr, "jgrad BLAS backend:"), child.stderr);
        assertTrue(child.stderr.contains("jgrad BLAS backend: java"), child.stderr);
    }

    @Test
    void childJvmWithUnknownNameFailsWithTheAcceptedNames() throws Exception {
        Child child = runChild("-Djgrad.blas=gpu");
        assertEquals(2, child.exit);
        assertTrue(child.stdout.contains("error=java.lang.IllegalArgumentException"), child.stdout);
        assertTrue(child.stdout.contains("netlib, jblas, java"), child.stdout);
    }

    @Test
    void childJvmForcedToNetlibWithoutItsLibraryNamesThePackage() throws Exception {
        Child child = runChild("-Djgrad.blas=netlib", "-Ddev.ludovic.netlib.blas.nativeLib=libjgrad-absent.so.3");
        assertEquals(2, child.exit);
        assertTrue(child.stdout.contains("error=java.lang.IllegalStateException"), child.stdout);
        assertTrue(child.stdout.contains("libjgrad-absent.so.3"), child.stdout);
        assertTrue(child.stdout.contains("apt-get install libopenblas0-pthread"), child.stdout);
        assertFalse(child.stderr.contains("UnsatisfiedLinkError"), child.stderr);
    }

    @Test
    void childJvmWithoutNetlibLibraryFallsBackAndSaysWhatToInstall() throws Exception {
        Child child = runChild("-Ddev.ludovic.netlib.blas.nativeLib=libjgrad-absent.so.3");
        assertEquals(0, child.exit, child.stderr);
        assertFalse(child.stdout.contains("chosen=netlib"), child.stdout);
        assertEquals(1, count(child.stderr, "jgrad BLAS backend:"), child.stderr);
        assertTrue(child.stderr.contains("skipped netlib"), child.stderr);
        assertTrue(child.stderr.contains("apt-get install libopenblas0-pthread"), child.stderr);
    }

    private record Child(int exit, String stdout, String stderr) {
    }

    private static Child runChild(String... properties) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        command.addAll(List.of(properties));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ProviderMain.class.getName());
        Process process = new ProcessBuilder(command).start();
        // The outputs are small, so reading them one after the other cannot fill a pipe and block.
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "child JVM timed out");
        return new Child(process.exitValue(), stdout, stderr);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }
}
