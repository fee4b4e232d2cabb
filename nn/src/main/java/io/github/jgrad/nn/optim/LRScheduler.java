package io.github.jgrad.nn.optim;

import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Sets an optimizer's learning rate from a schedule, as PyTorch's {@code LRScheduler}: the
 * scheduler remembers the optimizer's learning rate when made ({@link #baseLr()}), sets the rate
 * of step 0 at once, and {@link #step()} (called after each epoch or iteration, after
 * {@code optimizer.step()}) advances to the next step's rate.
 *
 * <p>Rates are computed in closed form, {@code baseLr * factor(step)}, never by multiplying the
 * previous rate, so a sequence does not drift with rounding and a resumed run gets the same
 * rates bit for bit. (PyTorch's chained form can differ in the last bit.) A rate set on the
 * optimizer by hand is replaced at the next {@link #step()}.
 */
public abstract class LRScheduler {
    /** Key of the step count in {@link #stateDict()}. */
    public static final String LAST_STEP_KEY = "last_step";
    /** Key of the base learning rate in {@link #stateDict()}. */
    public static final String BASE_LR_KEY = "base_lr";

    private final Optimizer optimizer;
    private double baseLr;
    private long lastStep;

    /** A schedule for {@code optimizer}; subclasses call {@link #apply()} once they are set up. */
    protected LRScheduler(Optimizer optimizer) {
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.baseLr = optimizer.learningRate();
    }

    /** The multiplier of {@link #baseLr()} at step {@code step} (0 when the scheduler was made). */
    protected abstract double factor(long step);

    /** Sets the optimizer's learning rate for the current step. */
    protected final void apply() {
        optimizer.setLearningRate(lrAt(lastStep));
    }

    /** Advances one step and sets the optimizer's learning rate for it. */
    public final void step() {
        lastStep++;
        apply();
    }

    /** The learning rate this schedule gives at {@code step}. */
    public final double lrAt(long step) {
        if (step < 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": step must be >= 0, got " + step);
        }
        return baseLr * factor(step);
    }

    /** Number of {@link #step()} calls so far (PyTorch's {@code last_epoch}). */
    public final long lastStep() {
        return lastStep;
    }

    /** The optimizer's learning rate when this scheduler was made. */
    public final double baseLr() {
        return baseLr;
    }

    /** The optimizer being scheduled. */
    public final Optimizer optimizer() {
        return optimizer;
    }

    /** {@code last_step} and {@code base_lr}, as rank-0 F64 tensors. */
    public final Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put(LAST_STEP_KEY, Tensor.scalar(lastStep, DType.F64));
        out.put(BASE_LR_KEY, Tensor.scalar(baseLr, DType.F64));
        return out;
    }

    /**
     * Restores the step count and base rate, and sets the optimizer's rate to this schedule's
     * rate at that step. Checked before anything changes.
     *
     * @throws IllegalArgumentException if a key is missing or unexpected, or a value is invalid
     */
    public final void loadStateDict(Map<String, Tensor> dict) {
        validate(dict);
        this.baseLr = dict.get(BASE_LR_KEY).item();
        this.lastStep = (long) dict.get(LAST_STEP_KEY).item();
        apply();
    }

    /**
     * Checks {@code dict} as {@link #loadStateDict} would, changing nothing.
     *
     * @throws IllegalArgumentException as {@link #loadStateDict} does
     */
    public final void checkStateDict(Map<String, Tensor> dict) {
        validate(dict);
    }

    private void validate(Map<String, Tensor> dict) {
        Objects.requireNonNull(dict, "dict");
        String who = getClass().getSimpleName() + ".loadStateDict";
        for (String k : dict.keySet()) {
            if (!k.equals(LAST_STEP_KEY) && !k.equals(BASE_LR_KEY)) {
                throw new IllegalArgumentException(who + ": unexpected key '" + k + "'");
            }
        }
        double step = scalar(who, dict, LAST_STEP_KEY);
        Hyper.nonNegative(who, BASE_LR_KEY, scalar(who, dict, BASE_LR_KEY));
        if (!(step >= 0) || step != Math.rint(step) || step > (1L << 53)) {
            throw new IllegalArgumentException(who + ": " + LAST_STEP_KEY + " must be a whole non-negative count, got "
                    + step);
        }
    }

    private static double scalar(String who, Map<String, Tensor> dict, String key) {
        Tensor t = dict.get(key);
        if (t == null || t.size() != 1) {
            throw new IllegalArgumentException(who + ": '" + key + "' must be a one-element tensor, got "
                    + (t == null ? "none" : "shape " + t.shape()));
        }
        return t.item();
    }
}
