package io.github.jgrad.wgan.train;

/**
 * Every setting of one training run. {@link #defaults(Objective, boolean)} gives the settings of
 * REFERENCE.md for an objective; the {@code with...} methods change one setting at a time.
 *
 * @param objective what is trained
 * @param iterations generator iterations
 * @param batchSize samples per batch, real and fake alike
 * @param nCritic critic steps per generator iteration
 * @param clipWarmup the original WGAN schedule: 100 critic steps for the first 25 generator
 *     iterations and every 500th
 * @param criticLr critic learning rate
 * @param generatorLr generator learning rate
 * @param beta1 Adam's first-moment decay (Adam objectives)
 * @param beta2 Adam's second-moment decay (Adam objectives)
 * @param lambda gradient-penalty weight (WGAN-GP)
 * @param clip weight-clipping bound c (WGAN-clip)
 * @param seed seed of the one random generator behind data, noise, init and interpolates
 * @param lrDecay decay both learning rates linearly to 0 over the run (a common way to settle
 *     the generator on the modes at the end of a short run)
 * @param instanceNoise standard deviation of Gaussian noise added to every critic input at the
 *     start, annealed linearly to 0 over the run (GAN-style objectives; 0 for none)
 * @param realLabel the target of real samples in the GAN cross-entropy: 1, or less for one-sided
 *     label smoothing (0.9 is the usual choice)
 * @param init how the networks' weights start
 */
