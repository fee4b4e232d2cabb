package io.github.jgrad.autodiff;

import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import java.util.Objects;

/**
 * A tensor value in a computation graph. A leaf is made by {@link #leaf} (a trainable value,
 * whose {@link #grad()} accumulates) or {@link #constant}; every other {@code Var} is the output
 * of one recorded {@link Op} and remembers its inputs and backward rule.
 *
 * <p>The value is never changed in place while the graph is alive; optimizers change a leaf's
 * value in place between iterations, outside any graph.
 */
public final class Var {
    private final Tensor value;
    private final boolean requiresGrad;
    final Op op;
    final Var[] inputs;
    /** Null for leaves, and for outputs whose graph was freed by a backward. */
    Backward backward;
    boolean freed;
    final String creationSite;
    /** Recorded while a backward pass ran with {@code createGraph} (drawn in its own colour by {@link GraphPicture}). */
    final boolean recordedByBackward;
    private Tensor grad;

    private Var(Tensor value, boolean requiresGrad, Op op, Var[] inputs, Backward backward, String creationSite) {
        this.value = value;
        this.requiresGrad = requiresGrad;
        this.op = op;
        this.inputs = inputs;
        this.backward = backward;
        this.creationSite = creationSite;
        this.recordedByBackward = backward != null && BackwardRecording.active();
    }

    private static final Var[] NO_INPUTS = new Var[0];

    /** A leaf whose gradient is accumulated by {@link #backward()} (a parameter or an input). */
    public static Var leaf(Tensor value) {
        return new Var(Objects.requireNonNull(value, "value"), true, null, NO_INPUTS, null, null);
    }

    /** A leaf; {@code requiresGrad} says whether gradients are taken with respect to it. */
    public static Var leaf(Tensor value, boolean requiresGrad) {
        return new Var(Objects.requireNonNull(value, "value"), requiresGrad, null, NO_INPUTS, null, null);
    }

    /** A value that takes no gradient. */
    public static Var constant(Tensor value) {
        return leaf(value, false);
    }

    /** A float32 or float64 scalar constant. */
    public static Var scalar(double v, DType dtype) {
        return constant(Tensor.scalar(v, dtype));
    }

    /**
     * Records the output of an operation: a graph node when gradients are enabled and some
     * input requires a gradient, a constant otherwise. The one place where graph edges are made.
     */
    static Var record(Op op, Tensor out, Backward backward, Var... inputs) {
        if (NoGrad.isGradEnabled()) {
            for (Var in : inputs) {
                if (in.requiresGrad) {
                    String site = Anomaly.isEnabled() ? Anomaly.creationSite() : null;
                    return new Var(out, true, op, inputs, backward, site);
                }
            }
        }
        return constant(out);
    }

    /** The value. */
    public Tensor value() {
        return value;
    }

    /** Shape of the value. */
    public Shape shape() {
        return value.shape();
    }

    /** Element type of the value. */
    public DType dtype() {
        return value.dtype();
    }

    /** Whether gradients flow to or through this value. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** True for leaves (values not produced by a recorded operation). */
    public boolean isLeaf() {
        return op == null;
    }

    /** The operation that produced this value, or null for a leaf. */
    public Op op() {
        return op;
    }

    /** The gradient accumulated by {@link #backward()} on a leaf, or null if none yet. */
    public Tensor grad() {
        return grad;
    }

    /** Clears the accumulated gradient. */
    public void zeroGrad() {
        grad = null;
    }

    /** Sets the accumulated gradient (for optimizers and tests); null clears it. */
    public void setGrad(Tensor g) {
        if (g != null && (!g.shape().equals(shape()) || g.dtype() != dtype())) {
            throw new IllegalArgumentException("setGrad: gradient " + g.shape() + " " + g.dtype()
                    + " does not match value " + shape() + " " + dtype());
        }
        grad = g;
    }

    void accumulateGrad(Tensor g) {
        grad = grad == null ? g.copy() : grad.add(g);
    }

    /** The same value as a constant, cut from the graph. */
    public Var detach() {
        return constant(value);
    }

    /** The value of a one-element Var. */
    public double item() {
        return value.item();
    }

    // ---------------------------------------------------------------- backward

    /** Backpropagates from this scalar, accumulating into leaves' {@link #grad()}; frees the graph. */
    public void backward() {
        Grad.backward(this, null, false);
    }

    /** Backpropagates with an explicit output gradient (required for non-scalar outputs). */
    public void backward(Tensor gradOutput, boolean retainGraph) {
        Grad.backward(this, gradOutput, retainGraph);
    }

    // ---------------------------------------------------------------- fluent operations

