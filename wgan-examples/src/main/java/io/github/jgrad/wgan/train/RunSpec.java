package io.github.jgrad.wgan.train;

import io.github.jgrad.wgan.data.DataKind;
import io.github.jgrad.wgan.data.DataOptions;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What a run trains on and with which networks, beside its {@link TrainConfig}: enough to
 * rebuild the networks of a run folder for sampling, evaluation and resuming.
 *
 * @param data a toy set id ({@code 8gaussians}, {@code 25gaussians}, {@code swissroll}),
 *     {@code mnist}, a CSV table ({@code path.csv} or {@code csv:path}) or a folder of images
 *     ({@code images:path}, or the path of an existing folder); see {@link DataKind}
 * @param network {@code toy} (toy sets), {@code mnist-mlp}, {@code mnist-conv} or {@code resnet} (MNIST), {@code table}
 *     (a table: an MLP sized from its columns, with a softmax block per categorical column), {@code conv}
 *     (a folder of images: a DCGAN-style pair sized from the image size; {@code resnet} too at 28 and 32)
 * @param width hidden width of the MLPs; for {@code table}, 0 sizes it from the columns
 * @param dataDir folder holding the MNIST IDX files (ignored for the other data)
 * @param config the training settings
 * @param dataOptions how a table or an image folder is read
 */
public record RunSpec(String data, String network, int width, Path dataDir, TrainConfig config,
                      DataOptions dataOptions) {

    /** Validates the combination of data and network. */
    public RunSpec {
        Objects.requireNonNull(data, "data");
        dataOptions = dataOptions == null ? DataOptions.DEFAULT : dataOptions;
        DataKind kind = DataKind.of(data);
        if (kind == DataKind.TOY && !"toy".equals(network)) {
            throw new IllegalArgumentException("network '" + network + "' needs --data mnist (or a table: 'table');"
                    + " toy data uses network 'toy'");
        }
        if (kind == DataKind.MNIST && !("mnist-mlp".equals(network) || "mnist-conv".equals(network)
                || "resnet".equals(network))) {
            throw new IllegalArgumentException("MNIST uses network 'mnist-mlp', 'mnist-conv' or 'resnet', got '"
                    + network + "'");
        }
        if (kind == DataKind.TABLE && !"table".equals(network)) {
            throw new IllegalArgumentException("a table uses network 'table', got '" + network + "'");
        }
        if (kind == DataKind.IMAGES && !("conv".equals(network) || "resnet".equals(network))) {
            throw new IllegalArgumentException("a folder of images uses network 'conv' or 'resnet', got '" + network + "'");
        }
        if (width < 1 && !(width == 0 && "table".equals(network))) {
            throw new IllegalArgumentException("width must be at least 1, got " + width);
        }
    }

    /** A run on data that needs no reading options (toy sets, MNIST). */
    public RunSpec(String data, String network, int width, Path dataDir, TrainConfig config) {
        this(data, network, width, dataDir, config, DataOptions.DEFAULT);
    }

    /** What kind of data the run learns. */
    public DataKind kind() {
        return DataKind.of(data);
    }

    /** True for the 2-D toy sets. */
    public boolean isToy() {
        return kind() == DataKind.TOY;
    }

    /**
     * Dimension of the generator's noise input: 2 for the toy sets (as in the WGAN-GP code), 128
     * for MNIST. A table's is sized from its columns, {@link Networks#tableNoiseDim(int)}.
     */
    public int noiseDim() {
        return isToy() ? 2 : 128;
    }

    /** With another number of generator iterations. */
    public RunSpec withIterations(int iterations) {
        return new RunSpec(data, network, width, dataDir, config.withIterations(iterations), dataOptions);
    }
}
