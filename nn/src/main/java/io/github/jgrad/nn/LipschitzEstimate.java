package io.github.jgrad.nn;

import io.github.jgrad.tensor.Tensor;

/**
 * An empirical lower bound on a module's Lipschitz constant: the largest input-gradient norm
 * over a batch of points. A 1-Lipschitz critic gives at most 1 everywhere; a WGAN-GP critic
 * trained well shows norms close to 1 between the real and generated data.
 */
public final class LipschitzEstimate {
    private LipschitzEstimate() {
    }

    /**
     * {@code max_i ||grad f(x_i)||} over the rows of {@code points}.
     *
     * @throws IllegalArgumentException if {@code points} has no rows
     */
    public static double of(Module f, Tensor points) {
        if (points.rank() < 1 || points.dim(0) == 0) {
            // A maximum over no points has no value; without this the user would see a reshape error.
            throw new IllegalArgumentException("LipschitzEstimate: no points to evaluate, shape " + points.shape());
        }
        return InputGradients.norms(f, points).max().item();
    }
}
