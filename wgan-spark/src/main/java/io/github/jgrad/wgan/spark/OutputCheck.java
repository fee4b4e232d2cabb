package io.github.jgrad.wgan.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks that a sweep's output folder can be created and written, leaving nothing behind. */
final class OutputCheck {
    private OutputCheck() {
    }

    /**
     * Creates {@code out} if needed and writes and deletes a small file in it.
     *
     * @return null if that worked, otherwise what went wrong, in a few words
     */
    static String problem(Path out) {
        try {
            Files.createDirectories(out);
            Path probe = Files.createTempFile(out, ".jgrad-sweep-probe", ".tmp");
            Files.delete(probe);
            return null;
        } catch (java.nio.file.FileAlreadyExistsException e) {
            return "a file is in the way of the folder " + e.getFile();
        } catch (java.nio.file.AccessDeniedException e) {
            return "permission denied on " + e.getFile();
        } catch (IOException | SecurityException e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }

    /**
     * As {@link #problem}, on the driver.
     *
     * @throws IllegalArgumentException naming the folder and the problem
     */
    static void requireWritable(Path out) {
        String problem = problem(out);
        if (problem != null) {
            throw new IllegalArgumentException("cannot write --out " + out + ": " + problem);
        }
    }
}
