package io.github.jgrad.nn.io;

import java.io.IOException;

/**
 * A file that is not a valid safetensors file: too short, a header length that does not fit the
 * file, a header that is not the expected JSON, or tensor entries whose dtype, shape and byte
 * ranges do not agree. The message names the file, the tensor (where there is one) and the problem.
 */
public class CheckpointFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** An exception with the given message. */
    public CheckpointFormatException(String message) {
        super(message);
    }

    /** An exception with the given message and cause. */
    public CheckpointFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
