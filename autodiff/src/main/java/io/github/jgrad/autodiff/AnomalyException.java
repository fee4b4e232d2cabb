package io.github.jgrad.autodiff;

/** Thrown in anomaly mode when a backward rule produces a NaN or an infinity. */
public final class AnomalyException extends ArithmeticException {
    private static final long serialVersionUID = 1L;
    private final Op op;
    private final String creationSite;

    AnomalyException(Op op, String creationSite, int input, String what) {
        super("backward of '" + op.label() + "' produced " + what + " in the gradient of its input " + input
                + "; the '" + op.label() + "' was created at " + creationSite);
        this.op = op;
        this.creationSite = creationSite;
    }

    /** The forward operation whose backward produced the value. */
    public Op op() {
        return op;
    }

    /** Where that operation was created: the first stack frame outside the library. */
    public String creationSite() {
        return creationSite;
    }
}
