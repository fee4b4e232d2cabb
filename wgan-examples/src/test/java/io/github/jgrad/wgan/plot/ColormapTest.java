package io.github.jgrad.wgan.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ColormapTest {
    private static double luminance(int rgb) {
        return 0.2126 * ((rgb >> 16) & 0xFF) + 0.7152 * ((rgb >> 8) & 0xFF) + 0.0722 * (rgb & 0xFF);
    }

    @Test
    void endsAndMiddleAreViridisColours() {
        assertEquals(0x440154, Colormap.VIRIDIS.rgb(0));
        assertEquals(0xFDE725, Colormap.VIRIDIS.rgb(1));
        Pixels.assertColor(0x21908C, Colormap.VIRIDIS.rgb(0.5), 2, "viridis(0.5)");
    }

    @Test
    void valuesOutsideTheUnitIntervalClampAndNaNIsGrey() {
        assertEquals(Colormap.VIRIDIS.rgb(0), Colormap.VIRIDIS.rgb(-3));
        assertEquals(Colormap.VIRIDIS.rgb(1), Colormap.VIRIDIS.rgb(17));
        assertEquals(Colormap.NAN_RGB, Colormap.VIRIDIS.rgb(Double.NaN));
    }

    @Test
    void lightnessRisesMonotonicallySoGreyscalePrintsKeepTheOrder() {
        double prev = -1;
        for (int i = 0; i < Colormap.SIZE; i++) {
            double l = luminance(Colormap.VIRIDIS.rgb(i / (Colormap.SIZE - 1.0)));
            assertTrue(l >= prev - 0.5, "luminance falls at entry " + i + ": " + prev + " -> " + l);
            prev = l;
        }
    }
}
