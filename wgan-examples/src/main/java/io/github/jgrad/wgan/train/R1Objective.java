package io.github.jgrad.wgan.train;

import io.github.jgrad.autodiff.Var;
import io.github.jgrad.nn.InputGradients;
import io.github.jgrad.nn.Module;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Tensor;

/**
 * The GAN loss with the R1 penalty (Mescheder, Geiger and Nowozin 2018): a zero-centred penalty
 * on the critic's input gradient at real data only, {@code gamma / 2 * mean ||grad D(x_real)||^2},
 * which makes the discriminator flat on the data so that training converges locally. Like the
 * gradient penalty it is a gradient of a gradient: the penalty's own gradient reaches the
 * weights through a second backward pass. Reference settings: gamma 10 for images (the paper's
 * CelebA and LSUN runs), Adam with one critic step; on the 2-D toy sets gamma 0.1, the scale
 * the toy gradient penalty uses.
 */
final class R1Objective extends GanObjective {
    R1Objective() {
        super("r1", "GAN loss plus gamma/2 ||grad D(x_real)||^2, a zero-centred penalty on real data only");
    }

    @Override
    public ObjectiveDefaults defaults(boolean toy) {
        return new ObjectiveDefaults(true, 1e-4, 1, toy ? 0.1 : 10.0, ObjectiveDefaults.CLIP);
    }

    @Override
    public CriticControl control(TrainConfig config) {
        CriticControl noise = super.control(config);
        double gamma = config.lambda();
        return new CriticControl() {
            @Override
            public Var criticInput(Var x, int iteration, Rng rng) {
                return noise.criticInput(x, iteration, rng);
            }

            @Override
            public Penalty penalty(Module critic, Tensor real, Tensor fake, Rng rng) {
                return new Penalty(R1Objective.penalty(critic, real, gamma), null);
            }
        };
    }

    /**
     * {@code gamma / 2 * mean_i ||grad_x D(real_i)||^2}, with the graph kept so that it can be
     * differentiated with respect to the critic's weights.
     */
    static Var penalty(Module critic, Tensor real, double gamma) {
        Var g = InputGradients.of(critic, Var.leaf(real), true);
        return g.square().sum().mul(gamma / 2 / real.dim(0));
    }

    @Override
    public String penaltyName() {
        return "R1 penalty";
    }
}
