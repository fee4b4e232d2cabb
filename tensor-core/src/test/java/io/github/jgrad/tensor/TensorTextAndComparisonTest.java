package io.github.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code toString} layout and elision, and the semantics of {@code allClose}. */
class TensorTextAndComparisonTest {

    @Test
    void smallMatrixPrintsEveryValueInNestedBrackets() {
        Tensor t = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertEquals("Tensor(shape=[2, 3], dtype=F32)\n"
                + "[[1., 2., 3.],\n"
                + " [4., 5., 6.]]", t.toString());
    }

    @Test
    void nonIntegersPrintWithFourSignificantDigits() {
        Tensor t = Tensor.of(new double[] {1, -2.5, 0.125, 1e8, 0, -1.0 / 3}, 2, 3);
        assertEquals("Tensor(shape=[2, 3], dtype=F64)\n"
                + "[[1., -2.500, 0.1250],\n"
                + " [1.000e+08, 0., -0.3333]]", t.toString());
    }

    @Test
    void scalarAndEmptyTensorsPrintWithoutNesting() {
        assertEquals("Tensor(shape=[], dtype=F64)\n2.500", Tensor.scalar(2.5, DType.F64).toString());
        assertEquals("Tensor(shape=[0, 3], dtype=F32)\n[]", Tensor.zeros(0, 3).toString());
        assertEquals("Tensor(shape=[3], dtype=F32)\n[NaN, Infinity, -7.]",
                Tensor.of(new float[] {Float.NaN, Float.POSITIVE_INFINITY, -7}).toString());
    }

    @Test
    void largeMatrixIsElidedToItsEdges() {
        Tensor t = Tensor.arange(2000).reshape(40, 50);
        String s = t.toString();
        String[] lines = s.split("\n");
        // Header, three rows from each end, and one "..." row.
        assertEquals(8, lines.length, s);
        assertEquals("Tensor(shape=[40, 50], dtype=F32)", lines[0]);
        assertEquals("[[0., 1., 2., ..., 47., 48., 49.],", lines[1]);
        assertEquals(" ...,", lines[4]);
        assertEquals(" [1950., 1951., 1952., ..., 1997., 1998., 1999.]]", lines[7]);
        for (String line : lines) {
            assertTrue(line.length() < 80, "line too long: " + line);
        }
    }

    @Test
    void largeRank3TensorHasABoundedNumberOfLines() {
        String s = Tensor.zeros(20, 30, 40).toString();
        assertTrue(s.contains("..."));
        long lines = s.lines().count();
        assertTrue(lines <= 60, lines + " lines");
        assertTrue(s.length() < 3000, s.length() + " characters");
    }

    @Test
    void tensorsAtTheSummaryThresholdAreNotElided() {
        String s = Tensor.arange(1000).toString();
        assertFalse(s.contains("..."));
        assertTrue(s.contains(" 500., "));
        assertTrue(Tensor.arange(1001).toString().contains("..."));
    }

    @Test
    void allCloseUsesAbsolutePlusRelativeToleranceOfTheOtherTensor() {
        Tensor one = Tensor.of(new double[] {1}, 1);
        Tensor two = Tensor.of(new double[] {2}, 1);
        // |1 - 2| <= 0.75 * |2| but not <= 0.75 * |1|: the tolerance scales with the argument.
        assertTrue(one.allClose(two, 0.75, 0));
        assertFalse(two.allClose(one, 0.75, 0));
        assertTrue(two.allClose(one, 0, 1));
        assertFalse(two.allClose(one, 0, 0.5));
        assertTrue(two.allClose(one, 0.5, 0.5));
    }

    @Test
    void allCloseDefaultsAreRtol1eMinus5AndAtol1eMinus8() {
        Tensor a = Tensor.of(new double[] {1000, 0}, 2);
        assertTrue(a.allClose(Tensor.of(new double[] {1000.009, 5e-9}, 2)));
        assertFalse(a.allClose(Tensor.of(new double[] {1000.011, 0}, 2)));
        assertFalse(a.allClose(Tensor.of(new double[] {1000, 2e-8}, 2)));
    }

    @Test
    void allCloseIsFalseForAnyNanAndTrueForMatchingInfinities() {
        double nan = Double.NaN;
        double inf = Double.POSITIVE_INFINITY;
        Tensor withNan = Tensor.of(new double[] {1, nan}, 2);
        assertFalse(withNan.allClose(withNan, 1, 1), "NaN is never close, not even to itself");
        assertFalse(withNan.allClose(Tensor.of(new double[] {1, 0}, 2), 1e9, 1e9));
        assertFalse(Tensor.of(new double[] {1, 0}, 2).allClose(withNan, 1e9, 1e9));
        Tensor withInf = Tensor.of(new double[] {inf, -inf}, 2);
        assertTrue(withInf.allClose(Tensor.of(new double[] {inf, -inf}, 2)));
        assertFalse(withInf.allClose(Tensor.of(new double[] {inf, inf}, 2), 1e9, 1e9));
        assertFalse(withInf.allClose(Tensor.of(new double[] {1e308, -inf}, 2), 1e9, 1e9));
    }

    @Test
    void allCloseNeverCallsAnInfinityCloseToAnythingButItself() {
        // rtol * |inf| is infinite, so the plain tolerance test alone would accept these.
        double inf = Double.POSITIVE_INFINITY;
        Tensor five = Tensor.of(new double[] {5}, 1);
        Tensor posInf = Tensor.of(new double[] {inf}, 1);
        Tensor negInf = Tensor.of(new double[] {-inf}, 1);
        assertFalse(five.allClose(posInf));
        assertFalse(posInf.allClose(five));
        assertFalse(negInf.allClose(posInf));
        assertFalse(posInf.allClose(negInf));
        assertTrue(posInf.allClose(posInf.copy()));
        assertFalse(Tensor.of(new float[] {1, 2}).allClose(Tensor.of(new float[] {1, Float.POSITIVE_INFINITY})));
    }

    @Test
    void allCloseIsFalseForDifferentShapesEvenWithEqualValues() {
        Tensor a = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
        assertFalse(a.allClose(a.reshape(4)));
        assertFalse(a.allClose(a.reshape(1, 2, 2)));
        assertTrue(a.allClose(a.copy()));
        assertTrue(Tensor.zeros(0, 3).allClose(Tensor.zeros(0, 3)));
    }
}
