package io.github.jgrad.wgan.train;

import io.github.jgrad.nn.GradientPenalty;

/**
 * WGAN-LP (Petzka, Fischer and Lukovnikov 2018): the Wasserstein losses plus the one-sided
 * penalty {@code lambda * mean(max(0, ||grad D(x_hat)|| - 1)^2)} at random interpolates, which
 * pushes only gradients steeper than 1 down, as the Lipschitz constraint itself does, instead of
 * also pulling flatter ones up. Reference settings: those of WGAN-GP (Adam 1e-4, betas (0.5, 0.9),
 * five critic steps, lambda 10 for images, 0.1 on the 2-D toy sets).
 */
final class WganLpObjective extends NamedObjective {
    WganLpObjective() {
        super("wgan-lp", "Wasserstein losses plus a one-sided penalty max(0, ||g|| - 1)^2 at interpolates");
    }

    @Override
    public ObjectiveDefaults defaults(boolean toy) {
        return new ObjectiveDefaults(true, 1e-4, 5, toy ? 0.1 : 10.0, ObjectiveDefaults.CLIP);
    }

    @Override
    public CriticControl control(TrainConfig config) {
        return new InterpolatePenalty(new GradientPenalty(config.lambda(), true, 1e-12));
    }

    @Override
    public String penaltyName() {
        return "Lipschitz penalty";
    }
}
