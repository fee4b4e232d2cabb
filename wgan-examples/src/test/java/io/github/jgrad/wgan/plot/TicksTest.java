package io.github.jgrad.wgan.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TicksTest {
    @Test
    void stepsAreOneTwoTwoAndAHalfOrFiveTimesAPowerOfTen() {
        assertEquals(0.5, Ticks.step(-2, 2, 10), 1e-15);
        assertEquals(1000, Ticks.step(0, 5000, 6), 1e-9);
        assertEquals(0.025, Ticks.step(-0.01, 0.18, 6), 1e-15);
        assertEquals(2e6, Ticks.step(0, 1e7, 6), 1e-3);
    }

    @Test
    void ticksAreExactMultiplesInsideTheRangeWithNoNegativeZero() {
        assertArrayEquals(new double[] {-0.3, -0.2, -0.1, 0, 0.1, 0.2}, Ticks.within(-0.31, 0.25, 0.1), 1e-12);
        double zero = Ticks.within(-0.1, 0.1, 0.1)[1];
        assertEquals("0", Ticks.label(zero, 0.1));
    }

    @Test
    void labelsShowAsManyDecimalsAsTheStepNeeds() {
        assertEquals("1.5", Ticks.label(1.5, 0.5));
        assertEquals("-0.25", Ticks.label(-0.25, 0.25));
        assertEquals("2000", Ticks.label(2000, 1000));
        assertEquals("0.075", Ticks.label(0.075, 0.025));
        assertEquals("2.0e6", Ticks.label(2e6, 5e5));
        assertEquals("5.0e-4", Ticks.label(5e-4, 5e-4));
        assertEquals("5.0e6", Ticks.label(5e6, 5e6));
        assertEquals("1.25e7", Ticks.label(1.25e7, 2.5e6));
    }

    @Test
    void significantDigitsQuoteExtremes() {
        assertEquals("-0.01511", Ticks.significant(-0.0151123, 4));
        assertEquals("0.3395", Ticks.significant(0.339512, 4));
        assertEquals("1.235e7", Ticks.significant(12345678, 4));
        assertEquals("0", Ticks.significant(0, 4));
    }
}
