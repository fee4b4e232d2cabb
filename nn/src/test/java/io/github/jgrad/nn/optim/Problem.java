package io.github.jgrad.nn.optim;

import io.github.jgrad.nn.Parameter;
import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fixed small problem for optimizer tests: two parameters (a vector of 3 and a 2x2 matrix) and
 * a gradient that depends on the current value and the step number, so momentum and running
 * averages see changing inputs. The reference rules in the tests use {@link #INITIAL} and
 * {@link #grad} directly in plain double arithmetic.
 */
final class Problem {
    /** Initial values, flattened: parameter "a" has 3 elements, "w" 4 (2x2). */
    static final double[][] INITIAL = {{0.5, -1.5, 2.0}, {0.1, -0.2, 0.3, 0.4}};
    static final Shape[] SHAPES = {Shape.of(3), Shape.of(2, 2)};
    static final String[] NAMES = {"a", "w"};

    private Problem() {
    }

    /** The gradient at value {@code p} of element {@code i} on step {@code t} (1-based). */
    static double grad(double p, int i, int t) {
        return 0.7 * p - 0.3 + 0.1 * t - 0.05 * i;
    }

    /** Fresh parameters with the initial values. */
    static Map<String, Parameter> params(DType dtype) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        for (int k = 0; k < INITIAL.length; k++) {
            out.put(NAMES[k], new Parameter(Tensor.of(INITIAL[k]).reshape(SHAPES[k].toArray()).to(dtype)));
        }
        return out;
    }

    /** Sets every parameter's gradient for step {@code t} from its current value. */
    static void setGrads(Map<String, Parameter> params, int t) {
        for (Parameter p : params.values()) {
            Tensor v = p.value();
            double[] g = new double[v.size()];
            for (int i = 0; i < g.length; i++) {
                g[i] = grad(v.getDouble(i), i, t);
            }
            p.var().setGrad(Tensor.of(g).reshape(v.shape().toArray()).to(v.dtype()));
        }
    }

    /** Runs steps {@code from..to} (1-based, inclusive) of {@code opt}. */
    static void run(Optimizer opt, int from, int to) {
        for (int t = from; t <= to; t++) {
            setGrads(opt.namedParameters(), t);
            opt.step();
        }
    }

    /** Values of the parameters, flattened per parameter. */
    static double[][] values(Map<String, Parameter> params) {
        return params.values().stream().map(p -> p.value().toDoubleArray()).toArray(double[][]::new);
    }

    /** A deep copy of the initial values, for the reference rules to update. */
    static double[][] initialCopy() {
        return new double[][] {INITIAL[0].clone(), INITIAL[1].clone()};
    }
}
