package io.github.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fused in-place kernels against hand-worked values in both dtypes, and, on tensors large
 * enough to be split across threads, against a naive element-by-element reference: a split
 * never changes a bit.
 */
class FusedTest {
    /** Large enough that the kernels cut it into slices when more than one thread is available. */
    private static final int LARGE = 3 * Fused.PARALLEL_ELEMENTS + 17;

    private static Tensor t(DType dtype, double... v) {
        return Tensor.of(v, v.length).to(dtype);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void addcmulAddsValueTimesTheProduct(DType dtype) {
        Tensor self = t(dtype, 1, 2, 3);
        Tensor out = Fused.addcmulInPlace(self, t(dtype, 2, 3, 4), t(dtype, 0.5, 1, -1), 2);
        assertSame(self, out);
        assertArrayEquals(new double[] {3, 8, -5}, self.toDoubleArray());
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void addcdivAddsValueTimesTheQuotient(DType dtype) {
        Tensor self = t(dtype, 1, 2, 3);
        Fused.addcdivInPlace(self, t(dtype, 2, 3, 4), t(dtype, 0.5, 1, -2), 0.5);
        assertArrayEquals(new double[] {3, 3.5, 2}, self.toDoubleArray());
        Tensor byZero = t(dtype, 1);
        Fused.addcdivInPlace(byZero, t(dtype, 1), t(dtype, 0), 1);
        assertEquals(Double.POSITIVE_INFINITY, byZero.item());
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void lerpMovesTheGivenFractionOfTheWayAndReachesTheEndAtWeightOne(DType dtype) {
        Tensor quarter = Fused.lerpInPlace(t(dtype, 0, 10, -7), t(dtype, 4, 20, 1), 0.25);
        assertArrayEquals(new double[] {1, 12.5, -5}, quarter.toDoubleArray());
        Tensor threeQuarters = Fused.lerpInPlace(t(dtype, 0, 10, 0), t(dtype, 4, 20, 8), 0.75);
        assertArrayEquals(new double[] {3, 17.5, 6}, threeQuarters.toDoubleArray());
        // weight 1 is exactly the end, even where self + 1 * (end - self) would round
        Tensor whole = Fused.lerpInPlace(t(dtype, 1e8, -3), t(dtype, 0.1, 0.3), 1);
        assertArrayEquals(t(dtype, 0.1, 0.3).toDoubleArray(), whole.toDoubleArray());
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void clampBoundsEveryElementAndKeepsNaN(DType dtype) {
        Tensor self = t(dtype, -2, 0.5, 3, Double.NaN);
        Fused.clampInPlace(self, -1, 1);
        assertArrayEquals(new double[] {-1, t(dtype, 0.5).item(), 1, Double.NaN}, self.toDoubleArray());
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void addScaledAddsAlphaTimesTheOther(DType dtype) {
        Tensor self = t(dtype, 1, -1);
        Fused.addScaledInPlace(self, t(dtype, 2, 4), -0.5);
        assertArrayEquals(new double[] {0, -3}, self.toDoubleArray());
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void sumOfSquaresIsTheSquaredNormInDouble(DType dtype) {
        assertEquals(9, Fused.sumOfSquares(t(dtype, 1, 2, -2)));
        assertEquals(0, Fused.sumOfSquares(Tensor.zeros(dtype, Shape.of(0))));
        // 1e20 squared overflows float32 but not the double sum
        double big = t(dtype, 1e20).item();
        assertEquals(2 * big * big, Fused.sumOfSquares(t(dtype, 1e20, -1e20)), 1e-15 * big * big);
        assertEquals(Double.POSITIVE_INFINITY, Fused.sumOfSquares(t(dtype, 1, Double.NEGATIVE_INFINITY)));
        assertTrue(Double.isNaN(Fused.sumOfSquares(t(dtype, Double.NaN, 1))));
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void allFiniteFindsAnyNaNOrInfinity(DType dtype) {
        assertTrue(Fused.allFinite(t(dtype, 1, -3, 1e30)));
        assertTrue(Fused.allFinite(Tensor.zeros(dtype, Shape.of(0))));
        assertFalse(Fused.allFinite(t(dtype, 1, Double.NaN)));
        assertFalse(Fused.allFinite(t(dtype, Double.NEGATIVE_INFINITY, 0)));
        Tensor large = Tensor.zeros(dtype, Shape.of(LARGE));
        assertTrue(Fused.allFinite(large));
        large.setInPlace(LARGE - 1, Double.POSITIVE_INFINITY);
        assertFalse(Fused.allFinite(large), "the last element of the last block counts too");
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void sumOfSquaresOfALargeTensorAddsFixedBlocksInOrder(DType dtype) {
        Tensor x = TestSupport.random(new Random(3), dtype, LARGE);
        double expected = 0;
        for (int from = 0; from < LARGE; from += Fused.BLOCK) {
            // Each slice is one block, summed on one thread.
            expected += Fused.sumOfSquares(x.slice(0, from, Math.min(LARGE, from + Fused.BLOCK)));
        }
        assertEquals(expected, Fused.sumOfSquares(x), 0.0);
        double naive = 0;
        for (double v : x.toDoubleArray()) {
            naive += v * v;
        }
        assertEquals(naive, Fused.sumOfSquares(x), 1e-12 * naive);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void largeTensorsGetExactlyTheElementwiseReference(DType dtype) {
        Random r = new Random(7);
        Tensor self = TestSupport.random(r, dtype, LARGE);
        Tensor a = TestSupport.random(r, dtype, LARGE);
        Tensor b = TestSupport.random(r, dtype, LARGE).abs().add(0.5);
        double[] s = self.toDoubleArray();
        double[] av = a.toDoubleArray();
        double[] bv = b.toDoubleArray();
        boolean f32 = dtype == DType.F32;
        double[] expected = new double[LARGE];
        for (int i = 0; i < LARGE; i++) {
            if (f32) {
                float p = (float) s[i];
                float x = (float) av[i];
                float y = (float) bv[i];
                p += 0.3f * x * y;
                p += -1.5f * (x / y);
                p = p + 0.25f * (x - p);
                expected[i] = Math.min(Math.max(p, -1f), 1f);
            } else {
                double p = s[i];
                p += 0.3 * av[i] * bv[i];
                p += -1.5 * (av[i] / bv[i]);
                p = p + 0.25 * (av[i] - p);
                expected[i] = Math.min(Math.max(p, -1), 1);
            }
        }
        Fused.addcmulInPlace(self, a, b, 0.3);
        Fused.addcdivInPlace(self, a, b, -1.5);
        Fused.lerpInPlace(self, a, 0.25);
        Fused.clampInPlace(self, -1, 1);
        assertArrayEquals(expected, self.toDoubleArray());
    }
}
