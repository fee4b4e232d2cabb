package io.github.jgrad.wgan.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Opens the data source a run names on the command line and in its checkpoint (see
 * {@link DataKind}): a toy set id ({@code 8gaussians}, {@code 25gaussians}, {@code swissroll}),
 * {@code mnist} (read from a folder of IDX files), a CSV table or a folder of images.
 */
public final class DataSources {
    private DataSources() {
    }

    /** The source named {@code id}, read with default options; see {@link #open(String, Path, DataOptions, long)}. */
    public static DataSource open(String id, Path dataDir) throws IOException {
        return open(id, dataDir, DataOptions.DEFAULT, 1);
    }

    /**
     * The source named {@code id}.
     *
     * @param dataDir the folder holding the MNIST files (ignored for the other kinds)
     * @param options how a table or an image folder is read
     * @param seed    chooses a table's held-out rows and a folder's held-out images
     * @throws IllegalArgumentException naming the valid names if {@code id} names none
     * @throws IOException if a file cannot be read or is malformed (the message names it)
     */
    public static DataSource open(String id, Path dataDir, DataOptions options, long seed) throws IOException {
        Objects.requireNonNull(id, "id");
        switch (DataKind.of(id)) {
            case MNIST:
                return Mnist.load(dataDir);
            case TABLE:
                return TableData.load(DataKind.path(id), options.table(), seed);
            case IMAGES:
                return ImageFolder.load(DataKind.path(id), options.imageSize(), options.channels(), seed);
            default:
                try {
                    return ToyData.fromId(id);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(e.getMessage() + "; or mnist, a .csv file, or a folder of images"
                            + " (no folder '" + id + "' exists)", e);
                }
        }
    }
}
