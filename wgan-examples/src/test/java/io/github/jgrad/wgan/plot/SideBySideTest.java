package io.github.jgrad.wgan.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SideBySideTest {
    @TempDir
    Path dir;

    private Path panel(String name, int w, int h, int rgb) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        Path p = dir.resolve(name);
        PngFiles.write(img, p);
        return p;
    }

    @Test
    void panelsLandInAGridOfCellsSizedToTheLargestWithCaptionsAbove() throws IOException {
        Path a = panel("a.png", 100, 80, 0xFF0000);
        Path b = panel("b.png", 60, 40, 0x00FF00);
        Path c = panel("c.png", 120, 50, 0x0000FF);
        Path out = dir.resolve("figs/compare.png");
        SideBySide.write(out, List.of(a, b, c), List.of("GAN", "WGAN", "WGAN-GP"), 2);

        int cellW = 120;
        int cellH = 80 + SideBySide.CAPTION;
        BufferedImage img = Pixels.read(out, SideBySide.cellOrigin(2, cellW), SideBySide.cellOrigin(2, cellH));
        // Each panel is centred in its cell, below the caption band.
        int ax = SideBySide.cellOrigin(0, cellW) + (cellW - 100) / 2;
        int ay = SideBySide.cellOrigin(0, cellH) + SideBySide.CAPTION;
        assertEquals(0xFF0000, Pixels.rgb(img, ax, ay));
        assertEquals(0xFF0000, Pixels.rgb(img, ax + 99, ay + 79));
        assertEquals(0xFFFFFF, Pixels.rgb(img, ax - 1, ay));
        int bx = SideBySide.cellOrigin(1, cellW) + (cellW - 60) / 2;
        int by = SideBySide.cellOrigin(0, cellH) + SideBySide.CAPTION + (80 - 40) / 2;
        assertEquals(0x00FF00, Pixels.rgb(img, bx, by));
        assertEquals(0xFFFFFF, Pixels.rgb(img, bx, by - 1));
        int cx = SideBySide.cellOrigin(0, cellW);
        int cy = SideBySide.cellOrigin(1, cellH) + SideBySide.CAPTION + (80 - 50) / 2;
        assertEquals(0x0000FF, Pixels.rgb(img, cx + 60, cy + 25));
        // The caption band holds dark text pixels.
        boolean ink = false;
        for (int x = SideBySide.cellOrigin(0, cellW); x < SideBySide.cellOrigin(0, cellW) + cellW; x++) {
            for (int y = SideBySide.cellOrigin(0, cellH); y < ay; y++) {
                ink |= Pixels.distance(Pixels.rgb(img, x, y), 0) < 100;
            }
        }
        assertTrue(ink, "no caption drawn");
        assertEquals(List.of(".", "a.png", "b.png", "c.png", "figs"),
                java.util.stream.Stream.concat(java.util.stream.Stream.of("."), Pixels.names(dir).stream()).toList());
        assertEquals(List.of("compare.png"), Pixels.names(out.getParent()));
    }

    @Test
    void theOutputMayReplaceOneOfItsPanels() throws IOException {
        Path a = panel("a.png", 30, 20, 0x123456);
        SideBySide.write(a, List.of(a, a), List.of("left", "right"), 2);
        Pixels.read(a, SideBySide.cellOrigin(2, 30), SideBySide.cellOrigin(1, 20 + SideBySide.CAPTION));
    }

    @Test
    void badInputIsRejectedWithTheProblemNamed() throws IOException {
        Path out = dir.resolve("out.png");
        Path a = panel("a.png", 10, 10, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SideBySide.write(out, List.of(), List.of(), 2));
        assertTrue(e.getMessage().contains("panels must not be empty"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SideBySide.write(out, List.of(a), List.of("x", "y"), 2));
        assertTrue(e.getMessage().contains("one caption per panel"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SideBySide.write(out, List.of(a), List.of("x"), 0));
        assertTrue(e.getMessage().contains("columns"), e.getMessage());
        Path missing = dir.resolve("missing.png");
        e = assertThrows(IllegalArgumentException.class, () -> SideBySide.write(out, List.of(a, missing), List.of("x", "y"), 2));
        assertTrue(e.getMessage().contains("panel 1") && e.getMessage().contains("missing.png"), e.getMessage());
        Path text = dir.resolve("notes.png");
        Files.writeString(text, "not an image");
        e = assertThrows(IllegalArgumentException.class, () -> SideBySide.write(out, List.of(text), List.of("x"), 2));
        assertTrue(e.getMessage().contains("not a readable image"), e.getMessage());
        assertTrue(!Files.exists(out));
    }
}
