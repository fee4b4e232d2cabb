package io.github.jgrad.nn.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces a file so that a crash at any moment leaves either the old content or the new: the
 * new content goes to a temporary file in the same folder (same file system, so the rename is
 * atomic), is forced to disk, and only then renamed over the target. The folder is forced too so
 * the rename itself survives a power loss where the platform allows it.
 */
final class AtomicFiles {
    /** Writes the content of a file into a channel. */
    interface Body {
        /** Writes everything; throwing aborts the write and leaves the target untouched. */
        void write(FileChannel ch) throws IOException;
    }

    /** Hooks at the points where a crash would matter; tests throw from them to simulate one. */
    interface Observer {
        /** Does nothing. */
        Observer NONE = new Observer() {
        };

        /** Called after each tensor's data is written (to the temporary file). */
        default void afterTensor(String name) throws IOException {
        }

        /** Called after the temporary file is complete and forced, before it replaces the target. */
        default void beforeCommit(Path temp) throws IOException {
        }
    }

    private AtomicFiles() {
    }

    /** Writes {@code body} to {@code target} atomically. On failure the temporary file is removed. */
    static void write(Path target, Body body, Observer observer) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        // A hidden name beside the target, unique so concurrent writers never share it.
        Path temp = dir.resolve("." + abs.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                body.write(ch);
                ch.force(true);
            }
            observer.beforeCommit(temp);
            try {
                Files.move(temp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (Throwable t) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException cleanup) {
                t.addSuppressed(cleanup);
            }
            throw t;
        }
        forceDirectory(dir);
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some platforms (Windows) cannot open or sync a folder; the file itself is already
            // on disk, only the rename may be lost on power failure there.
        }
    }
}
