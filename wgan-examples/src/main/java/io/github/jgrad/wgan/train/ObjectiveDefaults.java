package io.github.jgrad.wgan.train;

/**
 * The settings an objective trains with unless told otherwise.
 *
 * @param adam Adam when true, RMSprop otherwise
 * @param learningRate learning rate of both networks
 * @param nCritic critic steps per generator iteration
 * @param lambda penalty weight (ignored by objectives without a penalty)
 * @param clip weight-clipping bound (ignored by objectives without clipping)
 */
public record ObjectiveDefaults(boolean adam, double learningRate, int nCritic, double lambda, double clip) {
    /** Weight-clipping bound of the WGAN paper, the default of every objective. */
    public static final double CLIP = 0.01;
}
