package io.github.jgrad.autodiff;

/**
 * The names of the primitive differentiable operations: the op table. Each entry's forward and
 * backward sit side by side in one method of {@link ElementwiseOps}, {@link ReductionOps},
 * {@link ShapeOps} or {@link LinalgOps}; every backward is written with {@link Var} operations,
 * so differentiating it again needs no extra code. Composite operations (sub of a scalar, mean
 * over axes, norms, losses) are built from these in {@link CompositeOps} and need no entry.
 *
 * <p>The test suite runs gradcheck and gradgradcheck on every entry and fails when one is added
 * here without both.
 */
public enum Op {
    /** {@code a + b} with broadcasting. */
    ADD,
    /** {@code a - b} with broadcasting. */
    SUB,
    /** {@code a * b} with broadcasting. */
    MUL,
    /** {@code a / b} with broadcasting. */
    DIV,
    /** {@code -x}. */
    NEG,
    /** {@code x ^ p} for a constant {@code p}. */
    POW_SCALAR,
    /** {@code a ^ b}, both differentiable ({@code a > 0} where {@code b} needs a gradient). */
    POW,
    /** {@code e^x}. */
    EXP,
    /** Natural logarithm. */
    LOG,
    /** Square root. */
    SQRT,
    /** Absolute value (subgradient 0 at 0). */
    ABS,
    /** {@code max(x, 0)}. */
    RELU,
    /** {@code x > 0 ? x : slope * x}. */
    LEAKY_RELU,
    /**
     * The gradient of a (leaky) ReLU as a function of the incoming gradient, with the input's
     * sign pattern held constant: linear in its one input, so its own gradient is itself.
     */
    LEAKY_RELU_BACKWARD,
    /** Hyperbolic tangent. */
    TANH,
    /** Logistic sigmoid. */
    SIGMOID,
    /** {@code log(1 + e^x)}. */
    SOFTPLUS,
    /** Clamp to {@code [lo, hi]}. */
    CLAMP,
    /** Elementwise maximum (ties split the gradient evenly). */
    MAXIMUM,
    /** Elementwise minimum (ties split the gradient evenly). */
    MINIMUM,
    /** {@code cond ? a : b}. */
    WHERE,
    /** Sum over axes. */
    SUM,
    /** Mean over axes. */
    MEAN,
    /** Maximum over axes (ties split the gradient evenly). */
    MAX,
    /** Minimum over axes (ties split the gradient evenly). */
    MIN,
    /** A new shape over the same values. */
    RESHAPE,
    /** Axes reordered. */
    PERMUTE,
    /** Broadcast to a larger shape. */
    EXPAND,
    /** Sum back to a broadcastable shape. */
    SUM_TO_SHAPE,
    /** A range along one axis. */
    SLICE,
    /** Constant padding. */
    PAD,
    /** Join along an axis. */
    CONCAT,
    /** 2-D or batched matrix product, with transpose flags. */
    MATMUL,
    /** A fully connected layer {@code x @ w^T + bias} in one product. */
    LINEAR,
    /** Unfold convolution patches into columns. */
    IM2COL,
    /** Fold columns back into an image (adjoint of im2col). */
    COL2IM,
    /** 2-D convolution of a batch, with an optional per-channel bias added in the same pass. */
    CONV2D,
    /** Transposed 2-D convolution: the adjoint of {@link #CONV2D} in its input. */
    CONV_TRANSPOSE2D,
    /** The weight gradient of {@link #CONV2D}, summed over the batch. */
    CONV2D_WEIGHT_GRAD;

    /** Lower-case name used in messages, e.g. {@code leaky_relu}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
