package io.github.jgrad.nn;

import io.github.jgrad.autodiff.Var;
import io.github.jgrad.tensor.Tensor;

/**
 * A trainable tensor of a {@link Module}: a graph leaf whose gradient accumulates during
 * backward and whose value an optimizer changes in place between iterations.
 */
public final class Parameter {
    private final Var var;

    /** A parameter holding {@code value} (the tensor is used, not copied). */
    public Parameter(Tensor value) {
        this.var = Var.leaf(value, true);
    }

    /** The leaf to use in forward computations. */
    public Var var() {
        return var;
    }

    /** The current value (live: optimizers update it in place). */
    public Tensor value() {
        return var.value();
    }

    /** The accumulated gradient, or null if none since the last {@link #zeroGrad()}. */
    public Tensor grad() {
        return var.grad();
    }

    /** Clears the accumulated gradient. */
    public void zeroGrad() {
        var.zeroGrad();
    }

    /** Shape, dtype and value. */
    @Override
    public String toString() {
        return "Parameter(" + var.value() + ")";
    }
}
