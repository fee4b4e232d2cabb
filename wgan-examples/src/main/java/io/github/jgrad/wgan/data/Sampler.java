package io.github.jgrad.wgan.data;

import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Tensor;

/**
 * A source of real samples: anything a trainer or a metric can draw a batch from. The batch's
 * first dimension is the sample index; the rest is one sample's shape ({@code [n, 2]} for the
 * toy sets, {@code [n, 1, 28, 28]} for MNIST).
 */
@FunctionalInterface
public interface Sampler {

    /**
     * Draws {@code n} samples. The draw depends only on {@code rng}'s state, so a generator with
     * the same seed gives the same batch.
     *
     * @param n   number of samples, at least 1
     * @param rng the source of randomness; it is advanced
     * @return a tensor whose first dimension is {@code n}
     */
    Tensor sample(int n, Rng rng);
}
