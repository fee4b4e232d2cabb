package io.github.jgrad.nn;

import io.github.jgrad.autodiff.Var;

/**
 * A layer whose forward pass can run with a substitute weight, so that a wrapper such as
 * {@link SpectralNorm} can feed it a reparametrised weight while the layer keeps its bias.
 */
public interface WeightedLayer {
    /** The layer's own weight. */
    Parameter weight();

    /** The layer's bias, or null. */
    Parameter bias();

    /** The forward pass with {@code weight} (same shape as {@link #weight()}) in place of the layer's own. */
    Var forwardWith(Var input, Var weight);
}
