package io.github.jgrad.tensor.blas;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Bad arguments fail with a Java exception on every backend, before any native code could read
 * or write outside an array; empty products accept empty arrays.
 */
class GemmArgumentCheckTest {

    @TestFactory
    Stream<DynamicTest> badCallsAreRejectedByEveryBackend() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Blas blas : BlasProvider.available()) {
            tests.add(DynamicTest.dynamicTest(blas.name(), () -> checkRejections(blas)));
        }
        return tests.stream();
    }

    private static void checkRejections(Blas blas) {
        float[] a = new float[6]; // 2x3
        float[] b = new float[12]; // 3x4
        float[] c = new float[8]; // 2x4
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> blas.sgemm(false, false, -1, 4, 3, 1f, a, 0, 3, b, 0, 4, 0f, c, 0, 4));
        assertTrue(negative.getMessage().contains("m=-1"), negative.getMessage());
        IllegalArgumentException shortLd = assertThrows(IllegalArgumentException.class,
                () -> blas.sgemm(false, false, 2, 4, 3, 1f, a, 0, 2, b, 0, 4, 0f, c, 0, 4));
        assertTrue(shortLd.getMessage().contains("of A"), shortLd.getMessage());
        // B one element short: offset 1 pushes its last element past the end.
        IndexOutOfBoundsException pastB = assertThrows(IndexOutOfBoundsException.class,
                () -> blas.sgemm(false, false, 2, 4, 3, 1f, a, 0, 3, b, 1, 4, 0f, c, 0, 4));
        assertTrue(pastB.getMessage().contains("B"), pastB.getMessage());
        // C transposed-size mistake: ldc 5 needs 9 elements, the array has 8.
        assertThrows(IndexOutOfBoundsException.class,
                () -> blas.dgemm(false, false, 2, 4, 3, 1.0, new double[6], 0, 3, new double[12], 0, 4,
                        0.0, new double[8], 0, 5));
        assertThrows(NullPointerException.class,
                () -> blas.dgemm(true, true, 2, 4, 3, 1.0, null, 0, 2, new double[12], 0, 3,
                        0.0, new double[8], 0, 4));
        // Empty products touch nothing, so empty arrays are fine.
        blas.sgemm(false, false, 0, 4, 3, 1f, new float[0], 0, 3, b, 0, 4, 0f, new float[0], 0, 4);
        blas.dgemm(true, false, 2, 0, 3, 1.0, new double[6], 0, 2, new double[0], 0, 0, 0.0, new double[0], 0, 0);
    }
}
