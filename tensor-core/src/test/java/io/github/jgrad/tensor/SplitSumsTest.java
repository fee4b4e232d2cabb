package io.github.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Sums onto one run of kept axes (bias gradients) on tensors large enough to be split over the
 * thread budget: every output against an independent double sum, and bit for bit against the
 * same output summed alone on one thread in the documented order, so that the split cannot
 * change a result.
 */
class SplitSumsTest {

    /** Outer x kept x inner, each over the split threshold of 2^17 elements. */
    private static final int[][] BLOCKS = {
        {64, 64, 196},   // a conv bias gradient: [N, C, H*W] onto [1, C, 1]
        {256, 512, 1},   // a linear bias gradient: [N, F] onto [F]
        {1, 4099, 37},   // no outer axis, a kept extent no thread count divides
        {3, 7, 9001},    // fewer outputs than a part's share of elements
    };

    @Test
    void float32SumsMatchAnIndependentSumAndTheOneOutputAtATimeSum() {
        for (int[] b : BLOCKS) {
            check(DType.F32, b[0], b[1], b[2]);
        }
    }

    @Test
    void float64SumsMatchAnIndependentSumAndTheOneOutputAtATimeSum() {
        for (int[] b : BLOCKS) {
            check(DType.F64, b[0], b[1], b[2]);
        }
    }

    @Test
    void aLeadingAxisMissingFromTheTargetIsSummedLikeAnAxisOfSizeOne() {
        // [N, C, H, W] onto [C, 1, 1]: the target is right-aligned, so N is an outer axis.
        int n = 32;
        int c = 16;
        int hw = 300;
        double[] v = values(n * c * hw, 11);
        double[] got = Reductions.sumsOver(Tensor.of(v, n, c, 15, 20), Shape.of(c, 1, 1));
        double[] want = Reductions.sumsOver(Tensor.of(v, n, c, hw), Shape.of(1, c, 1));
        for (int j = 0; j < c; j++) {
            assertEquals(Double.doubleToLongBits(want[j]), Double.doubleToLongBits(got[j]), "channel " + j);
        }
    }

    private static void check(DType dtype, int outer, int kept, int inner) {
        double[] v = values(outer * kept * inner, outer * 31 + kept);
        Tensor x = dtype == DType.F32 ? Tensor.of(toFloats(v), outer, kept, inner) : Tensor.of(v, outer, kept, inner);
        double[] got = Reductions.sumsOver(x, Shape.of(1, kept, 1));
        String where = dtype + " [" + outer + ", " + kept + ", " + inner + "]";
        float[] f = dtype == DType.F32 ? x.toFloatArray() : null;
        double[] d = dtype == DType.F64 ? x.toDoubleArray() : null;
        assertEquals(kept, got.length, where);
        for (int j = 0; j < kept; j++) {
            double exact = 0;
            double magnitude = 0;
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < inner; i++) {
                    int at = (o * kept + j) * inner + i;
                    double e = f != null ? f[at] : d[at];
                    exact += e;
                    magnitude += Math.abs(e);
                }
            }
            assertEquals(exact, got[j], 1e-13 * magnitude, where + " output " + j);
            assertEquals(Double.doubleToLongBits(oneOutput(f, d, outer, kept, inner, j)),
                    Double.doubleToLongBits(got[j]), where + " output " + j + " differs from its one-thread sum");
        }
    }

    /**
     * Output {@code j} on one thread, in the order the kernel documents: outer index by outer
     * index, each inner row by {@link Reductions#rowSum} (one element at a time when rows are one
     * element long).
     */
    private static double oneOutput(float[] f, double[] d, int outer, int kept, int inner, int j) {
        double acc = 0;
        for (int o = 0; o < outer; o++) {
            int from = (o * kept + j) * inner;
            if (inner == 1) {
                acc += f != null ? f[from] : d[from];
            } else {
                acc += f != null ? Reductions.rowSum(f, from, inner) : Reductions.rowSum(d, from, inner);
            }
        }
        return acc;
    }

    private static double[] values(int n, long seed) {
        Random r = new Random(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextGaussian();
        }
        return v;
    }

    private static float[] toFloats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
