package io.github.jgrad.tensor;

import java.util.Arrays;

/**
 * Reductions over any set of axes, with or without keeping the reduced axes as size 1.
 * {@code axes == null} means all axes. Sums accumulate in double precision.
 */
public final class Reductions {
    private Reductions() {
    }

    /** Which axes are reduced, and the shapes before and after. */
    static final class Plan {
        final Tensor x;
        final boolean[] reduced;
        final Shape kept;   // reduced axes as size 1
        final Shape out;    // the caller's requested shape
        final int count;    // elements folded into each output

        Plan(String op, Tensor x, int[] axes, boolean keepDims) {
            this.x = x;
            int r = x.rank();
            reduced = new boolean[r];
            if (axes == null) {
                Arrays.fill(reduced, true);
            } else {
                for (int a : axes) {
                    int n = x.shape.normalizeAxis(a, op);
                    if (reduced[n]) {
                        throw new IllegalArgumentException(op + ": axis " + a + " repeated in " + Arrays.toString(axes));
                    }
                    reduced[n] = true;
                }
            }
            int[] k = x.shape.toArray();
            int c = 1;
            int outRank = 0;
            for (int i = 0; i < r; i++) {
                if (reduced[i]) {
                    c *= k[i];
                    k[i] = 1;
                } else {
                    outRank++;
                }
            }
            count = c;
            kept = Shape.of(k);
            if (keepDims) {
                out = kept;
            } else {
                int[] o = new int[outRank];
                int j = 0;
                for (int i = 0; i < r; i++) {
                    if (!reduced[i]) {
                        o[j++] = x.shape.dim(i);
                    }
                }
                out = Shape.of(o);
            }
        }

        /** Folds every input element into {@code acc[outputIndex]} with {@code fold}. */
        double[] accumulate(double init, Fold fold) {
            double[] acc = new double[kept.size()];
            Arrays.fill(acc, init);
            StridedWalk w = walkOnto(x, kept);
            int len = w.rowLength;
            int os = w.innerStrides[1];
            if (x.storage instanceof Storage.F32 s) {
                float[] a = s.values;
                for (int r = 0; r < w.rows; r++, w.next()) {
                    int in = w.offsets[0];
                    int o = w.offsets[1];
                    for (int j = 0; j < len; j++) {
                        acc[o + j * os] = fold.apply(acc[o + j * os], a[in + j]);
                    }
                }
            } else {
                double[] a = x.doubles();
                for (int r = 0; r < w.rows; r++, w.next()) {
                    int in = w.offsets[0];
                    int o = w.offsets[1];
                    for (int j = 0; j < len; j++) {
                        acc[o + j * os] = fold.apply(acc[o + j * os], a[in + j]);
                    }
                }
            }
            return acc;
        }

        /** The sum of the input elements that fold into each output, in double ({@link #sumsOver}). */
        double[] sums() {
            return sumsOver(x, kept);
        }

        Tensor result(double[] acc) {
            Tensor t = x.newZeros(out);
            for (int i = 0; i < acc.length; i++) {
                t.setDouble(i, acc[i]);
            }
            return t;
        }
    }

    /**
     * Sums {@code x} over the axes that {@code target} (which must broadcast to x's shape)
     * broadcasts, in double: element {@code i} of the result, in {@code target}'s row-major order,
     * is the sum of the elements of {@code x} that broadcasting would have copied from it. This
     * serves {@link #sum}, {@link #mean} and {@link Broadcast#sumToShape}. It walks {@code x}
     * without a per-element fold call; a row that folds into one output is summed in four
     * independent partial sums ({@link #rowSum}) instead of one chain of dependent additions.
     */
    static double[] sumsOver(Tensor x, Shape target) {
        double[] acc = new double[target.size()];
        StridedWalk w = walkOnto(x, target);
        int[] block = keptBlock(w);
        if (block != null) {
            sumBlocks(x, acc, block[0], block[1], block[2]);
            return acc;
        }
        int len = w.rowLength;
        int os = w.innerStrides[1];
        if (x.storage instanceof Storage.F32 s) {
            float[] a = s.values;
            for (int r = 0; r < w.rows; r++, w.next()) {
                int in = w.offsets[0];
                int o = w.offsets[1];
                if (os == 0) {
                    acc[o] += rowSum(a, in, len);
                } else if (os == 1) {
                    // Rows that land on consecutive outputs: a unit-stride loop the JIT can vectorise.
                    for (int j = 0; j < len; j++) {
                        acc[o + j] += a[in + j];
                    }
                } else {
                    for (int j = 0; j < len; j++) {
                        acc[o + j * os] += a[in + j];
                    }
                }
            }
        } else {
            double[] a = x.doubles();
            for (int r = 0; r < w.rows; r++, w.next()) {
                int in = w.offsets[0];
                int o = w.offsets[1];
                if (os == 0) {
                    acc[o] += rowSum(a, in, len);
                } else {
                    for (int j = 0; j < len; j++) {
                        acc[o + j * os] += a[in + j];
                    }
                }
            }
        }
        return acc;
    }

