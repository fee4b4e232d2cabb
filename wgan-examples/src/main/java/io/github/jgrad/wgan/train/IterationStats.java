package io.github.jgrad.wgan.train;

/**
 * What one generator iteration measured, from its last critic step and its generator step.
 *
 * @param iteration the generator iteration just finished (1-based)
 * @param criticLoss the critic's objective loss, without penalty
 * @param penalty the gradient penalty added to it (0 unless WGAN-GP)
 * @param generatorLoss the generator's loss
 * @param criticReal mean critic output on the real batch
 * @param criticFake mean critic output on the fake batch
 * @param gradNormMean mean critic-gradient norm at the interpolates (NaN unless WGAN-GP)
 * @param gradNormStd standard deviation of those norms (NaN unless WGAN-GP)
 * @param clippedFraction fraction of critic weights at the clipping bound (NaN unless WGAN-clip)
 */
public record IterationStats(int iteration, double criticLoss, double penalty, double generatorLoss,
                             double criticReal, double criticFake, double gradNormMean, double gradNormStd,
                             double clippedFraction) {

    /** The critic gap {@code mean D(real) - mean D(fake)}: the Wasserstein estimate for WGAN objectives. */
    public double wassersteinEstimate() {
        return criticReal - criticFake;
    }
}
