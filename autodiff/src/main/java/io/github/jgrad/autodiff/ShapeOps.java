package io.github.jgrad.autodiff;

import io.github.jgrad.tensor.Movement;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;

/**
 * Shape entries of the op table, in adjoint pairs: expand and sum-to-shape, slice and pad,
 * permute and its inverse, concat and slices. squeeze, unsqueeze, flatten and transpose are
 * reshapes or permutes and need no entry of their own.
 */
public final class ShapeOps {
    private ShapeOps() {
    }

    /** Same values with a new shape (one size may be -1). */
    public static Var reshape(Var x, int... dims) {
        Tensor y = x.value().reshape(dims);
        if (y.shape().equals(x.shape())) {
            return x;
        }
        int[] back = x.shape().toArray();
        return Var.record(Op.RESHAPE, y, (g, out, need) -> new Var[] {reshape(g, back)}, x);
    }

    /** Result axis {@code i} is input axis {@code axes[i]}. */
    public static Var permute(Var x, int... axes) {
        Tensor y = x.value().permute(axes); // validates axes before the inverse is taken
        int[] inverse = Movement.inversePermutation(axes);
        return Var.record(Op.PERMUTE, y, (g, out, need) -> new Var[] {permute(g, inverse)}, x);
    }

    /** Two axes swapped. */
    public static Var transpose(Var x, int a, int b) {
        int r = x.shape().rank();
        int[] p = new int[r];
        for (int i = 0; i < r; i++) {
            p[i] = i;
        }
        int na = x.shape().normalizeAxis(a, "transpose");
        int nb = x.shape().normalizeAxis(b, "transpose");
        p[na] = nb;
        p[nb] = na;
        return permute(x, p);
    }

    /** Broadcast to {@code target}; the adjoint is {@link #sumToShape}. */
    public static Var expand(Var x, Shape target) {
        if (x.shape().equals(target)) {
            return x;
        }
        Shape from = x.shape();
        return Var.record(Op.EXPAND, x.value().expand(target), (g, out, need) -> new Var[] {sumToShape(g, from)}, x);
    }

    /** Summed over broadcast axes back to {@code target}; the adjoint is {@link #expand}. */
    public static Var sumToShape(Var x, Shape target) {
        if (x.shape().equals(target)) {
            return x;
        }
        Shape from = x.shape();
        return Var.record(Op.SUM_TO_SHAPE, x.value().sumToShape(target),
                (g, out, need) -> new Var[] {expand(g, from)}, x);
    }

    /** Size-1 axis removed. */
    public static Var squeeze(Var x, int axis) {
        return reshape(x, x.value().squeeze(axis).shape().toArray());
    }

    /** Size-1 axis inserted at {@code axis}. */
    public static Var unsqueeze(Var x, int axis) {
        return reshape(x, x.value().unsqueeze(axis).shape().toArray());
    }

    /** Axes {@code start..end} (inclusive) merged. */
    public static Var flatten(Var x, int start, int end) {
        return reshape(x, x.value().flatten(start, end).shape().toArray());
    }

    /** Range {@code [start, end)} along {@code axis}; the adjoint pads with zeros. */
    public static Var slice(Var x, int axis, int start, int end) {
        Tensor y = x.value().slice(axis, start, end);
        int a = x.shape().normalizeAxis(axis, "slice");
        int r = x.shape().rank();
        int[] before = new int[r];
        int[] after = new int[r];
        before[a] = start;
        after[a] = x.shape().dim(a) - end;
        return Var.record(Op.SLICE, y, (g, out, need) -> new Var[] {pad(g, before, after, 0.0)}, x);
    }

    /** Constant padding; the adjoint slices the padding away. */
    public static Var pad(Var x, int[] before, int[] after, double value) {
        Tensor y = x.value().pad(before, after, value);
        int[] b = before.clone();
        int[] sizes = x.shape().toArray();
        return Var.record(Op.PAD, y, (g, out, need) -> {
            Var inner = g;
            for (int i = 0; i < sizes.length; i++) {
                if (inner.shape().dim(i) != sizes[i]) {
                    inner = slice(inner, i, b[i], b[i] + sizes[i]);
                }
            }
            return new Var[] {inner};
        }, x);
    }

    /** Joined along {@code axis}; each part's gradient is its slice of the output gradient. */
    public static Var concat(int axis, Var... given) {
        if (given == null || given.length == 0) {
            throw new IllegalArgumentException("concat: no tensors given");
        }
        // The node keeps these as its inputs: copy, so a caller reusing its array cannot rewire the graph.
        Var[] parts = given.clone();
        Tensor[] values = new Tensor[parts.length];
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] == null) {
                throw new NullPointerException("concat: part " + i + " is null");
            }
            values[i] = parts[i].value();
        }
        Tensor y = Tensor.concat(axis, values);
        int a = y.shape().normalizeAxis(axis, "concat");
        return Var.record(Op.CONCAT, y, (g, out, need) -> {
            Var[] grads = new Var[parts.length];
            int at = 0;
            for (int i = 0; i < parts.length; i++) {
                int n = parts[i].shape().dim(a);
                grads[i] = need[i] ? slice(g, a, at, at + n) : null;
                at += n;
            }
            return grads;
        }, parts);
    }

    /** Equal-shaped parts joined along a new axis. */
    public static Var stack(int axis, Var... parts) {
        if (parts == null || parts.length == 0) {
            throw new IllegalArgumentException("stack: no tensors given");
        }
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] == null) {
                throw new NullPointerException("stack: part " + i + " is null");
            }
        }
        Var[] u = new Var[parts.length];
        for (int i = 0; i < parts.length; i++) {
            if (!parts[i].shape().equals(parts[0].shape())) {
                throw new IllegalArgumentException("stack: shapes " + parts[0].shape() + " and " + parts[i].shape() + " differ");
            }
            u[i] = unsqueeze(parts[i], axis);
        }
        return concat(axis, u);
    }
}
