package io.github.jgrad.wgan.data;

import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Tensor;

/**
 * A seeded draw of a batch: the one operation a metric needs from real data. The batch's first
 * dimension is the sample index; the rest is one sample's shape ({@code [n, 2]} for the toy sets,
 * {@code [n, 1, 28, 28]} for MNIST). A {@link DataSource} adds a name and the sample shape.
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
