package io.github.jgrad.wgan.plot;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;
import java.util.Objects;
import javax.imageio.ImageIO;

/** Writes images as PNG files atomically, and keeps AWT headless. */
final class PngFiles {
    static {
        ensureHeadless();
    }

    private PngFiles() {
    }

    /**
     * Asks AWT for headless mode unless the application already chose. The plots only draw into
     * off-screen images, and on a server without a display a non-headless AWT fails on first use
     * of fonts; an application with its own GUI that set the property keeps its choice.
     */
    static void ensureHeadless() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /**
     * Checks that {@code png} can name an output file and returns it as an absolute path.
     *
     * @throws IllegalArgumentException if it is null or has no file name
     */
    static Path target(Path png) {
        if (png == null) {
            throw new IllegalArgumentException("png: output path must not be null");
        }
        Path abs = png.toAbsolutePath().normalize();
        if (abs.getFileName() == null) {
            throw new IllegalArgumentException("png: output path '" + png + "' has no file name");
        }
        return abs;
    }

    /**
     * Writes {@code image} to {@code png}: parent folders are created, the bytes go to a temporary
     * file in the same folder (so the final move stays within one file system and can be atomic),
     * and that file then replaces the target in one step.
     */
    static void write(BufferedImage image, Path png) throws IOException {
        Objects.requireNonNull(image, "image");
        Path target = target(png);
        Path dir = target.getParent();
        Files.createDirectories(dir);
        // Not Files.createTempFile: it makes the file owner-only (0600), and the PNG would keep
        // that mode after the move. CREATE_NEW gives the process's usual mode (umask) and still
        // refuses to reuse an existing name.
        Path tmp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        boolean moved = false;
        try {
            try (out) {
                if (!ImageIO.write(image, "png", out)) {
                    throw new IOException("no PNG writer available for image type " + image.getType());
                }
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // Some file systems (certain network mounts) refuse the atomic flag; within one
                // folder a plain replace is still a rename there, not a copy.
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            moved = true;
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }
}
