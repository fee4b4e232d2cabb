package io.github.jgrad.nn;

import io.github.jgrad.autodiff.GradCheck;
import io.github.jgrad.autodiff.Grad;
import io.github.jgrad.autodiff.NoGrad;
import io.github.jgrad.autodiff.ShapeOps;
import io.github.jgrad.autodiff.Var;
import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Gradient checks through a module's own parameters. {@link GradCheck} makes fresh leaves for
 * its inputs, which a module's fixed parameter leaves can never be; this checker instead
 * perturbs the leaves' values in place (input and parameters alike) and compares the engine's
 * derivatives with central differences, with GradCheck's step and tolerances. It complements
 * the GradCheck tests of each layer's {@code forwardWith}: it proves that {@code forward} itself
 * routes gradients to every registered parameter.
 */
final class ModuleGradCheck {
    private ModuleGradCheck() {
    }

    /** First and second derivatives of {@code module.forward(x)} w.r.t. {@code x} and every parameter. */
    static void checkModule(Module module, Tensor input) {
        Var x = Var.leaf(input.copy());
        List<Var> leaves = new ArrayList<>();
        leaves.add(x);
        for (Parameter p : module.parameters()) {
            leaves.add(p.var());
        }
        check(() -> module.forward(x), leaves);
        checkSecondOrder(() -> module.forward(x), leaves);
    }

    /** Jacobian of {@code fn} (evaluated at the leaves' current values) w.r.t. every leaf. */
    static void check(Supplier<Var> fn, List<Var> leaves) {
        for (Var leaf : leaves) {
            if (leaf.dtype() != DType.F64 || !leaf.requiresGrad()) {
                throw new IllegalArgumentException("leaves must be F64 and require a gradient: " + leaf);
            }
        }
        Var y = fn.get();
        int m = y.shape().size();
        double[][][] analytic = new double[leaves.size()][][];
        for (int i = 0; i < leaves.size(); i++) {
            analytic[i] = new double[leaves.get(i).shape().size()][m];
        }
        for (int j = 0; j < m; j++) {
            Tensor onehot = Tensor.zeros(DType.F64, y.shape());
            onehot.setInPlace(j, 1);
            List<Var> gs = Grad.grad(List.of(y), leaves, List.of(Var.constant(onehot)), false, true, true);
            for (int i = 0; i < leaves.size(); i++) {
                if (gs.get(i) != null) {
                    double[] g = gs.get(i).value().toDoubleArray();
                    for (int e = 0; e < g.length; e++) {
                        analytic[i][e][j] = g[e];
                    }
                }
            }
        }
        double eps = GradCheck.EPS;
        for (int i = 0; i < leaves.size(); i++) {
            Tensor data = leaves.get(i).value();
            for (int e = 0; e < data.size(); e++) {
                double orig = data.getDouble(e);
                data.setInPlace(e, orig + eps);
                double[] plus = fn.get().value().toDoubleArray();
                data.setInPlace(e, orig - eps);
                double[] minus = fn.get().value().toDoubleArray();
                data.setInPlace(e, orig);
                for (int j = 0; j < m; j++) {
                    double numeric = (plus[j] - minus[j]) / (2 * eps);
                    double a = analytic[i][e][j];
                    if (!(Math.abs(a - numeric) <= GradCheck.ATOL + GradCheck.RTOL * Math.abs(numeric))) {
                        throw new AssertionError("module gradcheck failed for leaf " + i + " (shape "
                                + leaves.get(i).shape() + ") element " + e + ", output element " + j + ": analytic "
                                + a + ", numeric " + numeric);
                    }
                }
            }
        }
    }

    /** The derivatives of {@code <fn, v>}'s gradient (v fixed, random) w.r.t. every leaf, as gradgradcheck. */
    static void checkSecondOrder(Supplier<Var> fn, List<Var> leaves) {
        Tensor v;
        NoGrad scope = NoGrad.enter();
        try {
            v = new Rng(4321).normal(DType.F64, fn.get().shape(), 0, 1);
        } finally {
            scope.close();
        }
        check(() -> {
            List<Var> gs = Grad.grad(List.of(fn.get()), leaves, List.of(Var.constant(v)), true, true, true);
            Var[] parts = new Var[leaves.size()];
            for (int i = 0; i < parts.length; i++) {
                Var g = gs.get(i);
                parts[i] = g == null ? Var.constant(Tensor.zeros(DType.F64, leaves.get(i).shape())).reshape(-1)
                        : g.reshape(-1);
            }
            return ShapeOps.concat(0, parts);
        }, leaves);
    }
}
