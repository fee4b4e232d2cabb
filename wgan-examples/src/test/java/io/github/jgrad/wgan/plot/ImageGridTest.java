package io.github.jgrad.wgan.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jgrad.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageGridTest {
    @TempDir
    Path dir;

    private static int gray(int g) {
        return (g << 16) | (g << 8) | g;
    }

    @Test
    void anEightByEightGridOfDigitsHasTheExpectedSize() throws IOException {
        Path png = dir.resolve("grid.png");
        ImageGrid.write(png, Tensor.zeros(64, 1, 28, 28), 8, 3);
        int side = 8 * (28 * 3 + ImageGrid.SEPARATOR) + ImageGrid.SEPARATOR;
        Pixels.read(png, side, side);
        assertEquals(List.of("grid.png"), Pixels.names(dir));
    }

    @Test
    void aKnownImageAppearsInItsCellWithItsGrayLevels() throws IOException {
        int n = 7;
        int h = 4;
        int w = 5;
        int scale = 3;
        int columns = 3;
        double[] v = new double[n * h * w];
        java.util.Arrays.fill(v, -1);
        // Image 4 (second row, second column): value at (r, c) = -1 + 0.1 * (r * w + c).
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                v[4 * h * w + r * w + c] = -1 + 0.1 * (r * w + c);
            }
        }
        Path png = dir.resolve("known.png");
        ImageGrid.write(png, Tensor.of(v, n, 1, h, w), columns, scale);
        int width = columns * (w * scale + ImageGrid.SEPARATOR) + ImageGrid.SEPARATOR;
        int height = 3 * (h * scale + ImageGrid.SEPARATOR) + ImageGrid.SEPARATOR;
        BufferedImage img = Pixels.read(png, width, height);

        int x0 = ImageGrid.SEPARATOR + (w * scale + ImageGrid.SEPARATOR);
        int y0 = ImageGrid.SEPARATOR + (h * scale + ImageGrid.SEPARATOR);
        assertEquals(x0, ImageGrid.cellOrigin(1, w * scale));
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                int expected = gray(ImageGrid.gray(-1 + 0.1 * (r * w + c)));
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        assertEquals(expected, Pixels.rgb(img, x0 + c * scale + dx, y0 + r * scale + dy),
                                "pixel (" + r + ", " + c + ") block offset (" + dy + ", " + dx + ")");
                    }
                }
            }
        }
        // Separators are white, other images black, and the unused cells (7 images in 9) white.
        assertEquals(0xFFFFFF, Pixels.rgb(img, x0 - 1, y0 + 2));
        assertEquals(0xFFFFFF, Pixels.rgb(img, x0 + 2, y0 - 1));
        assertEquals(0x000000, Pixels.rgb(img, ImageGrid.SEPARATOR, ImageGrid.SEPARATOR));
        int lastCell = ImageGrid.cellOrigin(2, w * scale);
        assertEquals(0xFFFFFF, Pixels.rgb(img, lastCell + 3, ImageGrid.cellOrigin(2, h * scale) + 3));
    }

    @Test
    void valuesMapLinearlyFromMinusOneToOneOntoBlackToWhite() {
        assertEquals(0, ImageGrid.gray(-1));
        assertEquals(255, ImageGrid.gray(1));
        assertEquals(128, ImageGrid.gray(0));
        assertEquals(255, ImageGrid.gray(7));
        assertEquals(0, ImageGrid.gray(-2));
        assertEquals(0, ImageGrid.gray(Double.NaN));
    }

    @Test
    void colourImagesKeepTheirChannels() throws java.io.IOException {
        // one 1x1 image: red -1 -> 0, green 0 -> 128, blue 1 -> 255
        Tensor rgb = Tensor.of(new float[] {-1, 0, 1}, 1, 3, 1, 1);
        java.awt.image.BufferedImage img = ImageGrid.render(rgb, 1, 1);
        int p = img.getRGB(ImageGrid.SEPARATOR, ImageGrid.SEPARATOR) & 0xFFFFFF;
        assertEquals(0x0080FF, p);
    }

    @Test
    void badShapesAndSizesAreRejectedWithTheProblemNamed() {
        Path png = dir.resolve("bad.png");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageGrid.write(png, Tensor.zeros(4, 28, 28), 2, 1));
        assertTrue(e.getMessage().contains("[n, 1 or 3, h, w]") && e.getMessage().contains("[4, 28, 28]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ImageGrid.write(png, Tensor.zeros(4, 2, 28, 28), 2, 1));
        assertTrue(e.getMessage().contains("[n, 1 or 3, h, w]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ImageGrid.write(png, Tensor.zeros(0, 1, 28, 28), 2, 1));
        assertTrue(e.getMessage().contains("non-empty"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ImageGrid.write(png, Tensor.zeros(4, 1, 2, 2), 0, 1));
        assertTrue(e.getMessage().contains("columns"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ImageGrid.write(png, Tensor.zeros(4, 1, 2, 2), 2, 0));
        assertTrue(e.getMessage().contains("scale"), e.getMessage());
        assertTrue(Pixels.names(dir).isEmpty());
    }
}
