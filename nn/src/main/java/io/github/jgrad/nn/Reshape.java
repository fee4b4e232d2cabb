package io.github.jgrad.nn;

import io.github.jgrad.autodiff.Var;
import java.util.Arrays;

/** Views each sample with a new shape: {@code [N, ...] -> [N, dims...]}. */
public final class Reshape extends Layer {
    private final int[] dims;

    /** Per-sample target shape (one size may be -1). */
    public Reshape(int... dims) {
        java.util.Objects.requireNonNull(dims, "dims");
        this.dims = dims.clone();
    }

    @Override
    public Var forward(Var x) {
        int[] full = new int[dims.length + 1];
        full[0] = x.shape().dim(0);
        System.arraycopy(dims, 0, full, 1, dims.length);
        return x.reshape(full);
    }

    @Override
    public String toString() {
        return "Reshape(" + Arrays.toString(dims) + ")";
    }
}
