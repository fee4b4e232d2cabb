package io.github.jgrad.wgan.train;

import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Tensor;

/** A source of real training samples: a batch {@code [n, ...]} drawn with the given generator. */
@FunctionalInterface
public interface Sampler {
    /** Draws {@code n} samples. */
    Tensor sample(int n, Rng rng);
}
