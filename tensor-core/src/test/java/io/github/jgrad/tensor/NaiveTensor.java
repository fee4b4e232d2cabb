package io.github.jgrad.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

/**
 * A deliberately slow reference for the kernels under test: a {@code double[]} and an
 * {@code int[]} shape, with every operation written as explicit loops over multi-indices. It
 * shares no code with the library (not even {@link Shape}), so a bug in a kernel cannot hide
 * in the reference too.
 */
final class NaiveTensor {
    final int[] shape;
    final double[] data;

    NaiveTensor(int[] shape, double[] data) {
        if (data.length != size(shape)) {
            throw new IllegalStateException("naive: " + data.length + " values for " + Arrays.toString(shape));
        }
        this.shape = shape.clone();
        this.data = data;
    }

    static NaiveTensor zeros(int... shape) {
        return new NaiveTensor(shape, new double[size(shape)]);
    }

    static NaiveTensor of(Tensor t) {
        return new NaiveTensor(t.shape().toArray(), t.toDoubleArray());
    }

    Tensor toTensor(DType dtype) {
        return Tensor.of(data, shape).to(dtype);
    }

    int rank() {
        return shape.length;
    }

    static int size(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** Row-major position of a multi-index, computed with Horner's rule (no strides). */
    static int flat(int[] shape, int[] index) {
        int f = 0;
        for (int i = 0; i < shape.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new IllegalStateException("naive: index " + Arrays.toString(index) + " outside " + Arrays.toString(shape));
            }
            f = f * shape[i] + index[i];
        }
        return f;
    }

    double get(int... index) {
        return data[flat(shape, index)];
    }

    void set(int[] index, double v) {
        data[flat(shape, index)] = v;
    }

    /** Calls {@code body} with every multi-index of {@code shape} in row-major order (a fresh array each time). */
    static void forEachIndex(int[] shape, Consumer<int[]> body) {
        if (size(shape) == 0) {
            return;
        }
        int[] idx = new int[shape.length];
        while (true) {
            body.accept(idx.clone());
            int ax = shape.length - 1;
            while (ax >= 0) {
                idx[ax]++;
                if (idx[ax] < shape[ax]) {
                    break;
                }
                idx[ax] = 0;
                ax--;
            }
            if (ax < 0) {
                return;
            }
        }
    }

    // ------------------------------------------------------------ broadcasting

