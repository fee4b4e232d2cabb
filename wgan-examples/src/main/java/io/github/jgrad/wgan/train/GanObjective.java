package io.github.jgrad.wgan.train;

import io.github.jgrad.autodiff.Var;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Tensor;

/**
 * The Jensen-Shannon GAN baseline (Goodfellow et al. 2014): the critic is a classifier on logits
 * trained with binary cross-entropy (real 1, fake 0), the generator uses the non-saturating loss.
 * Reference settings: Adam 1e-4, betas (0.5, 0.9), one critic step, no Lipschitz control.
 *
 * <p>Two stabilisers are options of the run: one-sided label smoothing (real target
 * {@link TrainConfig#realLabel()}, 0.9 as in Salimans et al. 2016; fakes keep 0, since smoothing
 * them too would reward the generator for staying where it is), and instance noise (Sonderby et
 * al. 2017; Arjovsky and Bottou 2017): Gaussian noise on every critic input, real and fake, in
 * the critic's steps and the generator's, with its standard deviation annealed linearly from
 * {@link TrainConfig#instanceNoise()} to 0, so that the two distributions overlap early on and
 * the classifier's gradient does not vanish.
 */
class GanObjective extends NamedObjective {
    GanObjective() {
        this("gan", "Jensen-Shannon GAN, non-saturating generator loss, no Lipschitz control");
    }

    /** For objectives built on the GAN loss. */
    GanObjective(String id, String summary) {
        super(id, summary);
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

    /**
     * With a real target {@code t < 1}, the real samples' cross-entropy is
     * {@code t * softplus(-D) + (1 - t) * softplus(D)}.
     */
    @Override
    public Var criticLoss(Var dReal, Var dFake, TrainConfig config) {
        double t = config.realLabel();
        if (t == 1) {
            return criticLoss(dReal, dFake);
        }
        Var real = dReal.neg().softplus().mul(t).add(dReal.softplus().mul(1 - t)).mean();
        return real.add(dFake.softplus().mean());
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

    @Override
    public CriticControl control(TrainConfig config) {
        double start = config.instanceNoise();
        if (start == 0) {
            return CriticControl.NONE;
        }
        int iterations = config.iterations();
        return new CriticControl() {
            @Override
            public Var criticInput(Var x, int iteration, Rng rng) {
                return withInstanceNoise(x, start * Math.max(0, 1 - (double) iteration / iterations), rng);
            }
        };
    }

    /** {@code x} plus Gaussian noise of standard deviation {@code sigma}; {@code x} itself when it is 0. */
    static Var withInstanceNoise(Var x, double sigma, Rng rng) {
        if (sigma == 0) {
            return x;
        }
        Tensor noise = rng.normal(x.value().dtype(), x.shape(), 0, sigma);
        return x.add(Var.constant(noise));
    }
}