    /** {@code this + o}. */
    public Var add(Var o) { return ElementwiseOps.add(this, o); }
    /** {@code this + c}. */
    public Var add(double c) { return ElementwiseOps.add(this, scalarLike(c)); }
    /** {@code this - o}. */
    public Var sub(Var o) { return ElementwiseOps.sub(this, o); }
    /** {@code this - c}. */
    public Var sub(double c) { return ElementwiseOps.sub(this, scalarLike(c)); }
    /** {@code this * o}. */
    public Var mul(Var o) { return ElementwiseOps.mul(this, o); }
    /** {@code this * c}. */
    public Var mul(double c) { return ElementwiseOps.mul(this, scalarLike(c)); }
    /** {@code this / o}. */
    public Var div(Var o) { return ElementwiseOps.div(this, o); }
    /** {@code this / c}. */
    public Var div(double c) { return ElementwiseOps.div(this, scalarLike(c)); }
    /** {@code -this}. */
    public Var neg() { return ElementwiseOps.neg(this); }
    /** {@code this ^ p}. */
    public Var pow(double p) { return ElementwiseOps.powScalar(this, p); }
    /** {@code this ^ o}. */
    public Var pow(Var o) { return ElementwiseOps.pow(this, o); }
    /** {@code this * this}. */
    public Var square() { return ElementwiseOps.powScalar(this, 2); }
    /** {@code e^this}. */
    public Var exp() { return ElementwiseOps.exp(this); }
    /** Natural logarithm. */
    public Var log() { return ElementwiseOps.log(this); }
    /** Square root. */
    public Var sqrt() { return ElementwiseOps.sqrt(this); }
    /** Absolute value. */
    public Var abs() { return ElementwiseOps.abs(this); }
    /** {@code max(x, 0)}. */
    public Var relu() { return ElementwiseOps.relu(this); }
    /** Leaky ReLU with the given negative slope. */
    public Var leakyRelu(double slope) { return ElementwiseOps.leakyRelu(this, slope); }
    /** Hyperbolic tangent. */
    public Var tanh() { return ElementwiseOps.tanh(this); }
    /** Logistic sigmoid. */
    public Var sigmoid() { return ElementwiseOps.sigmoid(this); }
    /** {@code log(1 + e^x)}. */
    public Var softplus() { return ElementwiseOps.softplus(this); }
    /** Clamp to {@code [lo, hi]}. */
    public Var clamp(double lo, double hi) { return ElementwiseOps.clamp(this, lo, hi); }
    /** Elementwise maximum. */
    public Var maximum(Var o) { return ElementwiseOps.maximum(this, o); }
    /** Elementwise minimum. */
    public Var minimum(Var o) { return ElementwiseOps.minimum(this, o); }

    /** Sum of all elements. */
    public Var sum() { return ReductionOps.sum(this, null, false); }
    /** Sum over axes. */
    public Var sum(int[] axes, boolean keepDims) { return ReductionOps.sum(this, axes, keepDims); }
    /** Mean of all elements. */
    public Var mean() { return ReductionOps.mean(this, null, false); }
    /** Mean over axes. */
    public Var mean(int[] axes, boolean keepDims) { return ReductionOps.mean(this, axes, keepDims); }
    /** Maximum of all elements. */
    public Var max() { return ReductionOps.max(this, null, false); }
    /** Maximum over axes. */
    public Var max(int[] axes, boolean keepDims) { return ReductionOps.max(this, axes, keepDims); }
    /** Minimum over axes. */
    public Var min(int[] axes, boolean keepDims) { return ReductionOps.min(this, axes, keepDims); }

    /** Same values with a new shape (one size may be -1). */
    public Var reshape(int... dims) { return ShapeOps.reshape(this, dims); }
    /** Axes reordered. */
    public Var permute(int... axes) { return ShapeOps.permute(this, axes); }
    /** Two axes swapped. */
    public Var transpose(int a, int b) { return ShapeOps.transpose(this, a, b); }
    /** Broadcast to {@code target}. */
    public Var expand(Shape target) { return ShapeOps.expand(this, target); }
    /** Summed back to {@code target} (the reverse of broadcasting). */
    public Var sumToShape(Shape target) { return ShapeOps.sumToShape(this, target); }
    /** Size-1 axis removed. */
    public Var squeeze(int axis) { return ShapeOps.squeeze(this, axis); }
    /** Size-1 axis inserted. */
    public Var unsqueeze(int axis) { return ShapeOps.unsqueeze(this, axis); }
    /** Axes {@code start..end} merged. */
    public Var flatten(int start, int end) { return ShapeOps.flatten(this, start, end); }
    /** Range {@code [start, end)} along {@code axis}. */
    public Var slice(int axis, int start, int end) { return ShapeOps.slice(this, axis, start, end); }
    /** Constant padding. */
    public Var pad(int[] before, int[] after, double value) { return ShapeOps.pad(this, before, after, value); }

    /** Matrix product. */
    public Var matmul(Var o) { return LinalgOps.matmul(this, o, false, false); }
    /** Matrix product with transpose flags. */
    public Var matmul(Var o, boolean transThis, boolean transOther) {
        return LinalgOps.matmul(this, o, transThis, transOther);
    }

    private Var scalarLike(double c) {
        return constant(Tensor.scalar(c, dtype()));
    }

    /** Shape, dtype, how it was made, and the value. */
    @Override
    public String toString() {
        String how = op == null ? (requiresGrad ? "leaf" : "constant") : op.label();
        return "Var(" + how + ", " + value + ")";
    }
}
