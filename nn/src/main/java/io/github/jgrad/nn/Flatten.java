package io.github.jgrad.nn;

import io.github.jgrad.autodiff.Var;

/** Merges every axis after the first: {@code [N, d1, d2, ...] -> [N, d1*d2*...]}. */
public final class Flatten extends Layer {
    @Override
    public Var forward(Var x) {
        if (x.shape().rank() < 2) {
            throw new IllegalArgumentException("Flatten: input shape " + x.shape() + " has no axis after the batch");
        }
        return x.flatten(1, -1);
    }
}
