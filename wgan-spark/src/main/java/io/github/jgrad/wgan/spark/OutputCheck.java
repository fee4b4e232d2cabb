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
     * As {@link #problem(Path)}, for a local folder or a folder on a Hadoop file system.
     *
     * @return null if writing worked, otherwise what went wrong, in a few words
     */
    static String problem(Output out) {
        if (out.isLocal()) {
            return problem(out.local());
        }
        try {
            org.apache.hadoop.fs.FileSystem fs = out.fileSystem();
            org.apache.hadoop.fs.Path dir = out.hadoopPath("");
            if (fs.exists(dir) && !fs.getFileStatus(dir).isDirectory()) {
                return "a file is in the way of the folder " + dir;
            }
            fs.mkdirs(dir);
            org.apache.hadoop.fs.Path probe = out.hadoopPath(".jgrad-sweep-probe-" + java.util.UUID.randomUUID());
            fs.create(probe, false).close();
            fs.delete(probe, false);
            return null;
        } catch (IOException | RuntimeException e) {
            return SparkErrors.message(e);
        }
    }

    /**
     * As {@link #problem(Output)}, on the driver.
     *
     * @throws IllegalArgumentException naming the folder and the problem
     */
    static void requireWritable(Output out) {
        String problem = problem(out);
        if (problem != null) {
            throw new IllegalArgumentException("cannot write --out " + out + ": " + problem);
        }
    }
}
