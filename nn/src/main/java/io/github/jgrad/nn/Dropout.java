package io.github.jgrad.nn;

import io.github.jgrad.autodiff.Var;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Tensor;
import java.util.Objects;

/**
 * Inverted dropout, as in PyTorch: in training mode each element is zeroed with probability
 * {@code p} and the survivors are scaled by {@code 1 / (1 - p)}, so the expected output equals
 * the input and evaluation mode can be the identity. The mask is a constant of the graph, so
 * the gradient is the input gradient times the same mask, and second derivatives pass through.
 */
public final class Dropout extends Layer {
    private final double p;
    private final Rng rng;

    /** Dropout with probability {@code p} in {@code [0, 1)}, masks drawn from {@code rng}. */
    public Dropout(double p, Rng rng) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("Dropout: p must be in [0, 1), got " + p);
        }
        this.p = p;
        this.rng = Objects.requireNonNull(rng, "rng");
    }

    /** The probability of zeroing an element in training mode. */
    public double p() {
        return p;
    }

    @Override
    public Var forward(Var input) {
        if (!isTraining() || p == 0) {
            return input;
        }
        Tensor mask = rng.bernoulli(input.dtype(), input.shape(), 1 - p).mul(1 / (1 - p));
        return input.mul(Var.constant(mask));
    }

    @Override
    public String toString() {
        return "Dropout(" + p + ")";
    }
}
