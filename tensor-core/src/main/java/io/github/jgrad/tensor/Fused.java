package io.github.jgrad.tensor;

import java.util.Objects;

/**
 * One-pass kernels for optimizers and training loops, in the spirit of PyTorch's foreach ops
 * ({@code _foreach_addcmul_}, {@code _foreach_lerp_}, ...): each reads its operands once, and
 * the ones whose name ends in {@code InPlace} overwrite their first argument and return it.
 * Never call those on a tensor that takes part in a graph.
 *
 * <p>Operands have one shape and one dtype (no broadcasting); float32 tensors are computed in
 * float32 with the scalar arguments rounded to float32 first, float64 tensors in float64. None
 * of these kernels allocates on one thread. Tensors of at least {@link #PARALLEL_ELEMENTS}
 * elements are cut into contiguous slices that run on {@link Parallel#WORKERS} threads; every
 * element is computed by the same arithmetic on any slice, and the two reductions add fixed
 * blocks of {@link #BLOCK} elements in a fixed order, so every result is the same bits for any
 * number of threads.
 */
public final class Fused {
    /** Tensors with fewer elements than this run on the calling thread alone. */
    public static final int PARALLEL_ELEMENTS = 1 << 16;
    /** Elements per partial sum of the reductions: the order of additions never depends on the split. */
    static final int BLOCK = 1 << 12;

    private Fused() {
    }

    /**
     * {@code self += value * t1 * t2}, elementwise. In place.
     *
     * @return {@code self}
     * @throws IllegalArgumentException if the shapes or dtypes differ, or {@code value} is not finite
     */
    public static Tensor addcmulInPlace(Tensor self, Tensor t1, Tensor t2, double value) {
        check("addcmulInPlace", self, t1, t2);
        Elementwise.checkFinite("addcmulInPlace", "value", value);
        int n = self.size();
        int parts = parts(n);
        if (self.storage instanceof Storage.F32 s) {
            float[] p = s.values;
            float[] a = t1.floats();
            float[] b = t2.floats();
            float v = (float) value;
            if (parts == 1) {
                addcmul(p, a, b, v, 0, n);
            } else {
                Parallel.forSlices(n, parts, (from, to) -> addcmul(p, a, b, v, from, to));
            }
        } else {
            double[] p = self.doubles();
            double[] a = t1.doubles();
            double[] b = t2.doubles();
            if (parts == 1) {
                addcmul(p, a, b, value, 0, n);
            } else {
                Parallel.forSlices(n, parts, (from, to) -> addcmul(p, a, b, value, from, to));
            }
        }
        return self;
    }

    private static void addcmul(float[] p, float[] a, float[] b, float v, int from, int to) {
        for (int i = from; i < to; i++) {
            p[i] += v * a[i] * b[i];
        }
    }

    private static void addcmul(double[] p, double[] a, double[] b, double v, int from, int to) {
        for (int i = from; i < to; i++) {
            p[i] += v * a[i] * b[i];
        }
    }

    /**
     * {@code self += value * t1 / t2}, elementwise (a zero in {@code t2} gives an infinity or
     * NaN, as division does). In place.
     *
     * @return {@code self}
     * @throws IllegalArgumentException if the shapes or dtypes differ, or {@code value} is not finite
     */
    public static Tensor addcdivInPlace(Tensor self, Tensor t1, Tensor t2, double value) {
        check("addcdivInPlace", self, t1, t2);
        Elementwise.checkFinite("addcdivInPlace", "value", value);
        int n = self.size();
        int parts = parts(n);
        if (self.storage instanceof Storage.F32 s) {
            float[] p = s.values;
            float[] a = t1.floats();
            float[] b = t2.floats();
            float v = (float) value;
            if (parts == 1) {
                addcdiv(p, a, b, v, 0, n);
            } else {
                Parallel.forSlices(n, parts, (from, to) -> addcdiv(p, a, b, v, from, to));
            }
        } else {
            double[] p = self.doubles();
            double[] a = t1.doubles();
            double[] b = t2.doubles();
            if (parts == 1) {
                addcdiv(p, a, b, value, 0, n);
            } else {
                Parallel.forSlices(n, parts, (from, to) -> addcdiv(p, a, b, value, from, to));
            }
        }
        return self;
    }