    /** The NumPy broadcast of two shapes, or null if they are incompatible. */
    static int[] broadcastShape(int[] a, int[] b) {
        int r = Math.max(a.length, b.length);
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int ai = i - (r - a.length);
            int bi = i - (r - b.length);
            int da = ai >= 0 ? a[ai] : 1;
            int db = bi >= 0 ? b[bi] : 1;
            if (da == db || db == 1) {
                out[i] = da;
            } else if (da == 1) {
                out[i] = db;
            } else {
                return null;
            }
        }
        return out;
    }

    /** The element of this tensor that broadcasting shows at {@code outIndex} of a larger shape. */
    double broadcastGet(int[] outIndex) {
        int off = outIndex.length - shape.length;
        int[] own = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            own[i] = shape[i] == 1 ? 0 : outIndex[i + off];
        }
        return get(own);
    }

    static NaiveTensor binary(BinaryOp op, NaiveTensor a, NaiveTensor b) {
        NaiveTensor out = zeros(broadcastShape(a.shape, b.shape));
        forEachIndex(out.shape, i -> out.set(i, op.apply(a.broadcastGet(i), b.broadcastGet(i))));
        return out;
    }

    static NaiveTensor where(NaiveTensor cond, NaiveTensor a, NaiveTensor b) {
        NaiveTensor out = zeros(broadcastShape(broadcastShape(cond.shape, a.shape), b.shape));
        forEachIndex(out.shape, i -> out.set(i, cond.broadcastGet(i) != 0 ? a.broadcastGet(i) : b.broadcastGet(i)));
        return out;
    }

    NaiveTensor expand(int[] target) {
        NaiveTensor out = zeros(target);
        forEachIndex(target, i -> out.set(i, broadcastGet(i)));
        return out;
    }

    /** Adds every element into the element of {@code target} that broadcasts to its position. */
    NaiveTensor sumToShape(int[] target) {
        NaiveTensor out = zeros(target);
        int off = shape.length - target.length;
        forEachIndex(shape, i -> {
            int[] t = new int[target.length];
            for (int k = 0; k < target.length; k++) {
                t[k] = target[k] == 1 ? 0 : i[k + off];
            }
            out.set(t, out.get(t) + get(i));
        });
        return out;
    }

    // ------------------------------------------------------------ reductions

    /**
     * Groups the elements by their position after reducing {@code axes} (all of them when null),
     * then folds each group with {@code fold}.
     */
    NaiveTensor reduce(boolean[] axes, boolean keepDims, ToDoubleFunction<List<Double>> fold) {
        int[] kept = shape.clone();
        List<Integer> outDims = new ArrayList<>();
        for (int i = 0; i < rank(); i++) {
            if (axes[i]) {
                kept[i] = 1;
                if (keepDims) {
                    outDims.add(1);
                }
            } else {
                outDims.add(shape[i]);
            }
        }
        List<List<Double>> groups = new ArrayList<>();
        for (int g = 0; g < size(kept); g++) {
            groups.add(new ArrayList<>());
        }
        forEachIndex(shape, i -> {
            int[] k = i.clone();
            for (int a = 0; a < rank(); a++) {
                if (axes[a]) {
                    k[a] = 0;
                }
            }
            groups.get(flat(kept, k)).add(get(i));
        });
        double[] out = new double[groups.size()];
        for (int g = 0; g < out.length; g++) {
            out[g] = fold.applyAsDouble(groups.get(g));
        }
        return new NaiveTensor(outDims.stream().mapToInt(Integer::intValue).toArray(), out);
    }

    static double sum(List<Double> v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }

    static double mean(List<Double> v) {
        return sum(v) / v.size();
    }

    static double max(List<Double> v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    static double min(List<Double> v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) {
            m = Math.min(m, x);
        }
        return m;
    }

    static double norm(List<Double> v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    /** Sum of squared deviations from the mean over {@code n - correction}. */
    static double variance(List<Double> v, int correction) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return s / (v.size() - correction);
    }

    /** Position of the first largest value. */
    static double argmax(List<Double> v) {
        int best = 0;
        for (int i = 1; i < v.size(); i++) {
            if (v.get(i) > v.get(best)) {
                best = i;
            }
        }
        return best;
    }

    // ------------------------------------------------------------ movement

    /** Result axis {@code i} is axis {@code perm[i]} of this tensor. */
    NaiveTensor permute(int[] perm) {
        int[] outShape = new int[rank()];
        for (int i = 0; i < rank(); i++) {
            outShape[i] = shape[perm[i]];
        }
        NaiveTensor out = zeros(outShape);
        forEachIndex(outShape, o -> {
            int[] in = new int[rank()];
            for (int i = 0; i < rank(); i++) {
                in[perm[i]] = o[i];
            }
            out.set(o, get(in));
        });
        return out;
    }

    NaiveTensor slice(int axis, int start, int end) {
        int[] outShape = shape.clone();
        outShape[axis] = end - start;
        NaiveTensor out = zeros(outShape);
        forEachIndex(outShape, o -> {
            int[] in = o.clone();
            in[axis] += start;
            out.set(o, get(in));
        });
        return out;
    }

    NaiveTensor pad(int[] before, int[] after, double value) {
        int[] outShape = shape.clone();
        for (int i = 0; i < rank(); i++) {
            outShape[i] += before[i] + after[i];
        }
        NaiveTensor out = zeros(outShape);
        forEachIndex(outShape, o -> {
            int[] in = new int[rank()];
            boolean inside = true;
            for (int i = 0; i < rank(); i++) {
                in[i] = o[i] - before[i];
                inside &= in[i] >= 0 && in[i] < shape[i];
            }
            out.set(o, inside ? get(in) : value);
        });
        return out;
    }

    static NaiveTensor concat(int axis, List<NaiveTensor> parts) {
        int[] outShape = parts.get(0).shape.clone();
        outShape[axis] = 0;
        for (NaiveTensor p : parts) {
            outShape[axis] += p.shape[axis];
        }
        NaiveTensor out = zeros(outShape);
        forEachIndex(outShape, o -> {
            int k = o[axis];
            for (NaiveTensor p : parts) {
                if (k < p.shape[axis]) {
                    int[] in = o.clone();
                    in[axis] = k;
                    out.set(o, p.get(in));
                    return;
                }
                k -= p.shape[axis];
            }
        });
        return out;
    }

    // ------------------------------------------------------------ products

    /** {@code op(a) @ op(b)} for 2-D or 3-D operands (a 2-D operand is shared across the batch). */
    static NaiveTensor matmul(NaiveTensor a, NaiveTensor b, boolean transA, boolean transB) {
        boolean batched = a.rank() == 3 || b.rank() == 3;
        int batch = a.rank() == 3 ? a.shape[0] : (b.rank() == 3 ? b.shape[0] : 1);
        int ar = a.rank() - 2;
        int br = b.rank() - 2;
        int m = transA ? a.shape[ar + 1] : a.shape[ar];
        int k = transA ? a.shape[ar] : a.shape[ar + 1];
        int n = transB ? b.shape[br] : b.shape[br + 1];
        NaiveTensor out = batched ? zeros(batch, m, n) : zeros(m, n);
        for (int t = 0; t < batch; t++) {
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int p = 0; p < k; p++) {
                        double av = a.matrixGet(t, transA ? p : i, transA ? i : p);
                        double bv = b.matrixGet(t, transB ? j : p, transB ? p : j);
                        s += av * bv;
                    }
                    if (batched) {
                        out.set(new int[] {t, i, j}, s);
                    } else {
                        out.set(new int[] {i, j}, s);
                    }
                }
            }
        }
        return out;
    }

    private double matrixGet(int batch, int row, int col) {
        return rank() == 3 ? get(batch, row, col) : get(row, col);
    }

    /**
     * Direct 2-D cross-correlation (what deep-learning libraries call convolution) of
     * {@code x: N x C x H x W} with {@code w: O x C x kh x kw}, zero padding outside the input.
     */
    static NaiveTensor conv2d(NaiveTensor x, NaiveTensor w, int strideH, int strideW, int padH, int padW,
                              int dilH, int dilW) {
        int n = x.shape[0];
        int c = x.shape[1];
        int h = x.shape[2];
        int wd = x.shape[3];
        int o = w.shape[0];
        int kh = w.shape[2];
        int kw = w.shape[3];
        // Count output positions directly instead of using the closed-form size formula.
        int oh = 0;
        while ((oh * strideH) + dilH * (kh - 1) < h + 2 * padH) {
            oh++;
        }
        int ow = 0;
        while ((ow * strideW) + dilW * (kw - 1) < wd + 2 * padW) {
            ow++;
        }
        NaiveTensor out = zeros(n, o, oh, ow);
        for (int b = 0; b < n; b++) {
            for (int oc = 0; oc < o; oc++) {
                for (int oy = 0; oy < oh; oy++) {
                    for (int ox = 0; ox < ow; ox++) {
                        double s = 0;
                        for (int ic = 0; ic < c; ic++) {
                            for (int i = 0; i < kh; i++) {
                                for (int j = 0; j < kw; j++) {
                                    int y = oy * strideH - padH + i * dilH;
                                    int xx = ox * strideW - padW + j * dilW;
                                    if (y >= 0 && y < h && xx >= 0 && xx < wd) {
                                        s += w.get(oc, ic, i, j) * x.get(b, ic, y, xx);
                                    }
                                }
                            }
                        }
                        out.set(new int[] {b, oc, oy, ox}, s);
                    }
                }
            }
        }
        return out;
    }

    static double dot(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalStateException("naive dot: " + a.length + " vs " + b.length);
        }
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double norm2(double[] a) {
        return Math.sqrt(dot(a, a));
    }
}
