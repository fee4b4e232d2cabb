package io.github.jgrad.wgan.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

class BoundsTest {
    private static final double EPS = 1e-12;

    @Test
    void aroundIsTheSquareOfTheLargerExtentPaddedByTenPercentEachSide() {
        Tensor a = Tensor.of(new double[] {0, 0, 4, 1}, 2, 2);
        Tensor b = Tensor.of(new double[] {1, 2}, 1, 2);
        Bounds r = Bounds.around(a, b);
        // x spans [0, 4], y [0, 2]: side 4 * 1.2 = 4.8, centred on (2, 1).
        assertEquals(-0.4, r.xMin(), EPS);
        assertEquals(4.4, r.xMax(), EPS);
        assertEquals(-1.4, r.yMin(), EPS);
        assertEquals(3.4, r.yMax(), EPS);
        assertEquals(r.width(), r.height(), EPS);
    }

    @Test
    void aroundSkipsNonFinitePointsAndFallsBackWhenNoneIsLeft() {
        Tensor mixed = Tensor.of(new double[] {Double.NaN, 5, 1, 1, 2, Double.POSITIVE_INFINITY, -1, -1}, 4, 2);
        Bounds r = Bounds.around(mixed);
        assertEquals(-1.2, r.xMin(), EPS);
        assertEquals(1.2, r.xMax(), EPS);
        Tensor none = Tensor.of(new double[] {Double.NaN, 0}, 1, 2);
        assertEquals(Bounds.TOY, Bounds.around(none));
        assertEquals(Bounds.TOY, Bounds.around(Tensor.zeros(0, 2)));
    }

    @Test
    void aroundASinglePointIsAUnitSquareCentredOnIt() {
        Bounds r = Bounds.around(Tensor.of(new double[] {3, -2}, 1, 2));
        assertEquals(new Bounds(2.5, 3.5, -2.5, -1.5), r);
    }

    @Test
    void theToyBoundsHoldTheScaledToySets() {
        // 8gaussians and 25gaussians reach sqrt(2) after scaling, the swiss roll about 1.9.
        assertTrue(Bounds.TOY.contains(Math.sqrt(2), -Math.sqrt(2)));
        assertTrue(Bounds.TOY.contains(-1.95, 1.95));
        assertTrue(!Bounds.TOY.contains(2.01, 0));
    }

    @Test
    void wrongShapesAndEdgesAreRejectedWithTheProblemNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Bounds.around(Tensor.zeros(4, 3)));
        assertTrue(e.getMessage().contains("[n, 2]") && e.getMessage().contains("[4, 3]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Bounds.around(Tensor.zeros(8)));
        assertTrue(e.getMessage().contains("[n, 2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Bounds(1, 1, 0, 1));
        assertTrue(e.getMessage().contains("xMin < xMax"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Bounds(0, Double.NaN, 0, 1));
        assertTrue(e.getMessage().contains("finite"), e.getMessage());
    }
}
