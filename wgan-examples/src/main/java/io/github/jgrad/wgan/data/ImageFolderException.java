package io.github.jgrad.wgan.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/** A folder of images that cannot be learnt: missing, a file, or without a readable image. */
public class ImageFolderException extends IOException {
    private static final long serialVersionUID = 1L;

    /** A problem with {@code folder}, as a sentence fragment after its absolute path. */
    public ImageFolderException(Path folder, String problem) {
        super(Objects.requireNonNull(folder, "folder").toAbsolutePath().normalize() + ": " + problem);
    }
}
