package io.github.jgrad.nn;

import io.github.jgrad.tensor.Fused;
import io.github.jgrad.tensor.Tensor;

/**
 * The original WGAN's Lipschitz constraint (Arjovsky et al. 2017, Algorithm 1): after each
 * optimizer step of the critic, every weight is clamped to {@code [-c, c]}. Applying it before
 * the step instead lets the step push weights out again, a common mistake.
 */
public final class WeightClipping {
    private final double c;

    /** Clipping to {@code [-c, c]}; the paper uses {@code c = 0.01}. */
    public WeightClipping(double c) {
        if (!(c > 0) || Double.isInfinite(c)) {
            throw new IllegalArgumentException("WeightClipping: c must be finite and > 0, got " + c);
        }
        this.c = c;
    }

    /** The bound. */
    public double bound() {
        return c;
    }

    /**
     * Clamps every parameter of {@code module} in place ({@link Fused#clampInPlace}). Call after
     * the optimizer step.
     */
    public void apply(Module module) {
        for (Parameter p : module.parameters()) {
            p.value().clampInPlace(-c, c);
        }
    }

    /** Fraction of all weights of {@code module} sitting exactly at {@code -c} or {@code c}. */
    public double fractionAtBounds(Module module) {
        long total = 0;
        long atBound = 0;
        for (Parameter p : module.parameters()) {
            Tensor v = p.value();
            // A float32 weight clamped to c holds (float) c, not c itself: the count rounds c first.
            atBound += Fused.countAtBound(v, c);
            total += v.size();
        }
        return total == 0 ? 0 : (double) atBound / total;
    }
}
