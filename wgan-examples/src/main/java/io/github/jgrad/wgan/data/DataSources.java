package io.github.jgrad.wgan.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Opens the data source a run names on the command line and in its checkpoint: a toy set id
 * ({@code 8gaussians}, {@code 25gaussians}, {@code swissroll}) or {@code mnist} (read from a
 * folder of IDX files).
 */
public final class DataSources {
    private DataSources() {
    }

    /**
     * The source named {@code id}.
     *
     * @param dataDir the folder holding the MNIST files (ignored for the toy sets)
     * @throws IllegalArgumentException naming the valid names if {@code id} names none
     * @throws IOException if a file cannot be read (the message names it)
     */
    public static DataSource open(String id, Path dataDir) throws IOException {
        Objects.requireNonNull(id, "id");
        if ("mnist".equals(id)) {
            return Mnist.load(dataDir);
        }
        return ToyData.fromId(id);
    }
}
