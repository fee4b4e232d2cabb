package io.github.jgrad.nn;

import io.github.jgrad.autodiff.Var;

/** Rectified linear unit, {@code max(x, 0)}. */
public final class ReLU extends Layer {

    @Override
    public Var forward(Var x) {
        return x.relu();
    }
}
