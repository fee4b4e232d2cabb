package io.github.jgrad.wgan.train;

import io.github.jgrad.nn.Flatten;
import io.github.jgrad.nn.Module;
import io.github.jgrad.nn.Reshape;
import io.github.jgrad.nn.Sequential;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.wgan.data.Mnist;
import io.github.jgrad.wgan.data.Sampler;
import io.github.jgrad.wgan.data.ToyData;
import java.io.IOException;

/**
 * A run put together from its {@link RunSpec}: the data, the two networks (initialised from the
 * run's seed) and the {@link Trainer}. Building the same spec twice gives identical runs.
 */
public final class Experiment {
    private final RunSpec spec;
    private final Sampler data;
    private final Trainer trainer;

    private Experiment(RunSpec spec, Sampler data, Trainer trainer) {
        this.spec = spec;
        this.data = data;
        this.trainer = trainer;
    }

    /**
     * Builds a fresh run.
     *
     * @throws IOException if the MNIST files cannot be read (the message names the file)
     */
    public static Experiment create(RunSpec spec) throws IOException {
        Sampler data = spec.isToy() ? ToyData.fromId(spec.data()) : Mnist.load(spec.dataDir());
        if (data instanceof Mnist m && spec.config().batchSize() > m.size()) {
            throw new IllegalArgumentException("batch size " + spec.config().batchSize() + " is larger than the data set ("
                    + m.size() + " images in " + spec.dataDir() + ")");
        }
        Rng rng = new Rng(spec.config().seed());
        Module generator;
        Module critic;
        switch (spec.network()) {
            case "toy":
                generator = Networks.toyMlp(spec.noiseDim(), spec.width(), 2, rng);
                critic = Networks.toyMlp(2, spec.width(), 1, rng);
                break;
            case "mnist-mlp":
                generator = new Sequential(Networks.mnistMlpGenerator(rng), new Reshape(1, 28, 28));
                critic = new Sequential(new Flatten(), Networks.mnistMlpCritic(rng));
                break;
            case "mnist-conv":
                generator = Networks.mnistConvGenerator(rng);
                critic = Networks.mnistConvCritic(rng);
                break;
            default:
                throw new IllegalArgumentException("unknown network '" + spec.network() + "'");
        }
        return new Experiment(spec, data, new Trainer(spec.config(), generator, critic, spec.noiseDim(), data, rng));
    }

    /** What was built. */
    public RunSpec spec() {
        return spec;
    }

    /** The real data. */
    public Sampler data() {
        return data;
    }

    /** The toy data set, or null for MNIST. */
    public ToyData toyData() {
        return spec.isToy() ? (ToyData) data : null;
    }

    /** The MNIST data, or null for a toy set. */
    public Mnist mnist() {
        return spec.isToy() ? null : (Mnist) data;
    }

    /** The trainer, holding networks, optimizers and the run's random generator. */
    public Trainer trainer() {
        return trainer;
    }
}
