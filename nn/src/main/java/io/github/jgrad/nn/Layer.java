package io.github.jgrad.nn;

/**
 * The base class of every built-in layer, and the name to declare networks with and to extend:
 * a {@link Module} (PyTorch's name for the same thing, which every method that takes a network
 * accepts) under a name that {@code import io.github.jgrad.nn.*} does not make ambiguous. Under
 * that wildcard import the simple name {@code Module} would also mean {@code java.lang.Module},
 * and the compiler refuses it; {@code Layer} has no such twin.
 *
 * <pre>{@code
 * import io.github.jgrad.nn.*;
 *
 * Layer critic = new Sequential(new Linear(2, 64, rng), new LeakyReLU(0.2), new Linear(64, 1, rng));
 * }</pre>
 *
 * <p>Code that names {@code Module} (with a single-type import) keeps working: a layer is a
 * module.
 */
public abstract class Layer extends Module {
    /** For subclasses. */
    protected Layer() {
    }
}
