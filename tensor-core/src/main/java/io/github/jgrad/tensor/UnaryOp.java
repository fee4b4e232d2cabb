package io.github.jgrad.tensor;

/** Elementwise functions of one argument, evaluated in double precision. */
public enum UnaryOp {
    /** {@code -x}. */
    NEG,
    /** {@code e^x}. */
    EXP,
    /** Natural logarithm. */
    LOG,
    /** Square root. */
    SQRT,
    /** {@code |x|}. */
    ABS,
    /** -1, 0 or 1 (NaN stays NaN). */
    SIGN,
    /** {@code max(x, 0)}. */
    RELU,
    /** Heaviside step: 1 where {@code x > 0}, else 0 (the derivative of ReLU). */
    STEP,
    /** Hyperbolic tangent. */
    TANH,
    /** Logistic function {@code 1 / (1 + e^-x)}, computed without overflow. */
    SIGMOID,
    /** {@code log(1 + e^x)}, computed without overflow. */
    SOFTPLUS,
    /** {@code x * x}. */
    SQUARE,
    /** {@code 1 / x}. */
    RECIPROCAL;

    // Kept, not rebuilt: every kernel call passes it to its argument checks.
    private final String label = name().toLowerCase(java.util.Locale.ROOT);

    /** Lower-case name used in error messages. */
    public String label() {
        return label;
    }

    /** Applies this function to one value. */
    public double apply(double x) {
        switch (this) {
            case NEG: return -x;
            case EXP: return Math.exp(x);
            case LOG: return Math.log(x);
            case SQRT: return Math.sqrt(x);
            case ABS: return Math.abs(x);
            case SIGN: return Math.signum(x);
            case RELU: return Math.max(x, 0.0); // NaN stays NaN, so anomaly checks see it
            case STEP: return x > 0 ? 1.0 : 0.0;
            case TANH: return Math.tanh(x);
            case SIGMOID: return sigmoid(x);
            case SOFTPLUS: return Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)));
            case SQUARE: return x * x;
            case RECIPROCAL: return 1.0 / x;
            default: throw new AssertionError(this);
        }
    }

    // Branching on the sign keeps exp's argument non-positive, so it never overflows.
    private static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }
}