    /**
     * {@code [outer, kept, inner]} when the walk sums x onto the target over the axes on either
     * side of one run of kept axes, as a bias gradient does ([N, F] onto [F], [N, C, H, W] onto
     * [1, C, 1, 1]); null for any other pattern, including a sum to one number.
     */
    private static int[] keptBlock(StridedWalk w) {
        int[] dims = w.mergedDims();
        int[] target = w.mergedStrides(1);
        int first = -1;
        for (int i = 0; i < dims.length; i++) {
            if (target[i] != 0) {
                if (first >= 0) {
                    return null;
                }
                first = i;
            }
        }
        if (first < 0 || target[first] != 1) {
            return null;
        }
        int outer = 1;
        for (int i = 0; i < first; i++) {
            outer *= dims[i];
        }
        int inner = 1;
        for (int i = first + 1; i < dims.length; i++) {
            inner *= dims[i];
        }
        return new int[] {outer, dims[first], inner};
    }

    /**
     * Sums x, viewed as {@code [outer][kept][inner]}, into {@code acc[kept]}. Slices of the kept
     * outputs go to different threads; each output adds the same terms in the same order as the
     * serial walk (outer by outer, an inner row by {@link #rowSum}), so the sums are bit-identical
     * for any number of threads.
     */
    private static void sumBlocks(Tensor x, double[] acc, int outer, int kept, int inner) {
        int parts = Parallel.parts(kept, (long) outer * kept * inner);
        if (x.storage instanceof Storage.F32 s) {
            float[] a = s.values;
            Parallel.forSlices(kept, parts, (from, to) -> {
                for (int o = 0; o < outer; o++) {
                    int base = o * kept * inner;
                    if (inner == 1) {
                        for (int j = from; j < to; j++) {
                            acc[j] += a[base + j];
                        }
                    } else {
                        for (int j = from; j < to; j++) {
                            acc[j] += rowSum(a, base + j * inner, inner);
                        }
                    }
                }
            });
        } else {
            double[] a = x.doubles();
            Parallel.forSlices(kept, parts, (from, to) -> {
                for (int o = 0; o < outer; o++) {
                    int base = o * kept * inner;
                    if (inner == 1) {
                        for (int j = from; j < to; j++) {
                            acc[j] += a[base + j];
                        }
                    } else {
                        for (int j = from; j < to; j++) {
                            acc[j] += rowSum(a, base + j * inner, inner);
                        }
                    }
                }
            });
        }
    }

    /**
     * A walk over {@code x} in rows, with the offset (operand 1) in {@code target}, which
     * broadcasts to x's shape, of the output each element folds into.
     */
    private static StridedWalk walkOnto(Tensor x, Shape target) {
        return new StridedWalk(x.shape.toArray(), x.shape.strides(), StridedWalk.broadcastStrides(target, x.shape));
    }

