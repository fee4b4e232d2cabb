package io.github.jgrad.wgan.data;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Finds the shared MNIST test set (never copied into the repository). Maven runs tests in the
 * module folder, an IDE often in the repository root, so both relative locations are tried.
 */
public final class SharedMnist {
    /** Where the folder is looked for, relative to the working directory. */
    public static final List<Path> CANDIDATES = List.of(
            Path.of("..", "shared", "data", "mnist"),
            Path.of("..", "..", "shared", "data", "mnist"));

    private SharedMnist() {
    }

    /**
     * The shared MNIST folder; skips the calling test (a JUnit assumption, reported as skipped)
     * with the absolute places searched when it is not there.
     */
    public static Path folderOrSkip() {
        for (Path p : CANDIDATES) {
            if (Files.isRegularFile(p.resolve("t10k-images-idx3-ubyte.gz"))
                    && Files.isRegularFile(p.resolve("t10k-labels-idx1-ubyte.gz"))) {
                return p;
            }
        }
        String searched = CANDIDATES.stream().map(p -> p.toAbsolutePath().normalize().toString())
                .collect(Collectors.joining(", "));
        assumeTrue(false, "shared MNIST test set not found; looked for t10k-*-ubyte.gz in " + searched);
        throw new AssertionError("unreachable");
    }
}
