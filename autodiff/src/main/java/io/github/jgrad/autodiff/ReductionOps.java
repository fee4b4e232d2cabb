package io.github.jgrad.autodiff;

import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;

/** Reduction entries of the op table; each backward expands the gradient back over the reduced axes. */
public final class ReductionOps {
    private ReductionOps() {
    }

    /** Shape of the result with the reduced axes kept as size 1. */
    static Shape keptShape(Shape in, int[] axes) {
        int[] d = in.toArray();
        if (axes == null) {
            java.util.Arrays.fill(d, 1);
        } else {
            for (int a : axes) {
                d[in.normalizeAxis(a, "reduce")] = 1;
            }
        }
        return Shape.of(d);
    }

    /** A gradient of the reduced shape, viewed with kept axes and broadcast to the input's shape. */
    static Var spread(Var g, Shape kept, Shape input) {
        return ShapeOps.expand(ShapeOps.reshape(g, kept.toArray()), input);
    }

    /** Sum over {@code axes} (null: all). */
    public static Var sum(Var x, int[] axes, boolean keepDims) {
        Tensor y = x.value().sum(axes, keepDims); // first, so a bad axis is reported as sum's
        Shape kept = keptShape(x.shape(), axes);
        return Var.record(Op.SUM, y,
                (g, out, need) -> new Var[] {spread(g, kept, x.shape())}, x);
    }

    /** Mean over {@code axes} (null: all). */
    public static Var mean(Var x, int[] axes, boolean keepDims) {
        Tensor y = x.value().mean(axes, keepDims); // first, so a bad axis is reported as mean's
        Shape kept = keptShape(x.shape(), axes);
        double count = kept.size() == 0 ? 0 : (double) x.shape().size() / kept.size();
        return Var.record(Op.MEAN, y,
                (g, out, need) -> new Var[] {spread(g, kept, x.shape()).div(count)}, x);
    }

    /** Maximum over {@code axes}; tied maxima share the gradient evenly. */
    public static Var max(Var x, int[] axes, boolean keepDims) {
        return extreme(Op.MAX, x, axes, keepDims, x.value().max(axes, keepDims));
    }

    /** Minimum over {@code axes}; tied minima share the gradient evenly. */
    public static Var min(Var x, int[] axes, boolean keepDims) {
        return extreme(Op.MIN, x, axes, keepDims, x.value().min(axes, keepDims));
    }

    private static Var extreme(Op op, Var x, int[] axes, boolean keepDims, Tensor y) {
        Shape kept = keptShape(x.shape(), axes);
        return Var.record(op, y, (g, out, need) -> {
            Tensor hits = x.value().eq(y.reshape(kept.toArray()));
            Tensor share = hits.div(hits.sum(axes, true));
            return new Var[] {spread(g, kept, x.shape()).mul(Var.constant(share))};
        }, x);
    }
}
