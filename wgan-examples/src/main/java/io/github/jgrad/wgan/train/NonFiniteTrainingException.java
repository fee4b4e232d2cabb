package io.github.jgrad.wgan.train;

/**
 * Training produced a NaN or an infinity. The message names the first non-finite quantity (a
 * loss, a gradient norm, or a parameter by its state-dict name) and the iteration, and training
 * stops before anything non-finite is written to a checkpoint.
 */
public final class NonFiniteTrainingException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** With a message naming the quantity and iteration. */
    public NonFiniteTrainingException(String message) {
        super(message);
    }
}