public record TrainConfig(Objective objective, int iterations, int batchSize, int nCritic, boolean clipWarmup,
                          double criticLr, double generatorLr, double beta1, double beta2, double lambda,
                          double clip, long seed, boolean lrDecay, double instanceNoise, double realLabel,
                          NetworkInit init) {

    /** Validates every setting, naming the one that is impossible. */
    public TrainConfig {
        if (objective == null) {
            throw new IllegalArgumentException("objective must be given");
        }
        requirePositive("iterations", iterations);
        requirePositive("batch size", batchSize);
        requirePositive("n-critic", nCritic);
        requirePositiveFinite("critic learning rate", criticLr);
        requirePositiveFinite("generator learning rate", generatorLr);
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("betas must be in [0, 1), got (" + beta1 + ", " + beta2 + ")");
        }
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda must be finite and >= 0, got " + lambda);
        }
        requirePositiveFinite("clip bound", clip);
        if (!(instanceNoise >= 0) || Double.isInfinite(instanceNoise)) {
            throw new IllegalArgumentException("instance noise must be finite and >= 0, got " + instanceNoise);
        }
        if (!(realLabel > 0.5 && realLabel <= 1)) {
            throw new IllegalArgumentException("real label must be in (0.5, 1], got " + realLabel);
        }
        if (objective.isWasserstein() && (instanceNoise > 0 || realLabel != 1)) {
            throw new IllegalArgumentException("instance noise and label smoothing belong to the classifier "
                    + "objectives (gan, r1), not to " + objective.id());
        }
        if (init == null) {
            throw new IllegalArgumentException("init must be given");
        }
    }

    private static void requirePositive(String what, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, got " + v);
        }
    }

    private static void requirePositiveFinite(String what, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(what + " must be positive and finite, got " + v);
        }
    }

    /**
     * The settings the objective trains with by default ({@link Objective#defaults}): those of
     * REFERENCE.md for the four reference objectives, 6000 generator iterations, batch 256 on
     * the toy sets and 50 on MNIST, Adam betas (0.5, 0.9), seed 1, PyTorch's default
     * initialisation (see {@link NetworkInit} for why not the paper's He-uniform).
     *
     * @param toy whether the data is one of the 2-D toy sets
     */
    public static TrainConfig defaults(Objective objective, boolean toy) {
        ObjectiveDefaults d = objective.defaults(toy);
        return new TrainConfig(objective, 6000, toy ? 256 : 50, d.nCritic(), false, d.learningRate(),
                d.learningRate(), 0.5, 0.9, d.lambda(), d.clip(), 1, false, 0, 1, NetworkInit.PYTORCH);
    }

    /** True when the objective trains with Adam; RMSprop otherwise. */
    public boolean usesAdam() {
        return objective.defaults(true).adam();
    }

    /** Critic steps before generator iteration {@code iteration} (0-based). */
    public int criticSteps(int iteration) {
        if (clipWarmup && (iteration < 25 || iteration % 500 == 0)) {
            return 100;
        }
        return nCritic;
    }

    /** With another number of generator iterations. */
    public TrainConfig withIterations(int v) {
        return new TrainConfig(objective, v, batchSize, nCritic, clipWarmup, criticLr, generatorLr, beta1, beta2,
                lambda, clip, seed, lrDecay, instanceNoise, realLabel, init);
    }

    /** With another batch size. */
    public TrainConfig withBatchSize(int v) {
        return new TrainConfig(objective, iterations, v, nCritic, clipWarmup, criticLr, generatorLr, beta1, beta2,
                lambda, clip, seed, lrDecay, instanceNoise, realLabel, init);
    }

    /** With another number of critic steps per generator iteration. */
    public TrainConfig withNCritic(int v) {
        return new TrainConfig(objective, iterations, batchSize, v, clipWarmup, criticLr, generatorLr, beta1, beta2,
                lambda, clip, seed, lrDecay, instanceNoise, realLabel, init);
    }

    /** With or without the clip warm-up schedule. */
    public TrainConfig withClipWarmup(boolean v) {
        return new TrainConfig(objective, iterations, batchSize, nCritic, v, criticLr, generatorLr, beta1, beta2,
                lambda, clip, seed, lrDecay, instanceNoise, realLabel, init);
    }

    /** With other learning rates. */
    public TrainConfig withLearningRates(double critic, double generator) {
        return new TrainConfig(objective, iterations, batchSize, nCritic, clipWarmup, critic, generator, beta1,
                beta2, lambda, clip, seed, lrDecay, instanceNoise, realLabel, init);
    }

    /** With other Adam betas. */
    public TrainConfig withBetas(double b1, double b2) {
        return new TrainConfig(objective, iterations, batchSize, nCritic, clipWarmup, criticLr, generatorLr, b1, b2,
                lambda, clip, seed, lrDecay, instanceNoise, realLabel, init);
    }

    /** With another penalty weight. */
    public TrainConfig withLambda(double v) {
        return new TrainConfig(objective, iterations, batchSize, nCritic, clipWarmup, criticLr, generatorLr, beta1,
                beta2, v, clip, seed, lrDecay, instanceNoise, realLabel, init);
    }

    /** With another clipping bound. */
    public TrainConfig withClip(double v) {
        return new TrainConfig(objective, iterations, batchSize, nCritic, clipWarmup, criticLr, generatorLr, beta1,
                beta2, lambda, v, seed, lrDecay, instanceNoise, realLabel, init);
    }

    /** With another seed. */
    public TrainConfig withSeed(long v) {
        return new TrainConfig(objective, iterations, batchSize, nCritic, clipWarmup, criticLr, generatorLr, beta1,
                beta2, lambda, clip, v, lrDecay, instanceNoise, realLabel, init);
    }

    /** With or without the linear learning-rate decay. */
    public TrainConfig withLrDecay(boolean v) {
        return new TrainConfig(objective, iterations, batchSize, nCritic, clipWarmup, criticLr, generatorLr, beta1,
                beta2, lambda, clip, seed, v, instanceNoise, realLabel, init);
    }

    /** With another starting instance-noise level. */
    public TrainConfig withInstanceNoise(double v) {
        return new TrainConfig(objective, iterations, batchSize, nCritic, clipWarmup, criticLr, generatorLr, beta1,
                beta2, lambda, clip, seed, lrDecay, v, realLabel, init);
    }

    /** With another real-sample target. */
    public TrainConfig withRealLabel(double v) {
        return new TrainConfig(objective, iterations, batchSize, nCritic, clipWarmup, criticLr, generatorLr, beta1,
                beta2, lambda, clip, seed, lrDecay, instanceNoise, v, init);
    }

    /** With another weight initialisation. */
    public TrainConfig withInit(NetworkInit v) {
        return new TrainConfig(objective, iterations, batchSize, nCritic, clipWarmup, criticLr, generatorLr, beta1,
                beta2, lambda, clip, seed, lrDecay, instanceNoise, realLabel, v);
    }
}
