package io.github.jgrad.tensor.blas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The multi-threaded path of {@link JavaBlas} gives bit-for-bit the result of the serial path,
 * for splits by rows and by columns, and that result matches the reference.
 */
class JavaBlasParallelTest {

    @ParameterizedTest(name = "{0}x{1}x{2} transA={3} transB={4}")
    @CsvSource({
        "300, 260, 280, false, false", // split by rows
        "301, 259, 281, true, true", // rows not a multiple of the register block
        "258, 300, 270, true, false",
        "3, 1500, 500, false, true", // too few rows: split by columns
        "2, 1030, 1100, true, false",
    })
    void parallelProductEqualsSerialProductExactly(int m, int n, int k, boolean transA, boolean transB) {
        assertTrue(2L * m * n * k >= JavaBlas.PARALLEL_FLOPS, "shape must take the parallel path");
        JavaBlas serial = new JavaBlas(1);
        JavaBlas parallel = new JavaBlas(2);
        assertEquals(1, serial.parts(m, n, k));
        assertEquals(2, parallel.parts(m, n, k), "the product must really be split");
        GemmFixture fixture = new GemmFixture(new Random(m * 7L + n), transA, transB, m, n, k, 0.5, -1.0, true);

        float[] a = GemmFixture.toFloat(fixture.a);
        float[] b = GemmFixture.toFloat(fixture.b);
        float[] cSerial = GemmFixture.toFloat(fixture.c);
        float[] cParallel = cSerial.clone();
        serial.sgemm(transA, transB, m, n, k, 0.5f, a, fixture.aOffset, fixture.lda, b, fixture.bOffset,
                fixture.ldb, -1f, cSerial, fixture.cOffset, fixture.ldc);
        parallel.sgemm(transA, transB, m, n, k, 0.5f, a, fixture.aOffset, fixture.lda, b, fixture.bOffset,
                fixture.ldb, -1f, cParallel, fixture.cOffset, fixture.ldc);
        assertArrayEquals(cSerial, cParallel);
        fixture.checkSgemm(parallel);

        double[] dSerial = fixture.c.clone();
        double[] dParallel = fixture.c.clone();
        serial.dgemm(transA, transB, m, n, k, 0.5, fixture.a, fixture.aOffset, fixture.lda, fixture.b,
                fixture.bOffset, fixture.ldb, -1.0, dSerial, fixture.cOffset, fixture.ldc);
        parallel.dgemm(transA, transB, m, n, k, 0.5, fixture.a, fixture.aOffset, fixture.lda, fixture.b,
                fixture.bOffset, fixture.ldb, -1.0, dParallel, fixture.cOffset, fixture.ldc);
        assertArrayEquals(dSerial, dParallel);
        fixture.checkDgemm(parallel);
    }
}
