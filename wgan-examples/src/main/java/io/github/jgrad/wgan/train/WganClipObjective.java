package io.github.jgrad.wgan.train;

import io.github.jgrad.nn.Module;
import io.github.jgrad.nn.WeightClipping;

/**
 * WGAN with weight clipping (Arjovsky et al. 2017, Algorithm 1): every critic weight is clamped
 * to {@code [-c, c]} after each critic step. Reference settings: c = 0.01, RMSprop 5e-5 (Adam
 * with momentum made clipping unstable in the paper), five critic steps.
 */
final class WganClipObjective extends NamedObjective {
    WganClipObjective() {
        super("wgan-clip", "Wasserstein losses, critic weights clipped to [-c, c] after each step");
    }

    @Override
    public ObjectiveDefaults defaults(boolean toy) {
        return new ObjectiveDefaults(false, 5e-5, 5, toy ? 0.1 : 10.0, ObjectiveDefaults.CLIP);
    }

    @Override
    public CriticControl control(TrainConfig config) {
        WeightClipping clipping = new WeightClipping(config.clip());
        return new CriticControl() {
            @Override
            public void afterCriticStep(Module critic) {
                clipping.apply(critic); // after the step: clipping first would let the step undo it
            }

            @Override
            public double fractionAtBounds(Module critic) {
                return clipping.fractionAtBounds(critic);
            }
        };
    }
}
