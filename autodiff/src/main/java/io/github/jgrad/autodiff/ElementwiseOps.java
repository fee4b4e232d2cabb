package io.github.jgrad.autodiff;

import io.github.jgrad.tensor.BinaryOp;
import io.github.jgrad.tensor.Elementwise;
import io.github.jgrad.tensor.Tensor;

/**
 * Elementwise entries of the op table: each method computes the forward value with a
 * tensor-core kernel and, right beside it, states the gradient of every input in {@link Var}
 * operations. Masks that are piecewise constant (ReLU's step, clamp's window) enter as
 * constants, so their derivative is known to be zero and is never computed.
 */
public final class ElementwiseOps {
    private ElementwiseOps() {
    }

    static Var constant(Tensor t) {
        return Var.constant(t);
    }

    /**
     * Names a missing operand: without this a null would surface as a bare NullPointerException
     * from inside the forward kernel, naming a variable of the kernel instead of the operation.
     */
    static void requireOperands(String op, Var a, Var b) {
        if (a == null || b == null) {
            throw new NullPointerException(op + ": operand " + (a == null ? "a" : "b") + " is null");
        }
    }

    /** The gradient of a broadcast operand: summed back to the operand's shape. */
    static Var unbroadcast(Var g, Var operand) {
        return g.shape().equals(operand.shape()) ? g : ShapeOps.sumToShape(g, operand.shape());
    }

    /** {@code a + b}. */
    public static Var add(Var a, Var b) {
        requireOperands("add", a, b);
        return Var.record(Op.ADD, a.value().add(b.value()), (g, out, need) -> new Var[] {
            need[0] ? unbroadcast(g, a) : null,
            need[1] ? unbroadcast(g, b) : null}, a, b);
    }

    /** {@code a - b}. */
    public static Var sub(Var a, Var b) {
        requireOperands("sub", a, b);
        return Var.record(Op.SUB, a.value().sub(b.value()), (g, out, need) -> new Var[] {
            need[0] ? unbroadcast(g, a) : null,
            need[1] ? unbroadcast(neg(g), b) : null}, a, b);
    }

    /** {@code a * b}. */
    public static Var mul(Var a, Var b) {
        requireOperands("mul", a, b);
        return Var.record(Op.MUL, a.value().mul(b.value()), (g, out, need) -> new Var[] {
            need[0] ? unbroadcast(mul(g, b), a) : null,
            need[1] ? unbroadcast(mul(g, a), b) : null}, a, b);
    }

    /** {@code a / b}. */
    public static Var div(Var a, Var b) {
        requireOperands("div", a, b);
        return Var.record(Op.DIV, a.value().div(b.value()), (g, out, need) -> new Var[] {
            need[0] ? unbroadcast(div(g, b), a) : null,
            need[1] ? unbroadcast(neg(mul(g, div(out, b))), b) : null}, a, b);
    }

    /** {@code -x}. */
    public static Var neg(Var x) {
        return Var.record(Op.NEG, x.value().neg(), (g, out, need) -> new Var[] {neg(g)}, x);
    }

    /**
     * {@code x ^ p} for a constant exponent. For {@code p == 0} the result is the constant 1 and
     * its gradient is known to be zero (absent): {@code 0 * x^-1} would be NaN at {@code x == 0}.
     */
    public static Var powScalar(Var x, double p) {
        if (!Double.isFinite(p)) {
            throw new IllegalArgumentException("pow: exponent must be finite, got " + p);
        }
        Tensor y = p == 2 ? x.value().square() : x.value().pow(p);
        return Var.record(Op.POW_SCALAR, y, (g, out, need) -> new Var[] {
            p == 0 ? null : p == 1 ? g : mul(g, p == 2 ? x.mul(2.0) : powScalar(x, p - 1).mul(p))}, x);
    }

    /** {@code a ^ b} with both operands differentiable; {@code b}'s gradient needs {@code a > 0}. */
    public static Var pow(Var a, Var b) {
        requireOperands("pow", a, b);
        return Var.record(Op.POW, a.value().pow(b.value()), (g, out, need) -> new Var[] {
            need[0] ? unbroadcast(mul(g, mul(b, pow(a, b.sub(1.0)))), a) : null,
            need[1] ? unbroadcast(mul(g, mul(out, log(a))), b) : null}, a, b);
    }

    /** {@code e^x}: the derivative is the output itself. */
    public static Var exp(Var x) {
        return Var.record(Op.EXP, x.value().exp(), (g, out, need) -> new Var[] {mul(g, out)}, x);
    }

    /** Natural logarithm. */
    public static Var log(Var x) {
        return Var.record(Op.LOG, x.value().log(), (g, out, need) -> new Var[] {div(g, x)}, x);
    }

    /** Square root: {@code d sqrt(x) = 1 / (2 sqrt(x))}. */
    public static Var sqrt(Var x) {
        return Var.record(Op.SQRT, x.value().sqrt(), (g, out, need) -> new Var[] {div(g, out.mul(2.0))}, x);
    }