    /**
     * The sum of {@code len} elements from {@code from}, in double, in four interleaved partial
     * sums so that the additions do not wait on one another.
     */
    static double rowSum(float[] a, int from, int len) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j + 3 < len; j += 4) {
            s0 += a[from + j];
            s1 += a[from + j + 1];
            s2 += a[from + j + 2];
            s3 += a[from + j + 3];
        }
        for (; j < len; j++) {
            s0 += a[from + j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** {@link #rowSum(float[], int, int)} of a double row. */
    static double rowSum(double[] a, int from, int len) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j + 3 < len; j += 4) {
            s0 += a[from + j];
            s1 += a[from + j + 1];
            s2 += a[from + j + 2];
            s3 += a[from + j + 3];
        }
        for (; j < len; j++) {
            s0 += a[from + j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Combines an accumulator with one element. */
    @FunctionalInterface
    interface Fold {
        double apply(double acc, double v);
    }

    /** Sum over {@code axes}. */
    public static Tensor sum(Tensor x, int[] axes, boolean keepDims) {
        Plan p = new Plan("sum", x, axes, keepDims);
        return p.result(p.sums());
    }

    /** Mean over {@code axes} (NaN over an empty axis). */
    public static Tensor mean(Tensor x, int[] axes, boolean keepDims) {
        Plan p = new Plan("mean", x, axes, keepDims);
        double[] acc = p.sums();
        for (int i = 0; i < acc.length; i++) {
            acc[i] /= p.count;
        }
        return p.result(acc);
    }

    /** Maximum over {@code axes}; NaN if any element is NaN. */
    public static Tensor max(Tensor x, int[] axes, boolean keepDims) {
        Plan p = nonEmpty("max", x, axes, keepDims);
        return p.result(p.accumulate(Double.NEGATIVE_INFINITY, Math::max));
    }

    /** Minimum over {@code axes}; NaN if any element is NaN. */
    public static Tensor min(Tensor x, int[] axes, boolean keepDims) {
        Plan p = nonEmpty("min", x, axes, keepDims);
        return p.result(p.accumulate(Double.POSITIVE_INFINITY, Math::min));
    }

    /** Euclidean norm over {@code axes}. */
    public static Tensor norm(Tensor x, int[] axes, boolean keepDims) {
        Plan p = new Plan("norm", x, axes, keepDims);
        double[] acc = p.accumulate(0, (a, v) -> a + v * v);
        for (int i = 0; i < acc.length; i++) {
            acc[i] = Math.sqrt(acc[i]);
        }
        return p.result(acc);
    }

    /**
     * Variance over {@code axes}: mean squared deviation times {@code n / (n - correction)}
     * (correction 0 is the population variance, 1 the unbiased sample variance).
     */
    public static Tensor variance(Tensor x, int[] axes, int correction, boolean keepDims) {
        Plan p = new Plan("variance", x, axes, keepDims);
        if (correction < 0) {
            throw new IllegalArgumentException("variance: correction must be >= 0, got " + correction);
        }
        Tensor mean = mean(x, axes, true).to(DType.F64);
        Tensor dev = x.to(DType.F64).sub(mean);
        Plan q = new Plan("variance", dev, axes, keepDims);
        double[] acc = q.accumulate(0, (a, v) -> a + v * v);
        for (int i = 0; i < acc.length; i++) {
            acc[i] /= (p.count - correction);
        }
        return p.result(acc);
    }

    /**
     * Index of the first maximum along {@code axis}, stored as values of {@code x}'s dtype. A NaN
     * counts as the maximum, as in {@link #max} and NumPy.
     */
    public static Tensor argmax(Tensor x, int axis, boolean keepDims) {
        int a = x.shape.normalizeAxis(axis, "argmax");
        Plan p = nonEmpty("argmax", x, new int[] {axis}, keepDims);
        int n = x.shape.dim(a);
        int inner = 1;
        for (int i = a + 1; i < x.rank(); i++) {
            inner *= x.shape.dim(i);
        }
        // A product of the leading sizes, not size / (n * inner): that divides by zero when a
        // later axis is empty.
        int outer = 1;
        for (int i = 0; i < a; i++) {
            outer *= x.shape.dim(i);
        }
        Tensor out = x.newZeros(p.out);
        for (int o = 0; o < outer; o++) {
            for (int in = 0; in < inner; in++) {
                int best = 0;
                double bestV = x.getDouble(o * n * inner + in);
                for (int k = 1; k < n; k++) {
                    double v = x.getDouble((o * n + k) * inner + in);
                    if (v > bestV || (Double.isNaN(v) && !Double.isNaN(bestV))) {
                        best = k;
                        bestV = v;
                    }
                }
                out.setDouble(o * inner + in, best);
            }
        }
        return out;
    }

    private static Plan nonEmpty(String op, Tensor x, int[] axes, boolean keepDims) {
        Plan p = new Plan(op, x, axes, keepDims);
        if (p.count == 0) {
            throw new IllegalArgumentException(op + ": reduction over an empty axis of shape " + x.shape);
        }
        return p;
    }
}
