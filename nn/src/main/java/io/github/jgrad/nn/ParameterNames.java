package io.github.jgrad.nn;

import io.github.jgrad.autodiff.Var;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A module's parameters as graph leaves with their dotted names ({@code "0.weight"}), the form
 * {@link io.github.jgrad.autodiff.GraphPicture#parameters} and
 * {@link io.github.jgrad.autodiff.Explain#names} take to label a picture or an explanation.
 */
public final class ParameterNames {
    private ParameterNames() {
    }

    /** Each parameter's leaf, mapped to its name in {@link Module#namedParameters()}. */
    public static Map<Var, String> of(Module module) {
        Objects.requireNonNull(module, "module");
        Map<Var, String> names = new IdentityHashMap<>();
        module.namedParameters().forEach((name, p) -> names.put(p.var(), name));
        return names;
    }
}