    /** Absolute value; the gradient at 0 is 0. */
    public static Var abs(Var x) {
        return Var.record(Op.ABS, x.value().abs(), (g, out, need) -> new Var[] {
            mul(g, constant(x.value().sign()))}, x);
    }

    /** {@code max(x, 0)}; the sign pattern is a constant, so the second derivative is absent. */
    public static Var relu(Var x) {
        return Var.record(Op.RELU, x.value().relu(), (g, out, need) -> new Var[] {
            leakyReluBackward(g, x.value(), 0.0)}, x);
    }

    /** {@code x > 0 ? x : slope * x}. */
    public static Var leakyRelu(Var x, double slope) {
        return Var.record(Op.LEAKY_RELU, x.value().leakyRelu(slope), (g, out, need) -> new Var[] {
            leakyReluBackward(g, x.value(), slope)}, x);
    }

    /**
     * {@code x > 0 ? g : slope * g} for a constant {@code x}: the fused backward of (leaky) ReLU.
     * It is linear in {@code g}, so its backward is the same operation on the new gradient.
     */
    static Var leakyReluBackward(Var g, Tensor x, double slope) {
        Tensor y = Elementwise.leakyReluBackward(g.value(), x, slope, g.value().newEmpty(g.shape()));
        return Var.record(Op.LEAKY_RELU_BACKWARD, y, (gg, out, need) -> new Var[] {
            leakyReluBackward(gg, x, slope)}, g);
    }

    /** Hyperbolic tangent: {@code d tanh = 1 - tanh^2}. */
    public static Var tanh(Var x) {
        return Var.record(Op.TANH, x.value().tanh(), (g, out, need) -> new Var[] {
            mul(g, neg(out.square()).add(1.0))}, x);
    }

    /** Logistic sigmoid: {@code d s = s (1 - s)}. */
    public static Var sigmoid(Var x) {
        return Var.record(Op.SIGMOID, x.value().sigmoid(), (g, out, need) -> new Var[] {
            mul(g, mul(out, neg(out).add(1.0)))}, x);
    }

    /** {@code log(1 + e^x)}, stable for large {@code |x|}: {@code d softplus = sigmoid}. */
    public static Var softplus(Var x) {
        return Var.record(Op.SOFTPLUS, x.value().softplus(), (g, out, need) -> new Var[] {mul(g, sigmoid(x))}, x);
    }

    /** Clamp to {@code [lo, hi]}; the gradient passes where {@code lo <= x <= hi}. */
    public static Var clamp(Var x, double lo, double hi) {
        return Var.record(Op.CLAMP, x.value().clamp(lo, hi), (g, out, need) -> {
            Tensor v = x.value();
            Tensor window = v.zip(BinaryOp.GE, lo).mul(v.zip(BinaryOp.LE, hi));
            return new Var[] {mul(g, constant(window))};
        }, x);
    }

    /** Elementwise maximum; where equal, each side gets half the gradient. */
    public static Var maximum(Var a, Var b) {
        requireOperands("maximum", a, b);
        return Var.record(Op.MAXIMUM, a.value().maximum(b.value()),
                (g, out, need) -> choose(g, a, b, need, a.value().gt(b.value())), a, b);
    }

    /** Elementwise minimum; where equal, each side gets half the gradient. */
    public static Var minimum(Var a, Var b) {
        requireOperands("minimum", a, b);
        return Var.record(Op.MINIMUM, a.value().minimum(b.value()),
                (g, out, need) -> choose(g, a, b, need, a.value().lt(b.value())), a, b);
    }

    private static Var[] choose(Var g, Var a, Var b, boolean[] need, Tensor aWins) {
        Tensor ties = a.value().eq(b.value()).mul(0.5);
        Tensor toA = aWins.add(ties);
        Tensor toB = toA.neg().add(1.0);
        return new Var[] {
            need[0] ? unbroadcast(mul(g, constant(toA)), a) : null,
            need[1] ? unbroadcast(mul(g, constant(toB)), b) : null};
    }

    /** {@code cond != 0 ? a : b}; {@code cond} is a constant mask. */
    public static Var where(Tensor cond, Var a, Var b) {
        java.util.Objects.requireNonNull(cond, "cond");
        requireOperands("where", a, b);
        Tensor y = cond.where(a.value(), b.value());
        return Var.record(Op.WHERE, y, (g, out, need) -> {
            Tensor one = Tensor.ones(g.dtype(), cond.shape());
            Tensor mask = cond.ne(Tensor.zeros(cond.dtype(), cond.shape())).to(g.dtype());
            return new Var[] {
                need[0] ? unbroadcast(unbroadcastMask(g, mask), a) : null,
                need[1] ? unbroadcast(unbroadcastMask(g, one.sub(mask)), b) : null};
        }, a, b);
    }

    private static Var unbroadcastMask(Var g, Tensor mask) {
        return mul(g, constant(mask));
    }
}
