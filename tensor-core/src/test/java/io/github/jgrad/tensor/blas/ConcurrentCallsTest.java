package io.github.jgrad.tensor.blas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link Blas} promises that instances are thread-safe: every backend, called from two threads at
 * once, must give each caller the product it gives a caller alone, bit for bit. jblas' bundled
 * library does not on its own, which is why {@link JBlasBlas} serialises its calls; that only
 * shows in a process where jblas is the first BLAS loaded (once the system OpenBLAS is loaded,
 * jblas' calls may resolve to it), so jblas is checked in a child JVM of its own.
 */
class ConcurrentCallsTest {
    private static final int N = 96;
    private static final int CALLS_PER_THREAD = 3000;

    @TestFactory
    Stream<DynamicTest> twoThreadsAtOnceGetTheProductOneThreadGets() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Blas blas : BlasProvider.available()) {
            tests.add(DynamicTest.dynamicTest(blas.name(), () -> assertEquals(0, wrongProducts(blas),
                    blas + ": products that differed from the product computed alone")));
        }
        return tests.stream();
    }

    @Test
    void jblasLoadedAloneGivesEveryCallerTheRightProduct() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(java.toString(), "-cp", classPath, ConcurrentCallsTest.class.getName())
                .redirectErrorStream(true).start();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child did not finish");
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (out.contains("jblas unavailable")) {
            return; // jblas does not load on this machine; BackendParityTest requires it on CI
        }
        assertEquals(0, child.exitValue(), out);
        assertTrue(out.endsWith("wrong products: 0"), out);
    }

    /** The child: jblas alone in its process, called from two threads at once. */
    public static void main(String[] args) throws InterruptedException {
        JBlasBlas jblas;
        try {
            jblas = new JBlasBlas();
        } catch (IllegalStateException e) {
            System.out.println("jblas unavailable: " + e.getMessage());
            return;
        }
        int wrong = wrongProducts(jblas);
        System.out.println("wrong products: " + wrong);
        System.exit(wrong == 0 ? 0 : 1);
    }

    /** How many of two threads' concurrent products differ from the product computed alone. */
    private static int wrongProducts(Blas blas) throws InterruptedException {
        Random random = new Random(11);
        float[] a = new float[N * N];
        float[] b = new float[N * N];
        for (int i = 0; i < a.length; i++) {
            a[i] = random.nextFloat();
            b[i] = random.nextFloat();
        }
        float[] alone = new float[N * N];
        blas.sgemm(false, false, N, N, N, 1f, a, 0, N, b, 0, N, 0f, alone, 0, N);
        AtomicInteger wrong = new AtomicInteger();
        Runnable caller = () -> {
            float[] c = new float[N * N];
            for (int call = 0; call < CALLS_PER_THREAD; call++) {
                blas.sgemm(false, false, N, N, N, 1f, a, 0, N, b, 0, N, 0f, c, 0, N);
                if (!Arrays.equals(c, alone)) {
                    wrong.incrementAndGet();
                }
            }
        };
        Thread first = new Thread(caller);
        Thread second = new Thread(caller);
        first.start();
        second.start();
        first.join();
        second.join();
        return wrong.get();
    }
}
