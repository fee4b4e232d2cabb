package io.github.jgrad.wgan.train;

import io.github.jgrad.nn.GradientPenalty;
import io.github.jgrad.nn.Module;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Tensor;

/** A {@link GradientPenalty} (two- or one-sided) at random interpolates as a critic control. */
final class InterpolatePenalty implements CriticControl {
    private final GradientPenalty penalty;

    InterpolatePenalty(GradientPenalty penalty) {
        this.penalty = penalty;
    }

    @Override
    public Penalty penalty(Module critic, Tensor real, Tensor fake, Rng rng) {
        GradientPenalty.Result gp = penalty.compute(critic, real, fake, rng);
        return new Penalty(gp.penalty(), gp.gradientNorms());
    }
}
