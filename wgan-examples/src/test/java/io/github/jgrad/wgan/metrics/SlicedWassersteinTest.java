package io.github.jgrad.wgan.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import io.github.jgrad.wgan.data.ToyData;
import org.junit.jupiter.api.Test;

class SlicedWassersteinTest {

    private static Tensor gaussian(int n, int d, long seed) {
        return new Rng(seed).normal(DType.F64, Shape.of(n, d), 0, 1);
    }

    @Test
    void identicalSetsAreAtDistanceZero() {
        Tensor a = gaussian(300, 5, 1);
        assertEquals(0.0, SlicedWasserstein.distance(a, a.copy(), 50, new Rng(2)));
    }

    @Test
    void inOneDimensionAShiftBySIsAtDistanceAbsS() {
        Tensor a = gaussian(1000, 1, 3);
        assertEquals(0.7, SlicedWasserstein.distance(a, a.add(0.7), 20, new Rng(4)), 1e-12);
        assertEquals(0.7, SlicedWasserstein.distance(a, a.sub(0.7), 20, new Rng(4)), 1e-12);
    }

    @Test
    void inTwoDimensionsAShiftBySAveragesToTwoOverPiTimesAbsS() {
        Tensor a = gaussian(500, 2, 5);
        Tensor s = Tensor.of(new double[] {0.3, -0.4}, 1, 2); // |s| = 0.5
        double d = SlicedWasserstein.distance(a, a.add(s), 4000, new Rng(6));
        // per direction theta the distance is exactly |<s, theta>|; E|cos| = 2/pi, and its
        // spread sqrt(1/2 - 4/pi^2) = 0.31 over 4000 directions gives a 0.5 % standard error
        assertEquals(2 / Math.PI * 0.5, d, 0.03 * 2 / Math.PI * 0.5);
    }

    @Test
    void differentSizesCompareQuantileFunctionsExactly() {
        // Qa = 0 on [0, 1/2), 1 on [1/2, 1); Qb = 0, 0.5, 1 on thirds: they differ by 0.5 on
        // [1/3, 2/3), so W1 = 1/3 * 0.5
        assertEquals(1.0 / 6, SlicedWasserstein.sortedW1(new double[] {0, 1}, new double[] {0, 0.5, 1}), 1e-15);
        Tensor a = Tensor.of(new double[] {1, 0}, 2, 1);
        Tensor b = Tensor.of(new double[] {0.5, 1, 0}, 3, 1);
        assertEquals(1.0 / 6, SlicedWasserstein.distance(a, b, 7, new Rng(1)), 1e-15);
        assertEquals(1.0 / 6, SlicedWasserstein.distance(b, a, 7, new Rng(1)), 1e-15);
    }

    @Test
    void aSetRepeatedTwiceIsTheSameDistribution() {
        Tensor a = gaussian(200, 3, 8);
        Tensor twice = Tensor.concat(0, a, a);
        assertEquals(0.0, SlicedWasserstein.distance(a, twice, 30, new Rng(9)), 1e-15);
    }

    @Test
    void theDistanceIsSymmetricForTheSameDirections() {
        Tensor a = gaussian(200, 4, 10);
        Tensor b = gaussian(150, 4, 11).mul(2.0);
        assertEquals(SlicedWasserstein.distance(a, b, 40, new Rng(12)),
                SlicedWasserstein.distance(b, a, 40, new Rng(12)), 1e-12);
    }

    @Test
    void theEightGaussiansFloorIsSmallAndPositiveAndACollapsedSetIsFarAboveIt() {
        double floor = SlicedWasserstein.floor(ToyData.EIGHT_GAUSSIANS, 2000, 100, new Rng(13));
        assertTrue(floor > 0 && floor < 0.05, "floor " + floor);
        Tensor real = ToyData.EIGHT_GAUSSIANS.sample(2000, new Rng(14));
        Tensor collapsed = ToyData.EIGHT_GAUSSIANS.sample(2000, new Rng(15)).mul(0.0);
        double d = SlicedWasserstein.distance(real, collapsed, 100, new Rng(16));
        assertTrue(d > 10 * floor, "collapsed " + d + " vs floor " + floor);
    }

    @Test
    void imageBatchesAreComparedInFlattenedPixelSpace() {
        Tensor a = new Rng(17).uniform(DType.F32, Shape.of(64, 1, 28, 28), -1, 1);
        Tensor flat = a.reshape(64, 784);
        assertEquals(SlicedWasserstein.distance(flat, a.add(0.1f), 20, new Rng(18)),
                SlicedWasserstein.distance(a, a.add(0.1f), 20, new Rng(18)), 1e-12);
        assertTrue(SlicedWasserstein.distance(a, a.add(0.1f), 20, new Rng(18)) > 0);
    }

    @Test
    void mismatchedFeaturesEmptySetsAndNoDirectionsAreRefused() {
        Rng rng = new Rng(1);
        assertThrows(IllegalArgumentException.class, () -> SlicedWasserstein.distance(Tensor.zeros(3, 2), Tensor.zeros(3, 3), 5, rng));
        assertThrows(IllegalArgumentException.class, () -> SlicedWasserstein.distance(Tensor.zeros(3, 2), Tensor.zeros(3, 2), 0, rng));
        assertThrows(IllegalArgumentException.class, () -> SlicedWasserstein.distance(Tensor.zeros(0, 2), Tensor.zeros(3, 2), 5, rng));
        assertThrows(IllegalArgumentException.class, () -> SlicedWasserstein.distance(Tensor.zeros(3), Tensor.zeros(3), 5, rng));
    }
}
