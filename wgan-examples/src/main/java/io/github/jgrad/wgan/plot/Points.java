package io.github.jgrad.wgan.plot;

import io.github.jgrad.tensor.Tensor;

/** Shape checks for 2-D point sets given as tensors. */
final class Points {
    private Points() {
    }

    /**
     * Checks that {@code t} is a point set of shape {@code [n, 2]}.
     *
     * @param what the start of the error message, naming the argument
     * @throws IllegalArgumentException if it is null or has another shape
     */
    static void check(Tensor t, String what) {
        if (t == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        if (t.rank() != 2 || t.dim(1) != 2) {
            throw new IllegalArgumentException(what + " must have shape [n, 2], got " + t.shape());
        }
    }
}
