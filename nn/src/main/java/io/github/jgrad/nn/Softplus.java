package io.github.jgrad.nn;

import io.github.jgrad.autodiff.Var;

/** {@code log(1 + e^x)}, computed without overflow. */
public final class Softplus extends Layer {

    @Override
    public Var forward(Var x) {
        return x.softplus();
    }
}
