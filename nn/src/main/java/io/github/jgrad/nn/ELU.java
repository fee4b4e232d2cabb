package io.github.jgrad.nn;

import io.github.jgrad.autodiff.ElementwiseOps;
import io.github.jgrad.autodiff.Var;
import io.github.jgrad.tensor.BinaryOp;
import io.github.jgrad.tensor.Tensor;

/**
 * Exponential linear unit (Clevert et al. 2015): {@code x} where {@code x > 0}, else
 * {@code alpha * (exp(x) - 1)}. Built from differentiable ops with a constant mask, so it is
 * differentiable to any order; at {@code x = 0} the derivative is {@code alpha}, as in PyTorch.
 */
public final class ELU extends Layer {
    private final double alpha;

    /** An ELU with {@code alpha = 1}. */
    public ELU() {
        this(1.0);
    }

    /** An ELU with the given {@code alpha}, the negative saturation value's magnitude. */
    public ELU(double alpha) {
        if (!Double.isFinite(alpha)) {
            throw new IllegalArgumentException("ELU: alpha must be finite, got " + alpha);
        }
        this.alpha = alpha;
    }

    /** The scale of the negative branch. */
    public double alpha() {
        return alpha;
    }

    @Override
    public Var forward(Var x) {
        Tensor positive = x.value().zip(BinaryOp.GT, 0.0);
        Var zero = Var.constant(x.value().newZeros(x.shape()));
        // exp only sees the non-positive part: exp(x) of a large positive x would overflow, and the
        // masked-out infinity would turn into 0 * inf = NaN in the backward pass.
        Var negativePart = ElementwiseOps.where(positive, zero, x);
        Var negativeBranch = negativePart.exp().sub(1.0).mul(alpha);
        return ElementwiseOps.where(positive, x, negativeBranch);
    }

    @Override
    public String toString() {
        return "ELU(" + alpha + ")";
    }
}
