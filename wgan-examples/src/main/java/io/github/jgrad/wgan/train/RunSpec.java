package io.github.jgrad.wgan.train;

import java.nio.file.Path;

/**
 * What a run trains on and with which networks, beside its {@link TrainConfig}: enough to
 * rebuild the networks of a run folder for sampling, evaluation and resuming.
 *
 * @param data a toy set id ({@code 8gaussians}, {@code 25gaussians}, {@code swissroll}) or {@code mnist}
 * @param network {@code toy}, {@code mnist-mlp}, {@code mnist-conv} or {@code resnet}
 * @param width hidden width of the toy MLP
 * @param dataDir folder holding the MNIST IDX files (ignored for toy data)
 * @param config the training settings
 */
public record RunSpec(String data, String network, int width, Path dataDir, TrainConfig config) {

    /** Validates the combination of data and network. */
    public RunSpec {
        boolean mnist = "mnist".equals(data);
        if (!mnist && !"toy".equals(network)) {
            throw new IllegalArgumentException("network '" + network + "' needs --data mnist; toy data uses network 'toy'");
        }
        if (mnist && !("mnist-mlp".equals(network) || "mnist-conv".equals(network) || "resnet".equals(network))) {
            throw new IllegalArgumentException("MNIST uses network 'mnist-mlp', 'mnist-conv' or 'resnet', got '"
                    + network + "'");
        }
        if (width < 1) {
            throw new IllegalArgumentException("width must be at least 1, got " + width);
        }
    }

    /** True for the 2-D toy sets. */
    public boolean isToy() {
        return !"mnist".equals(data);
    }

    /** Dimension of the generator's noise input: 2 for the toy sets (as in the WGAN-GP code), 128 for MNIST. */
    public int noiseDim() {
        return isToy() ? 2 : 128;
    }
}
