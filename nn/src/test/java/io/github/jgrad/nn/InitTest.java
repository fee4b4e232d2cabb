package io.github.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class InitTest {
    /** 100,000 draws: the sample std is within ~0.5 % of the true one with overwhelming probability. */
    private static final Shape BIG = Shape.of(500, 200);
    private static final int FAN_IN = 200;
    private static final int FAN_OUT = 500;

    private static double mean(Tensor t) {
        return Arrays.stream(t.toDoubleArray()).average().orElseThrow();
    }

    private static double std(Tensor t) {
        double m = mean(t);
        return Math.sqrt(Arrays.stream(t.toDoubleArray()).map(v -> (v - m) * (v - m)).sum() / (t.size() - 1));
    }

    private static double maxAbs(Tensor t) {
        return Arrays.stream(t.toDoubleArray()).map(Math::abs).max().orElseThrow();
    }

    /** Uniform on [-b, b]: inside the bounds, reaching close to them, mean 0, std b / sqrt(3). */
    private static void assertUniform(Tensor t, double bound) {
        double max = maxAbs(t);
        assertTrue(max <= bound && max > 0.999 * bound, "max |x| " + max + " vs bound " + bound);
        double std = bound / Math.sqrt(3);
        assertEquals(0, mean(t), 5 * std / Math.sqrt(t.size()), "mean");
        assertEquals(std, std(t), 0.02 * std, "std");
    }

    /** Normal with mean m and the given std, with about 68.3 % of draws within one std. */
    private static void assertNormal(Tensor t, double m, double std) {
        assertEquals(m, mean(t), 5 * std / Math.sqrt(t.size()), "mean");
        assertEquals(std, std(t), 0.02 * std, "std");
        long inside = Arrays.stream(t.toDoubleArray()).filter(v -> Math.abs(v - m) <= std).count();
        assertEquals(0.6827, inside / (double) t.size(), 0.01, "share within one std");
    }

    @Test
    void fanInAndFanOutFollowPyTorch() {
        assertEquals(FAN_IN, Init.fanIn(BIG));
        assertEquals(FAN_OUT, Init.fanOut(BIG));
        assertEquals(16 * 9, Init.fanIn(Shape.of(64, 16, 3, 3)));
        assertEquals(64 * 9, Init.fanOut(Shape.of(64, 16, 3, 3)));
        assertThrows(IllegalArgumentException.class, () -> Init.fanIn(Shape.of(5)));
        assertEquals(Math.sqrt(2), Init.leakyReluGain(0), 1e-15);
        assertEquals(Math.sqrt(2 / 1.04), Init.leakyReluGain(0.2), 1e-15);
    }

    @Test
    void kaimingUniformBoundIsGainTimesSqrtThreeOverFanIn() {
        assertUniform(Init.kaimingUniform(new Rng(1), DType.F64, BIG, 0), Math.sqrt(2) * Math.sqrt(3.0 / FAN_IN));
        assertUniform(Init.kaimingUniform(new Rng(2), DType.F32, BIG, 0.2),
                Math.sqrt(2 / 1.04) * Math.sqrt(3.0 / FAN_IN));
    }

    @Test
    void kaimingNormalStdIsGainOverSqrtFanIn() {
        assertNormal(Init.kaimingNormal(new Rng(3), DType.F64, BIG, 0), 0, Math.sqrt(2.0 / FAN_IN));
    }

    @Test
    void xavierUsesFanInPlusFanOut() {
        assertUniform(Init.xavierUniform(new Rng(4), DType.F64, BIG, 1), Math.sqrt(6.0 / (FAN_IN + FAN_OUT)));
        assertUniform(Init.xavierUniform(new Rng(5), DType.F64, BIG, 2), 2 * Math.sqrt(6.0 / (FAN_IN + FAN_OUT)));
        assertNormal(Init.xavierNormal(new Rng(6), DType.F64, BIG, 1), 0, Math.sqrt(2.0 / (FAN_IN + FAN_OUT)));
    }

    @Test
    void pyTorchDefaultIsUniformWithinOneOverSqrtFanIn() {
        assertUniform(Init.defaultWeight(new Rng(7), DType.F64, BIG), 1 / Math.sqrt(FAN_IN));
        assertUniform(Init.defaultBias(new Rng(8), DType.F64, 100_000, FAN_IN), 1 / Math.sqrt(FAN_IN));
        assertEquals(0, maxAbs(Init.defaultBias(new Rng(8), DType.F64, 10, 0)));
    }

    @Test
    void normalHasTheGivenMeanAndStd() {
        assertNormal(Init.normal(new Rng(9), DType.F64, BIG, 0.5, 0.02), 0.5, 0.02);
    }

    @Test
    void theSameSeedGivesTheSameValues() {
        Tensor a = Init.kaimingUniform(new Rng(42), DType.F32, Shape.of(8, 8), 0);
        Tensor b = Init.kaimingUniform(new Rng(42), DType.F32, Shape.of(8, 8), 0);
        Tensor c = Init.kaimingUniform(new Rng(43), DType.F32, Shape.of(8, 8), 0);
        assertArrayEquals(a.toFloatArray(), b.toFloatArray());
        assertFalse(Arrays.equals(a.toFloatArray(), c.toFloatArray()));
        assertArrayEquals(Init.xavierNormal(new Rng(1), DType.F64, Shape.of(3, 4), 1).toDoubleArray(),
                Init.xavierNormal(new Rng(1), DType.F64, Shape.of(3, 4), 1).toDoubleArray());
    }
}