    private static void addcdiv(float[] p, float[] a, float[] b, float v, int from, int to) {
        for (int i = from; i < to; i++) {
            p[i] += v * (a[i] / b[i]);
        }
    }

    private static void addcdiv(double[] p, double[] a, double[] b, double v, int from, int to) {
        for (int i = from; i < to; i++) {
            p[i] += v * (a[i] / b[i]);
        }
    }

    /**
     * Linear interpolation towards {@code end}: {@code self += weight * (end - self)},
     * elementwise. As in PyTorch, a weight of magnitude 0.5 or more is computed as
     * {@code end - (end - self) * (1 - weight)}, so that weight 1 gives exactly {@code end}. In place.
     *
     * @return {@code self}
     * @throws IllegalArgumentException if the shapes or dtypes differ, or {@code weight} is not finite
     */
    public static Tensor lerpInPlace(Tensor self, Tensor end, double weight) {
        check("lerpInPlace", self, end, end);
        Elementwise.checkFinite("lerpInPlace", "weight", weight);
        int n = self.size();
        int parts = parts(n);
        boolean fromEnd = Math.abs(weight) >= 0.5;
        if (self.storage instanceof Storage.F32 s) {
            float[] p = s.values;
            float[] e = end.floats();
            float w = (float) (fromEnd ? 1 - weight : weight);
            if (parts == 1) {
                lerp(p, e, w, fromEnd, 0, n);
            } else {
                Parallel.forSlices(n, parts, (from, to) -> lerp(p, e, w, fromEnd, from, to));
            }
        } else {
            double[] p = self.doubles();
            double[] e = end.doubles();
            double w = fromEnd ? 1 - weight : weight;
            if (parts == 1) {
                lerp(p, e, w, fromEnd, 0, n);
            } else {
                Parallel.forSlices(n, parts, (from, to) -> lerp(p, e, w, fromEnd, from, to));
            }
        }
        return self;
    }

    /** {@code p += w (e - p)}, or {@code p = e - (e - p) w} with {@code w = 1 - weight} when {@code fromEnd}. */
    private static void lerp(float[] p, float[] e, float w, boolean fromEnd, int from, int to) {
        if (fromEnd) {
            for (int i = from; i < to; i++) {
                p[i] = e[i] - (e[i] - p[i]) * w;
            }
        } else {
            for (int i = from; i < to; i++) {
                p[i] = p[i] + w * (e[i] - p[i]);
            }
        }
    }

    private static void lerp(double[] p, double[] e, double w, boolean fromEnd, int from, int to) {
        if (fromEnd) {
            for (int i = from; i < to; i++) {
                p[i] = e[i] - (e[i] - p[i]) * w;
            }
        } else {
            for (int i = from; i < to; i++) {
                p[i] = p[i] + w * (e[i] - p[i]);
            }
        }
    }

    /**
     * Clamps every element of {@code self} to {@code [lo, hi]} (a NaN stays NaN). In place.
     *
     * @return {@code self}
     * @throws IllegalArgumentException unless {@code lo <= hi}
     */
    public static Tensor clampInPlace(Tensor self, double lo, double hi) {
        Objects.requireNonNull(self, "self");
        if (Double.isNaN(lo) || Double.isNaN(hi) || lo > hi) {
            throw new IllegalArgumentException("clampInPlace: need lo <= hi, got [" + lo + ", " + hi + "]");
        }
        int n = self.size();
        int parts = parts(n);
        if (self.storage instanceof Storage.F32 s) {
            float[] p = s.values;
            float l = (float) lo;
            float h = (float) hi;
            if (parts == 1) {
                clamp(p, l, h, 0, n);
            } else {
                Parallel.forSlices(n, parts, (from, to) -> clamp(p, l, h, from, to));
            }
        } else {
            double[] p = self.doubles();
            if (parts == 1) {
                clamp(p, lo, hi, 0, n);
            } else {
                Parallel.forSlices(n, parts, (from, to) -> clamp(p, lo, hi, from, to));
            }
        }
        return self;
    }

