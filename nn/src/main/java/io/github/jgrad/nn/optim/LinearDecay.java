package io.github.jgrad.nn.optim;

/**
 * Moves the learning-rate multiplier linearly from {@code startFactor} to {@code endFactor} over
 * {@code totalIters} steps and holds it there, as PyTorch's {@code LinearLR} (closed form):
 * {@code lr(t) = baseLr * (start + (end - start) * min(t, totalIters) / totalIters)}.
 * With {@code startFactor < endFactor} it is a linear warm-up.
 */
public final class LinearDecay extends LRScheduler {
    private final double startFactor;
    private final double endFactor;
    private final long totalIters;

    /**
     * A linear schedule; sets the optimizer's rate to {@code baseLr * startFactor} at once.
     *
     * @throws IllegalArgumentException if startFactor is not in (0, 1], endFactor not in [0, 1],
     *     or totalIters is not positive (PyTorch's limits)
     */
    public LinearDecay(Optimizer optimizer, double startFactor, double endFactor, long totalIters) {
        super(optimizer);
        if (!(startFactor > 0 && startFactor <= 1)) {
            throw new IllegalArgumentException("LinearDecay: startFactor must be in (0, 1], got " + startFactor);
        }
        this.startFactor = startFactor;
        this.endFactor = Hyper.unitClosed("LinearDecay", "endFactor", endFactor);
        if (totalIters < 1) {
            throw new IllegalArgumentException("LinearDecay: totalIters must be >= 1, got " + totalIters);
        }
        this.totalIters = totalIters;
        apply();
    }

    /** Multiplier at step 0. */
    public double startFactor() {
        return startFactor;
    }

    /** Multiplier from step {@code totalIters} on. */
    public double endFactor() {
        return endFactor;
    }

    /** Number of steps the multiplier takes to go from start to end. */
    public long totalIters() {
        return totalIters;
    }

    @Override
    protected double factor(long step) {
        return startFactor + (endFactor - startFactor) * Math.min(step, totalIters) / totalIters;
    }
}
