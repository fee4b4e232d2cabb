package io.github.jgrad.wgan.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An MNIST file that is missing or not a well-formed IDX file of the expected kind. The message
 * starts with the file (or, for a missing file, the folder searched) and says what is wrong, so
 * it can be shown to a user as is.
 */
public class MnistFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The file (or folder) the problem is about. Paths are not serializable, hence a string. */
    private final String file;

    /**
     * A problem with {@code file}.
     *
     * @param file    the file or folder concerned
     * @param problem what is wrong, as a sentence fragment
     */
    public MnistFormatException(Path file, String problem) {
        this(file, problem, null);
    }

    /**
     * A problem with {@code file} found through {@code cause} (an I/O or gzip error).
     *
     * @param file    the file or folder concerned
     * @param problem what is wrong, as a sentence fragment
     * @param cause   the underlying error, or null
     */
    public MnistFormatException(Path file, String problem, Throwable cause) {
        super(Objects.requireNonNull(file, "file").toAbsolutePath().normalize() + ": " + problem, cause);
        this.file = file.toAbsolutePath().normalize().toString();
    }

    /** The absolute path of the file or folder the problem is about. */
    public Path file() {
        return Path.of(file);
    }
}
