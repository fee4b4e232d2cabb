package io.github.jgrad.wgan.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTest {
    @TempDir
    Path dir;

    /** A w x h image, black with a white square of side min(w, h) in the centre... drawn by {@code rgb(x, y)}. */
    private static BufferedImage image(int w, int h, int type, java.util.function.IntBinaryOperator rgb) {
        BufferedImage img = new BufferedImage(w, h, type);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb.applyAsInt(x, y));
            }
        }
        return img;
    }

    private Path write(String name, BufferedImage img) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        ImageIO.write(img, name.endsWith(".png") ? "png" : "jpg", p.toFile());
        return p;
    }

    @Test
    void imagesAreCentreCroppedResizedAndScaledToMinusOneOne() throws IOException {
        // 8 x 4: the centre 4 x 4 square (x 2..5) is white, the sides black; cropped, it is all white.
        write("a/wide.png", image(8, 4, BufferedImage.TYPE_BYTE_GRAY, (x, y) -> x >= 2 && x < 6 ? 0xFFFFFF : 0));
        // 4 x 4, black: reads as -1 everywhere.
        write("b/nested/dark.png", image(4, 4, BufferedImage.TYPE_BYTE_GRAY, (x, y) -> 0));
        ImageFolder f = ImageFolder.load(dir, 0, 0, 1);
        assertEquals(Shape.of(1, 4, 4), f.sampleShape(), "grey, and the first image's shorter side");
        assertEquals(OptionalInt.of(2), f.records());
        Tensor all = f.training();
        assertEquals(Shape.of(2, 1, 4, 4), all.shape());
        double[] v = all.toDoubleArray();
        double sum = 0;
        for (double x : v) {
            assertTrue(x == 1.0 || x == -1.0, "white or black: " + x);
            sum += x;
        }
        assertEquals(0, sum, 1e-9, "one white image and one black one");
        assertEquals(Shape.of(5, 1, 4, 4), f.sample(5, new Rng(1)).shape());
    }

    @Test
    void colourIsKeptAsThreeChannelsOrTurnedGreyWhenAsked() throws IOException {
        write("red.png", image(4, 4, BufferedImage.TYPE_INT_RGB, (x, y) -> 0xFF0000));
        ImageFolder rgb = ImageFolder.load(dir, 0, 0, 1);
        assertEquals(Shape.of(3, 4, 4), rgb.sampleShape());
        Tensor t = rgb.training();
        assertEquals(1.0, t.get(0, 0, 1, 1), 1e-6);
        assertEquals(-1.0, t.get(0, 1, 1, 1), 1e-6);
        assertEquals(-1.0, t.get(0, 2, 1, 1), 1e-6);
        ImageFolder grey = ImageFolder.load(dir, 8, 1, 1);
        assertEquals(Shape.of(1, 8, 8), grey.sampleShape());
        // luma of pure red: round(0.299 * 255) = 76 -> 76 / 127.5 - 1
        assertEquals(76 / 127.5 - 1, grey.training().get(0, 0, 3, 3), 1e-6);
    }

    @Test
    void unreadableFilesAreSkippedCountedAndTheFirstNamed() throws IOException {
        write("ok.png", image(4, 4, BufferedImage.TYPE_BYTE_GRAY, (x, y) -> 0));
        Files.writeString(dir.resolve("broken.png"), "not a png");
        Files.writeString(dir.resolve("notes.txt"), "ignored: not an image name");
        ImageFolder f = ImageFolder.load(dir, 0, 0, 1);
        assertEquals(1, f.trainImages());
        assertEquals(1, f.warnings().size());
        assertTrue(f.warnings().get(0).contains("skipped 1") && f.warnings().get(0).contains("broken.png"),
                f.warnings().toString());
    }

    @Test
    void aTenthIsHeldOutAsTheSeedChooses() throws IOException {
        for (int i = 0; i < 20; i++) {
            int level = i * 12;
            write(String.format("img%02d.png", i), image(4, 4, BufferedImage.TYPE_BYTE_GRAY,
                    (x, y) -> (level << 16) | (level << 8) | level));
        }
        ImageFolder a = ImageFolder.load(dir, 0, 0, 1);
        ImageFolder b = ImageFolder.load(dir, 0, 0, 2);
        assertEquals(2, a.heldOutImages());
        assertEquals(18, a.trainImages());
        assertTrue(a.heldOut().get(0, 0, 0, 0) != b.heldOut().get(0, 0, 0, 0)
                || a.heldOut().get(1, 0, 0, 0) != b.heldOut().get(1, 0, 0, 0), "another seed, another split");
    }

    @Test
    void aFolderWithoutImagesAMissingFolderAndAFileAreRefused() throws IOException {
        Files.writeString(dir.resolve("broken.jpg"), "not a jpeg");
        ImageFolderException e = assertThrows(ImageFolderException.class, () -> ImageFolder.load(dir, 0, 0, 1));
        assertTrue(e.getMessage().contains("no readable PNG or JPEG") && e.getMessage().contains("broken.jpg"),
                e.getMessage());
        assertTrue(assertThrows(ImageFolderException.class, () -> ImageFolder.load(dir.resolve("none"), 0, 0, 1))
                .getMessage().contains("no such image folder"));
        assertTrue(assertThrows(ImageFolderException.class, () -> ImageFolder.load(dir.resolve("broken.jpg"), 0, 0, 1))
                .getMessage().contains("is a file"));
    }
}
