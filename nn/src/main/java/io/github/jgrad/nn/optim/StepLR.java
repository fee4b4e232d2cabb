package io.github.jgrad.nn.optim;

/**
 * Multiplies the learning rate by {@code gamma} every {@code stepSize} steps, as PyTorch's
 * {@code StepLR}: {@code lr(t) = baseLr * gamma^floor(t / stepSize)}.
 */
public final class StepLR extends LRScheduler {
    private final long stepSize;
    private final double gamma;

    /**
     * A step schedule; sets the optimizer's rate for step 0 (its current rate).
     *
     * @throws IllegalArgumentException if stepSize is not positive or gamma is negative or not finite
     */
    public StepLR(Optimizer optimizer, long stepSize, double gamma) {
        super(optimizer);
        if (stepSize < 1) {
            throw new IllegalArgumentException("StepLR: stepSize must be >= 1, got " + stepSize);
        }
        this.stepSize = stepSize;
        this.gamma = Hyper.nonNegative("StepLR", "gamma", gamma);
        apply();
    }

    /** Steps between decays. */
    public long stepSize() {
        return stepSize;
    }

    /** Multiplier applied at each decay. */
    public double gamma() {
        return gamma;
    }

    @Override
    protected double factor(long step) {
        return Math.pow(gamma, (double) (step / stepSize));
    }
}
