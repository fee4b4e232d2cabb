package io.github.jgrad.nn;

import io.github.jgrad.autodiff.Var;

/** {@code x} where positive, {@code slope * x} elsewhere (WGAN critics use slope 0.2). */
public final class LeakyReLU extends Layer {
    private final double slope;

    /** A leaky ReLU with the given negative slope. */
    public LeakyReLU(double slope) {
        if (!Double.isFinite(slope)) {
            throw new IllegalArgumentException("LeakyReLU: slope must be finite, got " + slope);
        }
        this.slope = slope;
    }

    /** The negative slope. */
    public double slope() {
        return slope;
    }

    @Override
    public Var forward(Var x) {
        return x.leakyRelu(slope);
    }

    @Override
    public String toString() {
        return "LeakyReLU(" + slope + ")";
    }
}
