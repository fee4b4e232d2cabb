package io.github.jgrad.wgan.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jgrad.tensor.Rng;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistogramTest {
    @TempDir
    Path dir;

    private static double[] normal(int n, double mean, double std) {
        Rng rng = new Rng(5);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = mean + std * rng.nextGaussian();
        }
        return v;
    }

    /**
     * The first and last column holding over 100 pixels of the marker colour (the legend row
     * excluded), and the largest vertical extent, top to bottom, of that colour in one of them.
     */
    private static int[] markerColumns(BufferedImage img) {
        int marker = Histogram.MARKER.getRGB() & 0xFFFFFF;
        int minCol = Integer.MAX_VALUE;
        int maxCol = -1;
        int extent = 0;
        for (int x = 0; x < img.getWidth(); x++) {
            int n = 0;
            int top = -1;
            int bottom = -1;
            for (int y = 0; y < img.getHeight() - 40; y++) {
                if (Pixels.distance(Pixels.rgb(img, x, y), marker) <= 20) {
                    n++;
                    top = top < 0 ? y : top;
                    bottom = y;
                }
            }
            if (n > 100) {
                minCol = Math.min(minCol, x);
                maxCol = Math.max(maxCol, x);
                extent = Math.max(extent, bottom - top);
            }
        }
        return new int[] {minCol, maxCol, extent};
    }

    @Test
    void theMarkerIsATallThinVerticalLine() throws IOException {
        Path png = dir.resolve("hist.png");
        Histogram.write(png, "gradient norms", normal(256, 0.9, 0.1), 40, 1.0);
        BufferedImage img = Pixels.read(png, Histogram.WIDTH, Histogram.HEIGHT);
        int[] cols = markerColumns(img);
        assertTrue(cols[1] >= 0, "no marker line found");
        assertTrue(cols[1] - cols[0] <= 3, "marker spans columns " + cols[0] + ".." + cols[1]);
        // The dashed line runs over the whole plot height (the figure is 500 px with title,
        // axis and legend around the plot).
        assertTrue(cols[2] > 300, "marker only " + cols[2] + " px tall");
        assertEquals(List.of("hist.png"), Pixels.names(dir));
    }

    @Test
    void aMarkerFarFromEveryValueIsStillInsideThePlot() throws IOException {
        Path png = dir.resolve("far.png");
        Histogram.write(png, "clipped critic", "gradient norm", normal(256, 0.05, 0.01), 30, 1.0, "target 1");
        BufferedImage img = Pixels.read(png, Histogram.WIDTH, Histogram.HEIGHT);
        int[] cols = markerColumns(img);
        assertTrue(cols[1] >= 0, "no marker line found");
        assertTrue(cols[1] < Histogram.WIDTH - 30, "marker pressed against the right edge at " + cols[1]);
        // The values pile up far left of it: the marker sits in the right part of the figure.
        assertTrue(cols[0] > Histogram.WIDTH / 2, "marker at column " + cols[0]);
    }

    @Test
    void binsSpanTheValuesAndTheMarkerAndCountEveryFiniteValue() {
        Binned b = Binned.of(new double[] {0, 0.5, 1, 1, Double.NaN, Double.POSITIVE_INFINITY}, 4, 2);
        assertArrayEquals(new double[] {0, 0.5, 1, 1.5, 2}, b.edges(), 1e-12);
        assertArrayEquals(new long[] {1, 1, 2, 0}, b.counts());
        assertEquals(4, b.finite());
        assertEquals(2, b.dropped());
        assertEquals(2, b.maxCount());
        // The right edge belongs to the last bin; equal values get a unit-wide range.
        assertArrayEquals(new long[] {0, 1}, Binned.of(new double[] {2}, 2, 0).counts());
        Binned same = Binned.of(new double[] {3, 3}, 1, 3);
        assertArrayEquals(new double[] {2.5, 3.5}, same.edges(), 1e-12);
    }

    @Test
    void badInputIsRejectedWithTheProblemNamed() {
        Path png = dir.resolve("bad.png");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Histogram.write(png, "t", new double[] {1, 2}, 0, 1));
        assertTrue(e.getMessage().contains("bins must be at least 1, got 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Histogram.write(png, "t", new double[0], 10, 1));
        assertTrue(e.getMessage().contains("values must not be empty"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Histogram.write(png, "t", new double[] {Double.NaN, Double.NaN}, 10, 1));
        assertTrue(e.getMessage().contains("no finite value among 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Histogram.write(png, "t", new double[] {1}, 10, Double.NaN));
        assertTrue(e.getMessage().contains("marker must be finite"), e.getMessage());
        assertTrue(Pixels.names(dir).isEmpty());
    }
}
