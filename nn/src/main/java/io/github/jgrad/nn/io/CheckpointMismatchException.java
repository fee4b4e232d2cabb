package io.github.jgrad.nn.io;

import java.io.IOException;

/**
 * A well-formed checkpoint that does not fit what it is loaded into: missing or unexpected
 * tensor names, a shape or dtype that differs from the module's, optimizer state saved by a
 * different optimizer, or weights and optimizer files from different saves. Nothing was changed.
 */
public class CheckpointMismatchException extends IOException {
    private static final long serialVersionUID = 1L;

    /** An exception with the given message. */
    public CheckpointMismatchException(String message) {
        super(message);
    }

    /** An exception with the given message and cause. */
    public CheckpointMismatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
