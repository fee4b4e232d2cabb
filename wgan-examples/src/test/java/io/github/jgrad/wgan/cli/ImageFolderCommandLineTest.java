package io.github.jgrad.wgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder of images trained and sampled into a folder of PNG files, as a user does it. */
class ImageFolderCommandLineTest {
    @TempDir
    Path dir;

    @Test
    void aFolderOfImagesTrainsAndSamplesIntoAFolderOfPngs() throws IOException {
        Path images = Files.createDirectories(dir.resolve("faces"));
        for (int i = 0; i < 12; i++) {
            BufferedImage img = new BufferedImage(10, 8, BufferedImage.TYPE_INT_RGB);
            img.setRGB(4, 4, 0x00FF00 + i);
            ImageIO.write(img, "png", images.resolve("f" + i + ".png").toFile());
        }
        Path runDir = dir.resolve("run");
        ProgramRun t = ProgramRun.of("train", "--data", images.toString(), "--image-size", "8", "--iterations", "2",
                "--batch-size", "4", "--run-dir", runDir.toString(), "--no-progress");
        assertEquals(0, t.status(), t.err());
        assertTrue(Files.size(runDir.resolve(RunPlots.SAMPLES)) > 0);
        assertTrue(Files.readString(runDir.resolve("metrics.jsonl")).contains("\"nn_dist_heldout\""));

        Path out = dir.resolve("synthetic");
        ProgramRun s = ProgramRun.of("sample", "--run-dir", runDir.toString(), "-n", "5", "--out", out + "/");
        assertEquals(0, s.status(), s.err());
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(6, files.count(), "five images and the grid");
        }
        BufferedImage first = ImageIO.read(out.resolve("sample-0001.png").toFile());
        assertEquals(8, first.getWidth());
        assertEquals(8, first.getHeight());
        assertTrue(Files.size(out.resolve("grid.png")) > 0);
    }
}
