package io.github.jgrad.nn;

import io.github.jgrad.autodiff.Var;
import java.util.List;

/** Modules applied in order; they are named {@code 0}, {@code 1}, ... as in PyTorch. */
public final class Sequential extends Layer {
    private final List<Module> layers;

    /** A sequence of the given modules. */
    public Sequential(Module... layers) {
        java.util.Objects.requireNonNull(layers, "layers");
        for (int i = 0; i < layers.length; i++) {
            if (layers[i] == null) {
                // List.of would throw a NullPointerException without a message.
                throw new NullPointerException("Sequential: layer " + i + " is null");
            }
        }
        this.layers = List.of(layers);
        for (int i = 0; i < layers.length; i++) {
            registerModule(Integer.toString(i), layers[i]);
        }
    }

    /** The modules, in order. */
    public List<Module> layers() {
        return layers;
    }

    @Override
    public Var forward(Var input) {
        Var x = input;
        for (Module m : layers) {
            x = m.forward(x);
        }
        return x;
    }
}
