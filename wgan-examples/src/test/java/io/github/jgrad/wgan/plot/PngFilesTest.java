package io.github.jgrad.wgan.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngFilesTest {
    @TempDir
    Path dir;

    private static BufferedImage solid(int w, int h, int rgb) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        return img;
    }

    @Test
    void createsMissingParentFoldersAndWritesADecodablePng() throws IOException {
        Path png = dir.resolve("a/b/c/out.png");
        PngFiles.write(solid(7, 5, 0x123456), png);
        BufferedImage back = Pixels.read(png, 7, 5);
        assertEquals(0x123456, Pixels.rgb(back, 3, 2));
    }

    @Test
    void replacesAnExistingFileCompletelyAndLeavesNoTemporaryFiles() throws IOException {
        Path png = dir.resolve("out.png");
        // A larger file than the new PNG: a non-truncating overwrite would leave its tail.
        byte[] junk = new byte[200_000];
        java.util.Arrays.fill(junk, (byte) 'x');
        Files.write(png, junk);
        PngFiles.write(solid(10, 10, 0xFF0000), png);
        PngFiles.write(solid(3, 4, 0x00FF00), png);

        BufferedImage back = Pixels.read(png, 3, 4);
        assertEquals(0x00FF00, Pixels.rgb(back, 1, 1));
        assertTrue(Files.size(png) < 1000, "file still holds old bytes: " + Files.size(png));
        assertEquals(List.of("out.png"), Pixels.names(dir));
    }

    @Test
    void aFailedWriteKeepsThePreviousFileAndRemovesItsTemporaryFile() throws IOException {
        Path png = dir.resolve("good.png");
        PngFiles.write(solid(6, 6, 0x0000FF), png);
        byte[] before = Files.readAllBytes(png);

        BufferedImage broken = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB) {
            @Override
            public Raster getData(Rectangle rect) {
                throw new IllegalStateException("simulated failure while encoding");
            }

            @Override
            public Raster getData() {
                throw new IllegalStateException("simulated failure while encoding");
            }

            @Override
            public WritableRaster copyData(WritableRaster outRaster) {
                throw new IllegalStateException("simulated failure while encoding");
            }
        };
        assertThrows(RuntimeException.class, () -> PngFiles.write(broken, png));

        assertArrayEquals(before, Files.readAllBytes(png));
        assertEquals(List.of("good.png"), Pixels.names(dir));
    }

    @Test
    void writtenFilesGetTheSameModeAsAnyNewFileNotOwnerOnly() throws IOException {
        Path png = dir.resolve("perm.png");
        PngFiles.write(solid(2, 2, 0), png);
        if (Files.getFileStore(png).supportsFileAttributeView("posix")) {
            Path plain = Files.createFile(dir.resolve("plain.txt"));
            Set<PosixFilePermission> expected = Files.getPosixFilePermissions(plain);
            assertEquals(expected, Files.getPosixFilePermissions(png));
        }
    }

    @Test
    void rejectsAPathWithoutFileName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PngFiles.target(null));
        assertTrue(e.getMessage().contains("png"), e.getMessage());
    }

    @Test
    void rendersHeadless() {
        PngFiles.ensureHeadless();
        assertTrue(java.awt.GraphicsEnvironment.isHeadless());
    }
}
