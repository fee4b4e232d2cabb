package io.github.jgrad.autodiff;

import io.github.jgrad.tensor.Tensor;

/**
 * Operations built from the primitives of the op table, so they need no backward of their own
 * and are differentiable to any order. The numerically delicate ones (log-sum-exp, binary
 * cross-entropy with logits) are arranged so that large inputs do not overflow.
 */
public final class CompositeOps {
    private CompositeOps() {
    }

    /** Euclidean norm over {@code axes}: {@code sqrt(sum x^2)}. Its gradient at 0 is NaN; see the eps form. */
    public static Var norm(Var x, int[] axes, boolean keepDims) {
        return ReductionOps.sum(x.square(), axes, keepDims).sqrt();
    }

    /**
     * {@code sqrt(sum x^2 + eps)}: a norm whose first and second derivatives stay finite at 0,
     * which a gradient penalty needs when a sample's gradient vanishes.
     */
    public static Var norm(Var x, int[] axes, boolean keepDims, double eps) {
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("norm: eps must be finite and >= 0, got " + eps);
        }
        return ReductionOps.sum(x.square(), axes, keepDims).add(eps).sqrt();
    }

    /** Variance over {@code axes} with the given correction (0: population, 1: sample). */
    public static Var variance(Var x, int[] axes, int correction, boolean keepDims) {
        Var centred = x.sub(ReductionOps.mean(x, axes, true));
        int kept = ReductionOps.keptShape(x.shape(), axes).size();
        int count = kept == 0 ? 0 : x.shape().size() / kept;
        if (correction < 0 || count - correction <= 0) {
            throw new IllegalArgumentException("variance: correction " + correction + " needs more than "
                    + correction + " elements per group, shape " + x.shape());
        }
        return ReductionOps.sum(centred.square(), axes, keepDims).div(count - correction);
    }

    /** Mean squared error {@code mean((a - b)^2)} (with broadcasting). */
    public static Var mse(Var a, Var b) {
        return a.sub(b).square().mean();
    }

    /**
     * {@code log(sum(exp(x)))} over {@code axes}, shifted by the (constant) maximum so that no
     * exponential overflows; the shift cancels in the value and in every derivative.
     */
    public static Var logSumExp(Var x, int[] axes, boolean keepDims) {
        double[] m = x.value().max(axes, true).toDoubleArray();
        for (int i = 0; i < m.length; i++) {
            // An all -inf (or +inf) group would give inf - inf: shift such groups by 0 instead.
            m[i] = Double.isFinite(m[i]) ? m[i] : 0.0;
        }
        Tensor shift = Tensor.of(m, ReductionOps.keptShape(x.shape(), axes).toArray()).to(x.dtype());
        Var c = Var.constant(shift);
        Var lse = ReductionOps.sum(x.sub(c).exp(), axes, true).log().add(c);
        return keepDims ? lse : ShapeOps.reshape(lse, x.value().sum(axes, false).shape().toArray());
    }

    /**
     * Binary cross-entropy on logits, averaged: {@code mean(softplus(z) - z * y)}, which equals
     * {@code -y log sigmoid(z) - (1 - y) log(1 - sigmoid(z))} but never overflows.
     */
    public static Var bceWithLogits(Var logits, Var targets) {
        return logits.softplus().sub(logits.mul(targets)).mean();
    }

    /** Softmax over {@code axis}, as {@code exp(x - logSumExp(x))}. */
    public static Var softmax(Var x, int axis) {
        return x.sub(logSumExp(x, new int[] {axis}, true)).exp();
    }

    /** Log-softmax over {@code axis}, as {@code x - logSumExp(x)}. */
    public static Var logSoftmax(Var x, int axis) {
        return x.sub(logSumExp(x, new int[] {axis}, true));
    }
}
