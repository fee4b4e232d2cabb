package io.github.jgrad.tensor;

import java.util.Arrays;
import java.util.Objects;

/**
 * Shape operations: reshape, permute, expand, squeeze, slice, pad, concat, stack, flatten.
 * Each has an adjoint that autodiff uses for its backward (expand with sum-to-shape, slice
 * with pad, permute with the inverse permutation, concat with slices).
 */
public final class Movement {
    private Movement() {
    }

    /** Same values with another shape; one size may be -1 and is inferred. Shares storage. */
    public static Tensor reshape(Tensor x, int... dims) {
        Objects.requireNonNull(dims, "dims");
        int[] d = dims.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < d.length; i++) {
            if (d[i] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException("reshape: more than one -1 in " + Arrays.toString(dims));
                }
                infer = i;
            } else if (d[i] < 0) {
                throw new IllegalArgumentException("reshape: negative size in " + Arrays.toString(dims));
            } else {
                known *= d[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || x.size() % known != 0) {
                throw new IllegalArgumentException("reshape: cannot infer -1 in " + Arrays.toString(dims)
                        + " for shape " + x.shape);
            }
            d[infer] = (int) (x.size() / known);
            known *= d[infer];
        }
        if (known != x.size()) {
            throw new IllegalArgumentException("reshape: cannot view shape " + x.shape + " (" + x.size()
                    + " elements) as " + Arrays.toString(dims));
        }
        Shape s = Shape.of(d);
        return new Tensor(s, x.storage);
    }

    /** Result axis {@code i} is input axis {@code axes[i]}; a copy. */
    public static Tensor permute(Tensor x, int... axes) {
        Objects.requireNonNull(axes, "axes");
        int r = x.rank();
        if (axes.length != r) {
            throw new IllegalArgumentException("permute: " + axes.length + " axes for shape " + x.shape);
        }
        int[] p = new int[r];
        boolean[] seen = new boolean[r];
        for (int i = 0; i < r; i++) {
            p[i] = x.shape.normalizeAxis(axes[i], "permute");
            if (seen[p[i]]) {
                throw new IllegalArgumentException("permute: " + Arrays.toString(axes) + " is not a permutation");
            }
            seen[p[i]] = true;
        }
        int[] inStrides = x.shape.strides();
        int[] outDims = new int[r];
        int[] srcStrides = new int[r];
        for (int i = 0; i < r; i++) {
            outDims[i] = x.shape.dim(p[i]);
            srcStrides[i] = inStrides[p[i]];
        }
        Tensor out = x.newZeros(Shape.of(outDims));
        gather(x, out, srcStrides, 0);
        return out;
    }

    /** The inverse of a permutation, so that {@code permute(permute(x, p), inverse(p)) == x}. */
    public static int[] inversePermutation(int[] axes) {
        int[] inv = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            inv[Math.floorMod(axes[i], axes.length)] = i;
        }
        return inv;
    }

    /** Axes {@code axis0} and {@code axis1} swapped; a copy. */
    public static Tensor transpose(Tensor x, int axis0, int axis1) {
        int r = x.rank();
        int[] p = new int[r];
        for (int i = 0; i < r; i++) {
            p[i] = i;
        }
        int a = x.shape.normalizeAxis(axis0, "transpose");
        int b = x.shape.normalizeAxis(axis1, "transpose");
        p[a] = b;
        p[b] = a;
        return permute(x, p);
    }

    /** Broadcast copy of {@code x} to {@code target}. */
    public static Tensor expand(Tensor x, Shape target) {
        Objects.requireNonNull(target, "target");
        if (!x.shape.broadcastsTo(target)) {
            throw new IllegalArgumentException("expand: shape " + x.shape + " cannot be broadcast to " + target);
        }
        Tensor out = x.newZeros(target);
        gather(x, out, StridedWalk.broadcastStrides(x.shape, target), 0);
        return out;
    }

    /** Fills {@code out} (contiguous) from {@code x} read with {@code srcStrides} from {@code srcOffset}. */
    static void gather(Tensor x, Tensor out, int[] srcStrides, int srcOffset) {
        StridedWalk w = new StridedWalk(out.shape.toArray(), srcStrides);
        int len = w.rowLength;
        int is = w.innerStrides[0];
        int base = 0;
        Object src = x.storage.array();
        Object dst = out.storage.array();
        for (int r = 0; r < w.rows; r++, base += len, w.next()) {
            int o = srcOffset + w.offsets[0];
            if (is == 1) {
                System.arraycopy(src, o, dst, base, len);
            } else if (x.storage instanceof Storage.F32 s) {
                float[] a = s.values;
                float[] b = out.floats();
                for (int j = 0; j < len; j++) {
                    b[base + j] = a[o + j * is];
                }
            } else {
                double[] a = x.doubles();
                double[] b = out.doubles();
                for (int j = 0; j < len; j++) {
                    b[base + j] = a[o + j * is];
                }
            }
        }
    }

    /** Removes axis {@code axis}, which must have size 1. */
    public static Tensor squeeze(Tensor x, int axis) {
        int a = x.shape.normalizeAxis(axis, "squeeze");
        if (x.shape.dim(a) != 1) {
            throw new IllegalArgumentException("squeeze: axis " + axis + " of shape " + x.shape + " has size "
                    + x.shape.dim(a) + ", not 1");
        }
        int[] d = x.shape.toArray();
        int[] o = new int[d.length - 1];
        for (int i = 0, j = 0; i < d.length; i++) {
            if (i != a) {
                o[j++] = d[i];
            }
        }
        return reshape(x, o);
    }

    /** Inserts a size-1 axis so that it becomes axis {@code axis} of the result. */
    public static Tensor unsqueeze(Tensor x, int axis) {
        int r = x.rank() + 1;
        int a = axis < 0 ? axis + r : axis;
        if (a < 0 || a >= r) {
            throw new IllegalArgumentException("unsqueeze: axis " + axis + " out of range for shape " + x.shape);
        }
        int[] d = x.shape.toArray();
        int[] o = new int[r];
        for (int i = 0, j = 0; i < r; i++) {
            o[i] = i == a ? 1 : d[j++];
        }
        return reshape(x, o);
    }

    /** Axes {@code startAxis..endAxis} (inclusive) merged into one. */
    public static Tensor flatten(Tensor x, int startAxis, int endAxis) {
        if (x.rank() == 0) {
            return reshape(x, 1);
        }
        int s = x.shape.normalizeAxis(startAxis, "flatten");
        int e = x.shape.normalizeAxis(endAxis, "flatten");
        if (s > e) {
            throw new IllegalArgumentException("flatten: start axis " + startAxis + " after end axis " + endAxis
                    + " for shape " + x.shape);
        }
        int[] d = x.shape.toArray();
        int[] o = new int[d.length - (e - s)];
        int merged = 1;
        for (int i = s; i <= e; i++) {
            merged *= d[i];
        }
        for (int i = 0, j = 0; i < d.length; i++) {
            if (i < s || i > e) {
                o[j++] = d[i];
            } else if (i == s) {
                o[j++] = merged;
            }
        }
        return reshape(x, o);
    }

    /** Elements {@code [start, end)} along {@code axis}; a copy. */
    public static Tensor slice(Tensor x, int axis, int start, int end) {
        int a = x.shape.normalizeAxis(axis, "slice");
        int n = x.shape.dim(a);
        if (start < 0 || end > n || start > end) {
            throw new IllegalArgumentException("slice: range [" + start + ", " + end + ") out of bounds for axis "
                    + axis + " of shape " + x.shape);
        }
        Tensor out = x.newZeros(x.shape.withDim(a, end - start));
        int[] st = x.shape.strides();
        gather(x, out, st, start * st[a]);
        return out;
    }

    /**
     * The sub-tensors {@code x[indices[0]], x[indices[1]], ...} along the first axis, stacked in
     * that order (an index may repeat): shape {@code [indices.length, ...]}. A copy.
     *
     * @throws IllegalArgumentException if {@code x} is a scalar or an index is outside the first axis
     */
    public static Tensor indexSelect(Tensor x, int... indices) {
        Objects.requireNonNull(indices, "indices");
        if (x.rank() == 0) {
            throw new IllegalArgumentException("indexSelect: a scalar has no first axis to select from");
        }
        int rows = x.shape.dim(0);
        int rowSize = rows == 0 ? 0 : x.size() / rows;
        Tensor out = x.newZeros(x.shape.withDim(0, indices.length));
        Object src = x.storage.array();
        Object dst = out.storage.array();
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            if (i < 0 || i >= rows) {
                throw new IllegalArgumentException("indexSelect: index " + i + " at position " + k
                        + " is outside [0, " + rows + ") for shape " + x.shape);
            }
            System.arraycopy(src, i * rowSize, dst, k * rowSize, rowSize);
        }
        return out;
    }

    /** Constant padding: {@code before[i]} and {@code after[i]} extra elements on axis {@code i}. */
    public static Tensor pad(Tensor x, int[] before, int[] after, double value) {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        int r = x.rank();
        if (before.length != r || after.length != r) {
            throw new IllegalArgumentException("pad: widths " + Arrays.toString(before) + " / " + Arrays.toString(after)
                    + " do not match rank of shape " + x.shape);
        }
        int[] o = x.shape.toArray();
        for (int i = 0; i < r; i++) {
            if (before[i] < 0 || after[i] < 0) {
                throw new IllegalArgumentException("pad: negative width " + Arrays.toString(before) + " / "
                        + Arrays.toString(after));
            }
            o[i] += before[i] + after[i];
        }
        Tensor out = Tensor.full(x.dtype, Shape.of(o), value);
        int[] os = out.shape.strides();
        int offset = 0;
        for (int i = 0; i < r; i++) {
            offset += before[i] * os[i];
        }
        scatter(x, out, os, offset);
        return out;
    }

    /** Writes contiguous {@code x} into {@code out} with {@code dstStrides} from {@code dstOffset}. */
    static void scatter(Tensor x, Tensor out, int[] dstStrides, int dstOffset) {
        StridedWalk w = new StridedWalk(x.shape.toArray(), dstStrides);
        int len = w.rowLength;
        int ds = w.innerStrides[0];
        int base = 0;
        Object src = x.storage.array();
        Object dst = out.storage.array();
        for (int r = 0; r < w.rows; r++, base += len, w.next()) {
            int o = dstOffset + w.offsets[0];
            if (ds == 1) {
                System.arraycopy(src, base, dst, o, len);
            } else if (x.storage instanceof Storage.F32 s) {
                float[] a = s.values;
                float[] b = out.floats();
                for (int j = 0; j < len; j++) {
                    b[o + j * ds] = a[base + j];
                }
            } else {
                double[] a = x.doubles();
                double[] b = out.doubles();
                for (int j = 0; j < len; j++) {
                    b[o + j * ds] = a[base + j];
                }
            }
        }
    }

    /** Tensors joined along {@code axis}; all other sizes and the dtype must agree. */
    public static Tensor concat(int axis, Tensor... parts) {
        if (parts == null || parts.length == 0) {
            throw new IllegalArgumentException("concat: no tensors given");
        }
        requireParts("concat", parts);
        Tensor first = parts[0];
        int a = first.shape.normalizeAxis(axis, "concat");
        int total = 0;
        for (Tensor p : parts) {
            if (p.dtype != first.dtype) {
                throw new IllegalArgumentException("concat: dtype mismatch " + first.dtype + " vs " + p.dtype);
            }
            if (p.rank() != first.rank() || !p.shape.withDim(a, 0).equals(first.shape.withDim(a, 0))) {
                throw new IllegalArgumentException("concat: shapes " + first.shape + " and " + p.shape
                        + " differ outside axis " + axis);
            }
            total += p.shape.dim(a);
        }
        Tensor out = first.newZeros(first.shape.withDim(a, total));
        int[] os = out.shape.strides();
        int at = 0;
        for (Tensor p : parts) {
            scatter(p, out, os, at * os[a]);
            at += p.shape.dim(a);
        }
        return out;
    }

    /** Tensors of equal shape joined along a new axis {@code axis}. */
    public static Tensor stack(int axis, Tensor... parts) {
        if (parts == null || parts.length == 0) {
            throw new IllegalArgumentException("stack: no tensors given");
        }
        requireParts("stack", parts);
        Tensor[] u = new Tensor[parts.length];
        for (int i = 0; i < parts.length; i++) {
            if (!parts[i].shape.equals(parts[0].shape)) {
                throw new IllegalArgumentException("stack: shapes " + parts[0].shape + " and " + parts[i].shape + " differ");
            }
            u[i] = unsqueeze(parts[i], axis);
        }
        return concat(axis, u);
    }

    private static void requireParts(String op, Tensor[] parts) {
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] == null) {
                throw new NullPointerException(op + ": part " + i + " is null");
            }
        }
    }
}
