package io.github.jgrad.nn;

import io.github.jgrad.autodiff.CompositeOps;
import io.github.jgrad.autodiff.Grad;
import io.github.jgrad.autodiff.Var;
import io.github.jgrad.tensor.Tensor;
import java.util.List;

/**
 * Gradients of a scalar-per-sample function (a critic) with respect to its input, and their
 * per-sample norms: the quantity a gradient penalty constrains and a Lipschitz estimate maximises.
 */
public final class InputGradients {
    private InputGradients() {
    }

    /**
     * The gradient of {@code f} at {@code x}, one per sample: {@code d sum(f(x)) / dx}. Because
     * samples do not interact in a critic without batch statistics, row {@code i} of the result
     * is the gradient of {@code f(x_i)} with respect to {@code x_i}.
     *
     * @param x a leaf that requires a gradient, shape {@code [N, ...]}
     * @param createGraph keep the graph so that a function of the gradient can be differentiated
     *     with respect to the parameters of {@code f} (true for a gradient penalty)
     */
    public static Var of(Module f, Var x, boolean createGraph) {
        if (!x.requiresGrad()) {
            throw new IllegalArgumentException("input gradients: x must require a gradient (use Var.leaf)");
        }
        Var out = f.forward(x);
        if (out.shape().size() != x.shape().dim(0)) {
            throw new IllegalArgumentException("input gradients: the module must give one value per sample, got output "
                    + out.shape() + " for input " + x.shape());
        }
        return Grad.grad(List.of(out.sum()), List.of(x), null, createGraph, createGraph, false).get(0);
    }

    /**
     * Euclidean norm of each sample's gradient, over all of its flattened axes (never per pixel
     * or per channel): {@code sqrt(sum_j g_ij^2 + eps)}, shape {@code [N]}.
     *
     * @param eps added inside the square root so the norm's derivative is finite when a gradient
     *     is exactly zero (the bare norm's derivative is 0/0 there)
     */
    public static Var perSampleNorms(Var gradients, double eps) {
        int n = gradients.shape().dim(0);
        return CompositeOps.norm(gradients.reshape(n, -1), new int[] {1}, false, eps);
    }

    /** Per-sample input-gradient norms of {@code f} at the points {@code x} (no graph kept). */
    public static Tensor norms(Module f, Tensor x) {
        Var g = of(f, Var.leaf(x), false);
        return perSampleNorms(g, 0.0).value();
    }
}
