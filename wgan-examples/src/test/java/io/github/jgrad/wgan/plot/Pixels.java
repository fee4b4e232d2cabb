package io.github.jgrad.wgan.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/** Helpers for the plot tests: decoding PNGs and comparing colours. */
final class Pixels {
    private Pixels() {
    }

    /** Decodes {@code png}, failing the test if it is not a readable image. */
    static BufferedImage read(Path png) throws IOException {
        assertTrue(Files.isRegularFile(png), png + " was not written");
        BufferedImage img = ImageIO.read(png.toFile());
        assertNotNull(img, png + " is not a decodable image");
        return img;
    }

    /** Decodes {@code png} and checks its size. */
    static BufferedImage read(Path png, int width, int height) throws IOException {
        BufferedImage img = read(png);
        assertEquals(width, img.getWidth(), "width of " + png);
        assertEquals(height, img.getHeight(), "height of " + png);
        return img;
    }

    /** The 0xRRGGBB colour at (x, y). */
    static int rgb(BufferedImage img, int x, int y) {
        return img.getRGB(x, y) & 0xFFFFFF;
    }

    /** Largest per-channel difference of two 0xRRGGBB colours. */
    static int distance(int a, int b) {
        int d = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            d = Math.max(d, Math.abs(((a >> shift) & 0xFF) - ((b >> shift) & 0xFF)));
        }
        return d;
    }

    /** Asserts that two colours differ by at most {@code tolerance} in every channel. */
    static void assertColor(int expected, int actual, int tolerance, String what) {
        assertTrue(distance(expected, actual) <= tolerance, what + ": expected " + hex(expected) + ", got " + hex(actual));
    }

    static String hex(int rgb) {
        return String.format("#%06X", rgb & 0xFFFFFF);
    }

    /** File names in {@code dir}, sorted. */
    static List<String> names(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
