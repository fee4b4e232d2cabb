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
    ADD("da = g, db = g (each summed back to its operand's shape)"),
    /** {@code a - b} with broadcasting. */
    SUB("da = g, db = -g (each summed back to its operand's shape)"),
    /** {@code a * b} with broadcasting. */
    MUL("da = g * b, db = g * a (each summed back to its operand's shape)"),
    /** {@code a / b} with broadcasting. */
    DIV("da = g / b, db = -g * out / b"),
    /** {@code -x}. */
    NEG("dx = -g"),
    /** {@code x ^ p} for a constant {@code p}. */
    POW_SCALAR("dx = g * p * x^(p-1)"),
    /** {@code a ^ b}, both differentiable ({@code a > 0} where {@code b} needs a gradient). */
    POW("da = g * b * a^(b-1), db = g * out * log(a)"),
    /** {@code e^x}. */
    EXP("dx = g * out"),
    /** Natural logarithm. */
    LOG("dx = g / x"),
    /** Square root. */
    SQRT("dx = g / (2 * out)"),
    /** Absolute value (subgradient 0 at 0). */
    ABS("dx = g * sign(x)"),
    /** {@code max(x, 0)}. */
    RELU("dx = g where x > 0, else 0 (a leaky_relu_backward node with slope 0)"),
    /** {@code x > 0 ? x : slope * x}. */
    LEAKY_RELU("dx = g where x > 0, else slope * g (a leaky_relu_backward node)"),
    /**
     * The gradient of a (leaky) ReLU as a function of the incoming gradient, with the input's
     * sign pattern held constant: linear in its one input, so its own gradient is itself.
     */
    LEAKY_RELU_BACKWARD("dg = the same sign mask applied to the incoming gradient"),
    /** Hyperbolic tangent. */
    TANH("dx = g * (1 - out^2)"),
    /** Logistic sigmoid. */
    SIGMOID("dx = g * out * (1 - out)"),
    /** {@code log(1 + e^x)}. */
    SOFTPLUS("dx = g * sigmoid(x)"),
    /** Clamp to {@code [lo, hi]}. */
    CLAMP("dx = g where lo <= x <= hi, else 0"),
    /** Elementwise maximum (ties split the gradient evenly). */
    MAXIMUM("da = g where a > b, db = g where b > a (ties: half each)"),
    /** Elementwise minimum (ties split the gradient evenly). */
    MINIMUM("da = g where a < b, db = g where b < a (ties: half each)"),
    /** {@code cond ? a : b}. */
    WHERE("da = g where cond, db = g elsewhere"),
    /** Sum over axes. */
    SUM("dx = g expanded back over the summed axes"),
    /** Mean over axes. */
    MEAN("dx = g expanded back over the averaged axes, divided by their count"),
    /** Maximum over axes (ties split the gradient evenly). */
    MAX("dx = g at the maxima (shared evenly among ties), 0 elsewhere"),
    /** Minimum over axes (ties split the gradient evenly). */
    MIN("dx = g at the minima (shared evenly among ties), 0 elsewhere"),
    /** A new shape over the same values. */
    RESHAPE("dx = reshape(g) to the shape of x"),
    /** Axes reordered. */
    PERMUTE("dx = permute(g) by the inverse permutation"),
    /** Broadcast to a larger shape. */
    EXPAND("dx = sumToShape(g) back to the shape of x"),
    /** Sum back to a broadcastable shape. */
    SUM_TO_SHAPE("dx = expand(g) to the shape of x"),
    /** A range along one axis. */
    SLICE("dx = pad(g) with zeros back to the shape of x"),
    /** Constant padding. */
    PAD("dx = slice(g) of the unpadded range"),
    /** Join along an axis. */
    CONCAT("each input gets its own slice of g"),
    /** 2-D or batched matrix product, with transpose flags. */
    MATMUL("da = g @ op(b)^T, db = op(a)^T @ g (transposes are gemm flags)"),
    /** A fully connected layer {@code x @ w^T + bias} in one product. */
    LINEAR("dx = g @ w, dw = g^T @ x, dbias = sum of g over the batch"),
    /** Unfold convolution patches into columns. */
    IM2COL("dx = col2im(g)"),
    /** Fold columns back into an image (adjoint of im2col). */
    COL2IM("dcols = im2col(g)"),
    /** 2-D convolution of a batch, with an optional per-channel bias added in the same pass. */
    CONV2D("dx = conv_transpose2d(g, w), dw = conv2d_weight_grad(x, g), dbias = sum of g over batch and positions"),
    /** Transposed 2-D convolution: the adjoint of {@link #CONV2D} in its input. */
    CONV_TRANSPOSE2D("dy = conv2d(g, w), dw = conv2d_weight_grad(g, y)"),
    /** The weight gradient of {@link #CONV2D}, summed over the batch. */
    CONV2D_WEIGHT_GRAD("dx = conv_transpose2d(y, g), dy = conv2d(x, g)");

    private final String backwardRule;

    Op(String backwardRule) {
        this.backwardRule = backwardRule;
    }

    /**
     * The backward rule in words: how the gradient {@code g} of the output becomes a gradient of
     * each input ({@code a}, {@code b} or {@code x}; {@code out} is the output). Shown by
     * {@link Explain}.
     */
    public String backwardRule() {
        return backwardRule;
    }

    /** Lower-case name used in messages, e.g. {@code leaky_relu}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
