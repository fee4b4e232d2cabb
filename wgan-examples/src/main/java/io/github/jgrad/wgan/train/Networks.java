package io.github.jgrad.wgan.train;

import io.github.jgrad.nn.Init;
import io.github.jgrad.nn.LeakyReLU;
import io.github.jgrad.nn.Linear;
import io.github.jgrad.nn.Module;
import io.github.jgrad.nn.ReLU;
import io.github.jgrad.nn.Sequential;
import io.github.jgrad.nn.Tanh;
import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Rng;

/**
 * The generator and critic architectures of REFERENCE.md. None of the critics uses batch
 * normalisation, which would couple the samples that a gradient penalty treats one by one.
 */
public final class Networks {
    private Networks() {
    }

    /**
     * The toy MLP of the WGAN-GP code: {@code in -> width -> width -> width -> out} with ReLU,
     * hidden layers He-uniform initialised.
     */
    public static Module toyMlp(int in, int width, int out, Rng rng) {
        if (width < 1) {
            throw new IllegalArgumentException("toy MLP: width must be positive, got " + width);
        }
        Linear l1 = heUniform(new Linear(in, width, rng), rng);
        Linear l2 = heUniform(new Linear(width, width, rng), rng);
        Linear l3 = heUniform(new Linear(width, width, rng), rng);
        Linear l4 = new Linear(width, out, rng);
        return new Sequential(l1, new ReLU(), l2, new ReLU(), l3, new ReLU(), l4);
    }

    private static Linear heUniform(Linear l, Rng rng) {
        l.weight().value().copyFromInPlace(Init.kaimingUniform(rng, DType.F32, l.weight().value().shape(), 0));
        return l;
    }

    /** MNIST MLP critic: {@code 784 -> 512 -> 256 -> 1} with LeakyReLU(0.2); input {@code [N, 784]}. */
    public static Module mnistMlpCritic(Rng rng) {
        return new Sequential(new Linear(784, 512, rng), new LeakyReLU(0.2), new Linear(512, 256, rng),
                new LeakyReLU(0.2), new Linear(256, 1, rng));
    }

    /** MNIST MLP generator: {@code 128 -> 256 -> 512 -> 784} with ReLU and a tanh output in [-1, 1]. */
    public static Module mnistMlpGenerator(Rng rng) {
        return new Sequential(new Linear(128, 256, rng), new ReLU(), new Linear(256, 512, rng), new ReLU(),
                new Linear(512, 784, rng), new Tanh());
    }
}
