package io.github.jgrad.wgan.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Tensor;
import io.github.jgrad.wgan.data.ToyData;
import java.util.List;
import org.joml.Vector2d;
import org.joml.Vector2dc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ModeCoverageTest {
    private static final List<Vector2dc> EIGHT = ToyData.EIGHT_GAUSSIANS.modeCentres();
    private static final double STD = ToyData.EIGHT_GAUSSIANS.modeStd();

    /** Samples placed exactly at the given modes' centres, plus the given extra points. */
    private static Tensor at(int[] modes, double[]... extra) {
        double[] xy = new double[2 * (modes.length + extra.length)];
        for (int i = 0; i < modes.length; i++) {
            xy[2 * i] = EIGHT.get(modes[i]).x();
            xy[2 * i + 1] = EIGHT.get(modes[i]).y();
        }
        for (int i = 0; i < extra.length; i++) {
            xy[2 * (modes.length + i)] = extra[i][0];
            xy[2 * (modes.length + i) + 1] = extra[i][1];
        }
        return Tensor.of(xy, modes.length + extra.length, 2);
    }

    @Test
    void threeSamplesOnThreeCentresAndOneFarPointCoverThreeModesEvenly() {
        ModeCoverage.Result r = ModeCoverage.evaluate(at(new int[] {0, 3, 6}, new double[] {5, 5}), ToyData.EIGHT_GAUSSIANS);
        assertEquals(3, r.modesCovered());
        assertEquals(8, r.totalModes());
        assertEquals(0.75, r.highQualityShare());
        assertEquals(Math.log(8.0 / 3.0), r.reverseKl(), 1e-12);
        assertArrayEquals(new int[] {1, 0, 0, 1, 0, 0, 1, 0}, r.countsPerMode());
    }

    @Test
    void allHighQualitySamplesInOneModeGiveLogKAndEvenCoverageGivesZero() {
        ModeCoverage.Result one = ModeCoverage.evaluate(at(new int[] {5, 5, 5, 5}), EIGHT, STD);
        assertEquals(1, one.modesCovered());
        assertEquals(1.0, one.highQualityShare());
        assertEquals(Math.log(8), one.reverseKl(), 1e-12);
        ModeCoverage.Result all = ModeCoverage.evaluate(at(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 7, 6, 5, 4, 3, 2, 1, 0}), EIGHT, STD);
        assertEquals(8, all.modesCovered());
        assertEquals(0.0, all.reverseKl());
    }

    @Test
    void unevenCountsGiveTheHandComputedKl() {
        // q = (1/2, 1/4, 1/4) over 3 of 8 modes
        ModeCoverage.Result r = ModeCoverage.evaluate(at(new int[] {1, 1, 2, 4}), EIGHT, STD);
        double expected = 0.5 * Math.log(0.5 * 8) + 2 * 0.25 * Math.log(0.25 * 8);
        assertEquals(expected, r.reverseKl(), 1e-12);
        assertArrayEquals(new int[] {0, 2, 1, 0, 1, 0, 0, 0}, r.countsPerMode());
    }

    @Test
    void withNoHighQualitySampleNothingIsCoveredAndTheKlIsNaN() {
        ModeCoverage.Result r = ModeCoverage.evaluate(at(new int[0], new double[] {0, 0}, new double[] {9, 9}), EIGHT, STD);
        assertEquals(0, r.modesCovered());
        assertEquals(0.0, r.highQualityShare());
        assertTrue(Double.isNaN(r.reverseKl()));
    }

    @Test
    void theHighQualityRadiusIsStrictlyThreeStd() {
        Vector2dc c = EIGHT.get(0);
        Tensor inside = Tensor.of(new double[] {c.x() + 2.99 * STD, c.y()}, 1, 2);
        Tensor outside = Tensor.of(new double[] {c.x(), c.y() - 3.01 * STD}, 1, 2);
        assertEquals(1.0, ModeCoverage.evaluate(inside, ToyData.EIGHT_GAUSSIANS).highQualityShare());
        assertEquals(0.0, ModeCoverage.evaluate(outside, ToyData.EIGHT_GAUSSIANS).highQualityShare());
    }

    @ParameterizedTest
    @EnumSource(value = ToyData.class, names = {"EIGHT_GAUSSIANS", "TWENTY_FIVE_GAUSSIANS"})
    void realSamplesCoverEveryModeWithTheRayleighShareInsideThreeStd(ToyData data) {
        int n = 20_000;
        ModeCoverage.Result r = ModeCoverage.evaluate(data.sample(n, new Rng(1)), data);
        assertEquals(data.modeCentres().size(), r.modesCovered());
        // The distance of an isotropic 2-D Gaussian point to its centre is Rayleigh distributed:
        // P(r < 3 std) = 1 - exp(-9/2) = 98.89 % (the 1-D "99.7 %" does not apply in 2-D).
        double p = 1 - Math.exp(-4.5);
        assertEquals(p, r.highQualityShare(), 5 * Math.sqrt(p * (1 - p) / n));
        assertTrue(r.reverseKl() < 0.01, "balanced real data: KL " + r.reverseKl());
        // The reference's 2500-sample evaluation covers every mode too.
        assertEquals(data.modeCentres().size(), ModeCoverage.evaluate(data.sample(2500, new Rng(2)), data).modesCovered());
    }

    @Test
    void aSetWithoutModesOrAWrongShapeIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> ModeCoverage.evaluate(ToyData.SWISSROLL.sample(10, new Rng(1)), ToyData.SWISSROLL));
        assertThrows(IllegalArgumentException.class, () -> ModeCoverage.evaluate(Tensor.zeros(4, 3), ToyData.EIGHT_GAUSSIANS));
        assertThrows(IllegalArgumentException.class, () -> ModeCoverage.evaluate(Tensor.zeros(4, 2), List.of(), 0.1));
        assertThrows(IllegalArgumentException.class,
                () -> ModeCoverage.evaluate(Tensor.zeros(4, 2), List.of(new Vector2d()), 0));
    }

    @Test
    void resultsAreValuesWhoseCountsCannotBeChangedFromOutside() {
        int[] counts = {1, 2};
        ModeCoverage.Result r = new ModeCoverage.Result(2, 2, 1.0, 0.1, counts);
        counts[0] = 99;
        r.countsPerMode()[1] = 99;
        assertArrayEquals(new int[] {1, 2}, r.countsPerMode());
        assertEquals(new ModeCoverage.Result(2, 2, 1.0, 0.1, new int[] {1, 2}), r);
        assertTrue(r.toString().contains("[1, 2]"), r.toString());
    }
}
