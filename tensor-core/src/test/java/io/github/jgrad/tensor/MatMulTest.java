package io.github.jgrad.tensor;

import static io.github.jgrad.tensor.TestSupport.assertMatches;
import static io.github.jgrad.tensor.TestSupport.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Matrix products through {@link Tensor#matmul} against naive triple loops. */
class MatMulTest {

    /** Which operands are batched. */
    enum Layout { MATRIX_MATRIX, BATCH_BATCH, BATCH_MATRIX, MATRIX_BATCH }

    private static int[] operandShape(boolean batched, int batch, int rows, int cols, boolean transposed) {
        int r = transposed ? cols : rows;
        int c = transposed ? rows : cols;
        return batched ? new int[] {batch, r, c} : new int[] {r, c};
    }

    private static double tolerance(DType dtype) {
        return dtype == DType.F32 ? 1e-4 : 1e-12;
    }

    @Property(tries = 200)
    void matmulOfEveryLayoutAndTransposeFlagMatchesNaiveLoops(@ForAll Layout layout, @ForAll boolean transA,
                                                             @ForAll boolean transB, @ForAll DType dtype,
                                                             @ForAll @IntRange(min = 0, max = 5) int m,
                                                             @ForAll @IntRange(min = 0, max = 5) int k,
                                                             @ForAll @IntRange(min = 0, max = 5) int n,
                                                             @ForAll @IntRange(min = 0, max = 3) int batch,
                                                             @ForAll Random r) {
        boolean aBatched = layout == Layout.BATCH_BATCH || layout == Layout.BATCH_MATRIX;
        boolean bBatched = layout == Layout.BATCH_BATCH || layout == Layout.MATRIX_BATCH;
        Tensor a = random(r, dtype, operandShape(aBatched, batch, m, k, transA));
        Tensor b = random(r, dtype, operandShape(bBatched, batch, k, n, transB));
        Tensor c = a.matmul(b, transA, transB);
        NaiveTensor expected = NaiveTensor.matmul(NaiveTensor.of(a), NaiveTensor.of(b), transA, transB);
        assertEquals(dtype, c.dtype());
        assertMatches(expected, c, tolerance(dtype), tolerance(dtype));
    }

    @Property(tries = 50)
    void matmulIntoAGivenOutputOverwritesStaleValues(@ForAll boolean transA, @ForAll boolean transB,
                                                     @ForAll DType dtype, @ForAll Random r) {
        Tensor a = random(r, dtype, operandShape(true, 2, 3, 4, transA));
        Tensor b = random(r, dtype, operandShape(false, 0, 4, 2, transB));
        Tensor out = Tensor.full(dtype, Shape.of(2, 3, 2), Double.NaN);
        MatMul.matmul(a, b, transA, transB, out);
        assertArrayEquals(a.matmul(b, transA, transB).toDoubleArray(), out.toDoubleArray());
    }

    @Property(tries = 100)
    void linearMatchesNaiveProductPlusBias(@ForAll DType dtype,
                                           @ForAll @IntRange(min = 0, max = 5) int n,
                                           @ForAll @IntRange(min = 0, max = 5) int out,
                                           @ForAll boolean wide, @ForAll Random r) {
        // wide: more input features than one gemm block, so gemm adds partial sums to the bias
        int in = wide ? 300 + r.nextInt(300) : r.nextInt(6);
        Tensor x = random(r, dtype, n, in);
        Tensor w = random(r, dtype, out, in);
        Tensor bias = random(r, dtype, out);
        Tensor y = MatMul.linear(x, w, bias);
        NaiveTensor product = NaiveTensor.matmul(NaiveTensor.of(x), NaiveTensor.of(w), false, true);
        double[] expected = product.data.clone();
        for (int i = 0; i < expected.length; i++) {
            expected[i] += bias.getDouble(i % Math.max(1, out));
        }
        assertEquals(Shape.of(n, out), y.shape());
        double t = dtype == DType.F32 ? 1e-4 * Math.max(1, Math.sqrt(in)) : 1e-12 * Math.max(1, in);
        double[] actual = y.toDoubleArray();
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], t * (1 + Math.abs(expected[i])), "element " + i);
        }
    }

    @Property(tries = 30)
    void linearIntoAGivenOutputOverwritesStaleValues(@ForAll DType dtype, @ForAll Random r) {
        Tensor x = random(r, dtype, 3, 4);
        Tensor w = random(r, dtype, 2, 4);
        Tensor bias = random(r, dtype, 2);
        Tensor out = Tensor.full(dtype, Shape.of(3, 2), Double.NaN);
        MatMul.linear(x, w, bias, out);
        assertArrayEquals(MatMul.linear(x, w, bias).toDoubleArray(), out.toDoubleArray());
    }

    @Example
    void handWorkedLinearWithBias() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor w = Tensor.of(new double[] {1, 0, -1, 2, 1, 0}, 2, 3);
        Tensor bias = Tensor.of(new double[] {10, 20}, 2);
        // rows of x @ w^T: [1-3, 2+2] = [-2, 4] and [4-6, 8+5] = [-2, 13]; plus the bias
        assertArrayEquals(new double[] {8, 24, 8, 33}, MatMul.linear(x, w, bias).toDoubleArray());
    }

    @Example
    void handWorked2x3Times3x2() {
        Tensor a = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor b = Tensor.of(new double[] {7, 8, 9, 10, 11, 12}, 3, 2);
        assertArrayEquals(new double[] {58, 64, 139, 154}, a.matmul(b).toDoubleArray());
        // a^T (3x2) @ a (2x3)
        assertArrayEquals(new double[] {17, 22, 27, 22, 29, 36, 27, 36, 45},
                a.matmul(a, true, false).toDoubleArray());
        // a (2x3) @ a^T (3x2)
        assertArrayEquals(new double[] {14, 32, 32, 77}, a.matmul(a, false, true).toDoubleArray());
    }

    @Example
    void rowTimesColumnIsADotAndColumnTimesRowIsAnOuterProduct() {
        Tensor row = Tensor.of(new float[] {1, 2, 3}, 1, 3);
        Tensor col = Tensor.of(new float[] {4, 5, 6}, 3, 1);
        assertArrayEquals(new float[] {32}, row.matmul(col).toFloatArray());
        assertEquals(Shape.of(1, 1), row.matmul(col).shape());
        Tensor outer = col.matmul(row);
        assertEquals(Shape.of(3, 3), outer.shape());
        assertArrayEquals(new float[] {4, 8, 12, 5, 10, 15, 6, 12, 18}, outer.toFloatArray());
    }

    @Example
    void identityIsNeutral() {
        Tensor a = Tensor.of(new double[] {1.5, -2, 3, 0.25, 7, -8}, 3, 2);
        assertArrayEquals(a.toDoubleArray(), Tensor.eye(3, DType.F64).matmul(a).toDoubleArray());
        assertArrayEquals(a.toDoubleArray(), a.matmul(Tensor.eye(2, DType.F64)).toDoubleArray());
    }

    @Example
    void emptyInnerDimensionGivesZeros() {
        Tensor a = Tensor.zeros(DType.F64, Shape.of(3, 0));
        Tensor b = Tensor.zeros(DType.F64, Shape.of(0, 2));
        Tensor c = a.matmul(b);
        assertEquals(Shape.of(3, 2), c.shape());
        assertArrayEquals(new double[6], c.toDoubleArray());
        Tensor batched = Tensor.zeros(DType.F32, Shape.of(4, 2, 0)).matmul(Tensor.zeros(DType.F32, Shape.of(0, 5)));
        assertEquals(Shape.of(4, 2, 5), batched.shape());
        assertArrayEquals(new float[40], batched.toFloatArray());
    }

    @Example
    void anEmptyBatchStaysBatched() {
        Tensor a = Tensor.zeros(DType.F64, Shape.of(0, 2, 3));
        assertEquals(Shape.of(0, 2, 4), a.matmul(Tensor.zeros(DType.F64, Shape.of(3, 4))).shape());
        assertEquals(Shape.of(0, 2, 4), a.matmul(Tensor.zeros(DType.F64, Shape.of(0, 3, 4))).shape());
        assertEquals(Shape.of(0, 4, 3), Tensor.zeros(DType.F64, Shape.of(4, 2)).matmul(a).shape());
    }

    @Property(tries = 50)
    void batchedProductEqualsStackOfPerMatrixProducts(@ForAll DType dtype, @ForAll Random r) {
        Tensor a = random(r, dtype, 3, 2, 4);
        Tensor b = random(r, dtype, 4, 5);
        Tensor c = a.matmul(b);
        for (int i = 0; i < 3; i++) {
            Tensor ai = a.slice(0, i, i + 1).reshape(2, 4);
            assertArrayEquals(ai.matmul(b).toDoubleArray(), c.slice(0, i, i + 1).reshape(2, 5).toDoubleArray(),
                    tolerance(dtype) * 10);
        }
    }
}
