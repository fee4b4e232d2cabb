package io.github.jgrad.autodiff;

import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.Set;

/** Random float64 inputs for gradient checks, kept away from kinks, and a graph walker. */
final class Fixtures {
    private Fixtures() {
    }

    static Tensor normal(Rng rng, int... dims) {
        return rng.normal(DType.F64, Shape.of(dims), 0, 1);
    }

    /** Uniform in [0.5, 2): safe for log, sqrt, pow and as a divisor. */
    static Tensor positive(Rng rng, int... dims) {
        return rng.uniform(DType.F64, Shape.of(dims), 0.5, 2.0);
    }

    /** Random sign, magnitude in [margin, 2): keeps relu/abs/leaky away from their kink at 0. */
    static Tensor awayFromZero(Rng rng, double margin, int... dims) {
        double[] d = rng.uniform(DType.F64, Shape.of(dims), margin, 2.0).toDoubleArray();
        for (int i = 0; i < d.length; i++) {
            if (rng.nextDouble() < 0.5) {
                d[i] = -d[i];
            }
        }
        return Tensor.of(d, dims);
    }

    /** Normal values at least {@code margin} away from each of {@code kinks}. */
    static Tensor awayFrom(Rng rng, double margin, double[] kinks, int... dims) {
        double[] d = new double[Shape.of(dims).size()];
        for (int i = 0; i < d.length; i++) {
            double v;
            boolean ok;
            do {
                v = 1.5 * rng.nextGaussian();
                ok = true;
                for (double k : kinks) {
                    ok &= Math.abs(v - k) >= margin;
                }
            } while (!ok);
            d[i] = v;
        }
        return Tensor.of(d, dims);
    }

    /** Distinct values (pairwise at least 0.1 apart) in random order: no ties for max/min. */
    static Tensor distinct(Rng rng, int... dims) {
        double[] d = new double[Shape.of(dims).size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = (i - d.length / 2.0) * 0.3 + 0.1 * rng.nextDouble();
        }
        for (int i = d.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            double tmp = d[i];
            d[i] = d[j];
            d[j] = tmp;
        }
        return Tensor.of(d, dims);
    }

    /** A size in [lo, hi]. */
    static int size(Rng rng, int lo, int hi) {
        return lo + rng.nextInt(hi - lo + 1);
    }

    /** Random dims of the given rank, each in [lo, hi]. */
    static int[] dims(Rng rng, int rank, int lo, int hi) {
        int[] d = new int[rank];
        for (int i = 0; i < rank; i++) {
            d[i] = size(rng, lo, hi);
        }
        return d;
    }

    /** A shape that broadcasts to {@code out}: a random suffix of it with some sizes set to 1. */
    static int[] broadcastableTo(Rng rng, int[] out) {
        int rank = rng.nextInt(out.length + 1);
        int[] d = new int[rank];
        for (int i = 0; i < rank; i++) {
            int full = out[out.length - rank + i];
            d[i] = rng.nextDouble() < 0.4 ? 1 : full;
        }
        return d;
    }

    /** Every op recorded in the graph behind {@code v} (iterative walk over the inputs field). */
    static Set<Op> opsIn(Var v) {
        Set<Op> ops = EnumSet.noneOf(Op.class);
        Set<Var> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Var> todo = new ArrayDeque<>();
        todo.push(v);
        seen.add(v);
        while (!todo.isEmpty()) {
            Var cur = todo.pop();
            if (cur.op() != null) {
                ops.add(cur.op());
            }
            for (Var in : cur.inputs) {
                if (seen.add(in)) {
                    todo.push(in);
                }
            }
        }
        return ops;
    }

    static Var[] leaves(Tensor... ts) {
        Var[] vs = new Var[ts.length];
        for (int i = 0; i < ts.length; i++) {
            vs[i] = Var.leaf(ts[i].copy());
        }
        return vs;
    }

    static double dot(Tensor a, Tensor b) {
        double s = 0;
        for (int i = 0; i < a.size(); i++) {
            s += a.getDouble(i) * b.getDouble(i);
        }
        return s;
    }

    static double maxAbs(Tensor a) {
        double m = 0;
        for (int i = 0; i < a.size(); i++) {
            m = Math.max(m, Math.abs(a.getDouble(i)));
        }
        return m;
    }
}
