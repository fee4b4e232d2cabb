package io.github.jgrad.nn;

import io.github.jgrad.autodiff.Var;

/** Hyperbolic tangent. */
public final class Tanh extends Layer {

    @Override
    public Var forward(Var x) {
        return x.tanh();
    }
}
