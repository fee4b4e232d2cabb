package io.github.jgrad.wgan.train;

import io.github.jgrad.autodiff.Var;

/**
 * The Jensen-Shannon GAN baseline (Goodfellow et al. 2014): the critic is a classifier on logits
 * trained with binary cross-entropy (real 1, fake 0), the generator uses the non-saturating loss.
 * Reference settings: Adam 1e-4, betas (0.5, 0.9), one critic step, no Lipschitz control.
 */
final class GanObjective extends NamedObjective {
    GanObjective() {
        super("gan", "Jensen-Shannon GAN, non-saturating generator loss, no Lipschitz control");
    }

    @Override
    public boolean isWasserstein() {
        return false;
    }

    /**
     * Cross-entropy on logits with real -> 1 and fake -> 0, written as {@code softplus(-D(real))
     * + softplus(D(fake))}, which is that cross-entropy without overflow.
     */
    @Override
    public Var criticLoss(Var dReal, Var dFake) {
        return dReal.neg().softplus().mean().add(dFake.softplus().mean());
    }

    /** The non-saturating {@code softplus(-D(fake))}: cross-entropy with target 1. */
    @Override
    public Var generatorLoss(Var dFake) {
        return dFake.neg().softplus().mean();
    }

    @Override
    public ObjectiveDefaults defaults(boolean toy) {
        return new ObjectiveDefaults(true, 1e-4, 1, toy ? 0.1 : 10.0, ObjectiveDefaults.CLIP);
    }
}