    private static void clamp(float[] p, float lo, float hi, int from, int to) {
        for (int i = from; i < to; i++) {
            p[i] = Math.min(Math.max(p[i], lo), hi);
        }
    }

    private static void clamp(double[] p, double lo, double hi, int from, int to) {
        for (int i = from; i < to; i++) {
            p[i] = Math.min(Math.max(p[i], lo), hi);
        }
    }

    /**
     * {@code self += alpha * other}, elementwise. In place.
     *
     * @return {@code self}
     * @throws IllegalArgumentException if the shapes or dtypes differ, or {@code alpha} is not finite
     */
    public static Tensor addScaledInPlace(Tensor self, Tensor other, double alpha) {
        check("addScaledInPlace", self, other, other);
        Elementwise.checkFinite("addScaledInPlace", "alpha", alpha);
        int n = self.size();
        int parts = parts(n);
        if (self.storage instanceof Storage.F32 s) {
            float[] p = s.values;
            float[] o = other.floats();
            float a = (float) alpha;
            if (parts == 1) {
                addScaled(p, o, a, 0, n);
            } else {
                Parallel.forSlices(n, parts, (from, to) -> addScaled(p, o, a, from, to));
            }
        } else {
            double[] p = self.doubles();
            double[] o = other.doubles();
            if (parts == 1) {
                addScaled(p, o, alpha, 0, n);
            } else {
                Parallel.forSlices(n, parts, (from, to) -> addScaled(p, o, alpha, from, to));
            }
        }
        return self;
    }

    private static void addScaled(float[] p, float[] o, float a, int from, int to) {
        for (int i = from; i < to; i++) {
            p[i] += a * o[i];
        }
    }

    private static void addScaled(double[] p, double[] o, double a, int from, int to) {
        for (int i = from; i < to; i++) {
            p[i] += a * o[i];
        }
    }

    /**
     * The sum of the squares of all elements, accumulated in double (so no float32 square
     * overflows it): the squared Euclidean norm. It is finite exactly when every element is
     * finite and the sum does not overflow a double, which makes it a gradient-norm and a
     * finiteness check in one pass.
     */
    public static double sumOfSquares(Tensor x) {
        Objects.requireNonNull(x, "x");
        return blockSum(x, true);
    }

    /** True if no element is NaN or infinite (true for an empty tensor). */
    public static boolean allFinite(Tensor x) {
        Objects.requireNonNull(x, "x");
        // x * 0 is 0 for a finite x and NaN for an infinity or NaN, so the sum is NaN exactly when
        // some element is not finite; a loop with no branch is one the JIT vectorises.
        return !Double.isNaN(blockSum(x, false));
    }

    /**
     * How many elements have magnitude exactly {@code bound} rounded to the tensor's dtype: after
     * {@link #clampInPlace clampInPlace(x, -bound, bound)}, the elements the clamp holds at a bound.
     */
    public static long countAtBound(Tensor x, double bound) {
        Objects.requireNonNull(x, "x");
        int n = x.size();
        int parts = parts(n);
        if (parts == 1) {
            return countAtBound(x.storage, bound, 0, n);
        }
        long[] counts = new long[parts];
        Parallel.run(parts, p -> counts[p] = countAtBound(x.storage, bound, (int) ((long) n * p / parts),
                (int) ((long) n * (p + 1) / parts)));
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        return total;
    }

