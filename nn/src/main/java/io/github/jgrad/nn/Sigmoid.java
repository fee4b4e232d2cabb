package io.github.jgrad.nn;

import io.github.jgrad.autodiff.Var;

/** Logistic sigmoid. */
public final class Sigmoid extends Layer {

    @Override
    public Var forward(Var x) {
        return x.sigmoid();
    }
}
