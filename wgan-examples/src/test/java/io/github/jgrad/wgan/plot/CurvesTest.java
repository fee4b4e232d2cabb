package io.github.jgrad.wgan.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurvesTest {
    @TempDir
    Path dir;

    private static double[][] series(int n, java.util.function.IntToDoubleFunction f) {
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = i;
            ys[i] = f.applyAsDouble(i);
        }
        return new double[][] {xs, ys};
    }

    private static int count(BufferedImage img, int rgb) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if (Pixels.distance(Pixels.rgb(img, x, y), rgb) <= 12) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void writesOneLinePerSeriesInPaletteOrder() throws IOException {
        Map<String, double[][]> s = new LinkedHashMap<>();
        s.put("critic loss", series(3000, i -> -2 * Math.exp(-i / 500.0)));
        s.put("Wasserstein estimate", series(3000, i -> 2 * Math.exp(-i / 500.0)));
        Path png = dir.resolve("curves.png");
        Curves.write(png, "losses", "generator iteration", s);
        BufferedImage img = Pixels.read(png, Curves.WIDTH, Curves.HEIGHT);
        int first = Style.PALETTE[0].getRGB() & 0xFFFFFF;
        int second = Style.PALETTE[1].getRGB() & 0xFFFFFF;
        assertTrue(count(img, first) > 300, "first series colour barely present");
        assertTrue(count(img, second) > 300, "second series colour barely present");
        assertEquals(List.of("curves.png"), Pixels.names(dir));
    }

    @Test
    void logScaleAcceptsPositiveSeriesAndNaNGaps() throws IOException {
        Map<String, double[][]> s = new LinkedHashMap<>();
        double[][] sw = series(30, i -> Math.exp(-i / 5.0));
        sw[1][10] = Double.NaN;
        s.put("sliced Wasserstein", sw);
        s.put("floor", series(30, i -> 0.004));
        Path png = dir.resolve("log.png");
        Curves.write(png, "distance", "iteration", s, true);
        Pixels.read(png, Curves.WIDTH, Curves.HEIGHT);
        Curves.write(dir.resolve("labelled.png"), "distance", "iteration", "distance", s, true);
        Pixels.read(dir.resolve("labelled.png"), Curves.WIDTH, Curves.HEIGHT);
    }

    @Test
    void anAllNaNSeriesKeepsItsPlaceWhenAnotherHasData() throws IOException {
        Map<String, double[][]> s = new LinkedHashMap<>();
        s.put("diverged", series(10, i -> Double.NaN));
        s.put("fine", series(10, i -> i));
        Curves.write(dir.resolve("nan.png"), "t", "x", s);
        Pixels.read(dir.resolve("nan.png"), Curves.WIDTH, Curves.HEIGHT);
    }

    @Test
    void badSeriesAreRejectedWithTheProblemNamed() {
        Path png = dir.resolve("bad.png");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Curves.write(png, "t", "x", Map.of()));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Curves.write(png, "t", "x", Map.of("loss", new double[][] {{}, {}})));
        assertTrue(e.getMessage().contains("'loss' is empty"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Curves.write(png, "t", "x", Map.of("loss", new double[][] {{1, 2, 3}, {1, 2}})));
        assertTrue(e.getMessage().contains("3 x values but 2 y values"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Curves.write(png, "t", "x", Map.of("loss", new double[][] {{1, 2}})));
        assertTrue(e.getMessage().contains("{xs, ys}"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Curves.write(png, "t", "x", Map.of("critic loss", new double[][] {{0, 1, 2}, {1, -0.5, 2}}), true));
        assertTrue(e.getMessage().contains("'critic loss'") && e.getMessage().contains("y[1] = -0.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Curves.write(png, "t", "x", Map.of("loss", series(3, i -> Double.NaN))));
        assertTrue(e.getMessage().contains("finite"), e.getMessage());
        assertTrue(Pixels.names(dir).isEmpty(), "a rejected call left files: " + Pixels.names(dir));
    }
}