    private static long countAtBound(Storage storage, double bound, int from, int to) {
        long count = 0;
        if (storage instanceof Storage.F32 s) {
            float[] a = s.values;
            float b = (float) bound;
            for (int i = from; i < to; i++) {
                count += Math.abs(a[i]) == b ? 1 : 0;
            }
        } else {
            double[] a = ((Storage.F64) storage).values;
            for (int i = from; i < to; i++) {
                count += Math.abs(a[i]) == bound ? 1 : 0;
            }
        }
        return count;
    }

    /** The sum of {@code x[i]^2} (squares) or of {@code x[i] * 0} (not), block by block. */
    private static double blockSum(Tensor x, boolean squares) {
        int n = x.size();
        int blocks = (n + BLOCK - 1) / BLOCK;
        if (blocks <= 1) {
            return block(x.storage, 0, n, squares);
        }
        int parts = parts(n);
        if (parts == 1) {
            double total = 0;
            for (int b = 0; b < blocks; b++) {
                total += block(x.storage, b * BLOCK, Math.min(n, (b + 1) * BLOCK), squares);
            }
            return total;
        }
        double[] partial = new double[blocks];
        Parallel.forSlices(blocks, Math.min(parts, blocks), (from, to) -> {
            for (int b = from; b < to; b++) {
                partial[b] = block(x.storage, b * BLOCK, Math.min(n, (b + 1) * BLOCK), squares);
            }
        });
        double total = 0;
        for (double p : partial) {
            total += p;
        }
        return total;
    }

    /**
     * Elements {@code [from, to)} summed, squared or times 0, in four interleaved partial sums so
     * that the additions do not wait on one another.
     */
    private static double block(Storage storage, int from, int to, boolean squares) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = from;
        if (storage instanceof Storage.F32 s) {
            float[] a = s.values;
            if (squares) {
                for (; i + 3 < to; i += 4) {
                    s0 += (double) a[i] * a[i];
                    s1 += (double) a[i + 1] * a[i + 1];
                    s2 += (double) a[i + 2] * a[i + 2];
                    s3 += (double) a[i + 3] * a[i + 3];
                }
                for (; i < to; i++) {
                    s0 += (double) a[i] * a[i];
                }
            } else {
                float f0 = 0;
                for (; i < to; i++) {
                    f0 += a[i] * 0f;
                }
                s0 = f0;
            }
        } else {
            double[] a = ((Storage.F64) storage).values;
            if (squares) {
                for (; i + 3 < to; i += 4) {
                    s0 += a[i] * a[i];
                    s1 += a[i + 1] * a[i + 1];
                    s2 += a[i + 2] * a[i + 2];
                    s3 += a[i + 3] * a[i + 3];
                }
                for (; i < to; i++) {
                    s0 += a[i] * a[i];
                }
            } else {
                for (; i < to; i++) {
                    s0 += a[i] * 0.0;
                }
            }
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** How many slices a job over {@code n} elements is cut into: 1 below {@link #PARALLEL_ELEMENTS}. */
    static int parts(int n) {
        return n < PARALLEL_ELEMENTS ? 1 : Parallel.parts(n, n);
    }

    /** Checks that the three tensors are non-null and share one shape and dtype. */
    static void check(String op, Tensor self, Tensor a, Tensor b) {
        // Not requireNonNull(x, op + ...): that would build the message on every call of a hot kernel.
        if (self == null || a == null || b == null) {
            throw new NullPointerException(op + ": " + (self == null ? "self" : "operand") + " is null");
        }
        if (self.dtype != a.dtype || self.dtype != b.dtype) {
            throw new IllegalArgumentException(op + ": dtypes differ: " + self.dtype + ", " + a.dtype + ", " + b.dtype);
        }
        if (!self.shape.equals(a.shape) || !self.shape.equals(b.shape)) {
            throw new IllegalArgumentException(op + ": shapes differ: " + self.shape + ", " + a.shape + ", " + b.shape);
        }
    }
}
