package io.github.jgrad.autodiff;

import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Numerical checks of gradients in float64: the analytic Jacobian from the engine against
 * central finite differences, and (gradgradcheck) the same for the gradient itself, which is
 * what makes a second derivative such as a gradient penalty trustworthy.
 *
 * <p>An entry passes when {@code |analytic - numeric| <= atol + rtol * |numeric|}. On failure
 * a {@link GradCheckFailure} names the input, the element, the output element and both values.
 */
public final class GradCheck {
    /** Default finite-difference step. */
    public static final double EPS = 1e-6;
    /** Default absolute tolerance. */
    public static final double ATOL = 1e-5;
    /** Default relative tolerance. */
    public static final double RTOL = 1e-3;

    private final double eps;
    private final double atol;
    private final double rtol;

    private GradCheck(double eps, double atol, double rtol) {
        if (!(eps > 0) || !(atol >= 0) || !(rtol >= 0)) {
            throw new IllegalArgumentException("gradcheck: need eps > 0, atol >= 0, rtol >= 0, got "
                    + eps + ", " + atol + ", " + rtol);
        }
        this.eps = eps;
        this.atol = atol;
        this.rtol = rtol;
    }

    /** A checker with other tolerances. */
    public static GradCheck withTolerances(double eps, double atol, double rtol) {
        return new GradCheck(eps, atol, rtol);
    }

    /** Checks first derivatives with the default tolerances; throws {@link GradCheckFailure} on a mismatch. */
    public static void gradcheck(Function<Var[], Var> fn, Tensor... inputs) {
        new GradCheck(EPS, ATOL, RTOL).check(fn, inputs);
    }

    /** Checks second derivatives with the default tolerances; throws {@link GradCheckFailure} on a mismatch. */
    public static void gradgradcheck(Function<Var[], Var> fn, Tensor... inputs) {
        new GradCheck(EPS, ATOL, RTOL).checkSecondOrder(fn, inputs);
    }

    /** Compares the analytic Jacobian of {@code fn} at {@code inputs} (float64) with finite differences. */
    public void check(Function<Var[], Var> fn, Tensor... inputs) {
        java.util.Objects.requireNonNull(fn, "fn");
        java.util.Objects.requireNonNull(inputs, "inputs");
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i].dtype() != DType.F64) {
                throw new IllegalArgumentException("gradcheck: input " + i + " is " + inputs[i].dtype()
                        + "; finite differences need F64");
            }
        }
        double[][][] analytic = analyticJacobian(fn, inputs);
        for (int i = 0; i < inputs.length; i++) {
            Tensor x = inputs[i].copy();
            for (int e = 0; e < x.size(); e++) {
                double orig = x.getDouble(e);
                x.setInPlace(e, orig + eps);
                double[] plus = evaluate(fn, inputs, i, x);
                x.setInPlace(e, orig - eps);
                double[] minus = evaluate(fn, inputs, i, x);
                x.setInPlace(e, orig);
                for (int j = 0; j < plus.length; j++) {
                    double numeric = (plus[j] - minus[j]) / (2 * eps);
                    double a = analytic[i][e][j];
                    if (!(Math.abs(a - numeric) <= atol + rtol * Math.abs(numeric))) {
                        throw new GradCheckFailure("gradcheck failed for input " + i + " (shape " + x.shape()
                                + ") element " + Arrays.toString(unravel(e, x.shape().toArray()))
                                + ", output element " + j + ": analytic " + a + ", numeric " + numeric);
                    }
                }
            }
        }
    }

    /**
     * Checks the derivatives of the gradient: with a fixed random output gradient {@code v}, the
     * function {@code (x, v) -> grad(fn(x), x, v, createGraph)} must itself pass {@link #check}.
     */
    public void checkSecondOrder(Function<Var[], Var> fn, Tensor... inputs) {
        // Leaves, not constants in a no-grad scope: fn may itself take a gradient (a penalty).
        Tensor out = fn.apply(leaves(inputs)).value();
        Tensor v = new Rng(1234).normal(DType.F64, out.shape(), 0, 1);
        Tensor[] extended = Arrays.copyOf(inputs, inputs.length + 1);
        extended[inputs.length] = v;
        int n = inputs.length;
        check(vars -> {
            Var[] xs = Arrays.copyOf(vars, n);
            Var y = fn.apply(xs);
            List<Var> parts = new ArrayList<>();
            if (y.requiresGrad()) {
                List<Var> gs = Grad.grad(List.of(y), Arrays.asList(xs), List.of(vars[n]), true, true, true);
                for (int i = 0; i < n; i++) {
                    Var g = gs.get(i);
                    parts.add(g == null ? Var.constant(Tensor.zeros(DType.F64, xs[i].shape())).reshape(-1)
                            : g.reshape(-1));
                }
            } else {
                for (Var x : xs) {
                    parts.add(Var.constant(Tensor.zeros(DType.F64, x.shape())).reshape(-1));
                }
            }
            return ShapeOps.concat(0, parts.toArray(new Var[0]));
        }, extended);
    }

    /** analytic[input][element][outputElement]. */
    private static double[][][] analyticJacobian(Function<Var[], Var> fn, Tensor[] inputs) {
        Var[] leaves = new Var[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            leaves[i] = Var.leaf(inputs[i].copy());
        }
        Var y = fn.apply(leaves);
        int m = y.shape().size();
        double[][][] jac = new double[inputs.length][][];
        for (int i = 0; i < inputs.length; i++) {
            jac[i] = new double[inputs[i].size()][m];
        }
        if (!y.requiresGrad()) {
            return jac;
        }
        for (int j = 0; j < m; j++) {
            Tensor onehot = Tensor.zeros(DType.F64, y.shape());
            onehot.setInPlace(j, 1.0);
            List<Var> gs = Grad.grad(List.of(y), Arrays.asList(leaves), List.of(Var.constant(onehot)),
                    false, true, true);
            for (int i = 0; i < inputs.length; i++) {
                if (gs.get(i) != null) {
                    double[] g = gs.get(i).value().toDoubleArray();
                    for (int e = 0; e < g.length; e++) {
                        jac[i][e][j] = g[e];
                    }
                }
            }
        }
        return jac;
    }

    private static double[] evaluate(Function<Var[], Var> fn, Tensor[] inputs, int replaced, Tensor with) {
        Tensor[] xs = inputs.clone();
        xs[replaced] = with;
        // Leaves, not constants: for gradgradcheck the function itself takes a gradient.
        Var[] vs = new Var[xs.length];
        for (int i = 0; i < xs.length; i++) {
            vs[i] = Var.leaf(xs[i]);
        }
        return fn.apply(vs).value().toDoubleArray();
    }

    private static Var[] leaves(Tensor[] xs) {
        Var[] vs = new Var[xs.length];
        for (int i = 0; i < xs.length; i++) {
            vs[i] = Var.leaf(xs[i].copy());
        }
        return vs;
    }

    private static int[] unravel(int flat, int[] dims) {
        int[] idx = new int[dims.length];
        for (int k = dims.length - 1; k >= 0; k--) {
            idx[k] = flat % dims[k];
            flat /= dims[k];
        }
        return idx;
    }

    /** A gradient check found an analytic derivative that disagrees with finite differences. */
    public static final class GradCheckFailure extends AssertionError {
        private static final long serialVersionUID = 1L;

        GradCheckFailure(String message) {
            super(message);
        }
    }
}
