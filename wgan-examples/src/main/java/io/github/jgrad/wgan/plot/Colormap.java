package io.github.jgrad.wgan.plot;

import java.awt.Color;

/**
 * A colour scale from a number in {@code [0, 1]} to a colour, held as a 256-entry lookup table.
 *
 * <p>{@link #VIRIDIS} is the scale of the critic maps: its lightness rises monotonically from
 * dark purple to yellow, so a printed greyscale copy still orders the values, and it stays
 * readable with the common colour-vision deficiencies. A rainbow scale would show bands where the
 * critic has none.
 */
public final class Colormap {
    /**
     * Matplotlib's viridis, linearly interpolated in sRGB between its eleven colours at 0, 0.1,
     * ..., 1 (the values R's {@code viridis(11)} prints); at 256 entries the difference from the
     * full table is below what a viewer can tell apart.
     */
    public static final Colormap VIRIDIS = new Colormap(new int[] {
        0x440154, 0x482576, 0x414487, 0x35608D, 0x2A788E, 0x21908C,
        0x22A884, 0x43BF71, 0x7AD151, 0xBBDF27, 0xFDE725,
    });

    /** Colour for values that are not numbers (NaN): a neutral grey outside the scale. */
    public static final int NAN_RGB = 0x9A9A9A;

    /** Number of entries in the lookup table. */
    public static final int SIZE = 256;

    private final int[] table = new int[SIZE];

    private Colormap(int[] stops) {
        int last = stops.length - 1;
        for (int i = 0; i < SIZE; i++) {
            double pos = (double) i / (SIZE - 1) * last;
            int k = Math.min((int) pos, last - 1);
            double f = pos - k;
            table[i] = mix(stops[k], stops[k + 1], f);
        }
    }

    /**
     * The packed {@code 0xRRGGBB} colour for {@code t}: values below 0 take the first entry,
     * above 1 the last, NaN {@link #NAN_RGB}.
     */
    public int rgb(double t) {
        if (Double.isNaN(t)) {
            return NAN_RGB;
        }
        double c = Math.max(0, Math.min(1, t));
        return table[(int) Math.round(c * (SIZE - 1))];
    }

    /** {@link #rgb(double)} as a {@link Color}. */
    public Color color(double t) {
        return new Color(rgb(t));
    }

    private static int mix(int a, int b, double f) {
        int r = channel(a >> 16, b >> 16, f);
        int g = channel(a >> 8, b >> 8, f);
        int bl = channel(a, b, f);
        return (r << 16) | (g << 8) | bl;
    }

    private static int channel(int a, int b, double f) {
        int ca = a & 0xFF;
        int cb = b & 0xFF;
        return (int) Math.round(ca + (cb - ca) * f);
    }
}
