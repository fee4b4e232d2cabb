package io.github.jgrad.autodiff;

/**
 * The backward rule of one recorded operation: given the gradient of the loss with respect to
 * the operation's output, returns the gradient with respect to each input, written with
 * {@link Var} operations so that it can itself be differentiated.
 */
@FunctionalInterface
interface Backward {
    /**
     * @param grad gradient with respect to {@code out}, of {@code out}'s shape
     * @param out the operation's output (for rules such as {@code exp' = exp})
     * @param need which inputs need a gradient; an entry whose flag is false may be null
     * @return one gradient per input; null means known to be zero (or not needed)
     */
    Var[] apply(Var grad, Var out, boolean[] need);
}
