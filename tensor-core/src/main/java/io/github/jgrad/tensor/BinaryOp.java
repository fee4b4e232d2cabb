package io.github.jgrad.tensor;

/** Elementwise functions of two arguments; comparisons give 1 for true and 0 for false. */
public enum BinaryOp {
    /** {@code a + b}. */
    ADD,
    /** {@code a - b}. */
    SUB,
    /** {@code a * b}. */
    MUL,
    /** {@code a / b}. */
    DIV,
    /** {@code a ^ b}. */
    POW,
    /** Larger of the two (NaN if either is NaN). */
    MAXIMUM,
    /** Smaller of the two (NaN if either is NaN). */
    MINIMUM,
    /** {@code a == b}. */
    EQ,
    /** {@code a != b}. */
    NE,
    /** {@code a < b}. */
    LT,
    /** {@code a <= b}. */
    LE,
    /** {@code a > b}. */
    GT,
    /** {@code a >= b}. */
    GE;

    /** Applies this function to one pair of values. */
    public double apply(double a, double b) {
        switch (this) {
            case ADD: return a + b;
            case SUB: return a - b;
            case MUL: return a * b;
            case DIV: return a / b;
            case POW: return Math.pow(a, b);
            case MAXIMUM: return Math.max(a, b);
            case MINIMUM: return Math.min(a, b);
            case EQ: return a == b ? 1 : 0;
            case NE: return a != b ? 1 : 0;
            case LT: return a < b ? 1 : 0;
            case LE: return a <= b ? 1 : 0;
            case GT: return a > b ? 1 : 0;
            case GE: return a >= b ? 1 : 0;
            default: throw new AssertionError(this);
        }
    }

    // Kept, not rebuilt: every kernel call passes it to its argument checks.
    private final String label = name().toLowerCase(java.util.Locale.ROOT);

    /** Lower-case name used in error messages. */
    public String label() {
        return label;
    }
}
