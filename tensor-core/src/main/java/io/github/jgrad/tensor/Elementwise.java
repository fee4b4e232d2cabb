package io.github.jgrad.tensor;

import java.util.Objects;

/**
 * Elementwise kernels that write into a caller-given output and allocate nothing. The output
 * may alias an input of the same shape (the kernels read each element before writing it).
 */
public final class Elementwise {
    private Elementwise() {
    }

    static void checkSame(String op, Tensor a, Tensor b) {
        // Not requireNonNull(a, op + ...), which would build the message on every call.
        if (a == null || b == null) {
            throw new NullPointerException(op + ": " + (a == null ? "input" : "out"));
        }
        if (a.dtype != b.dtype) {
            throw new IllegalArgumentException(op + ": dtype mismatch " + a.dtype + " vs " + b.dtype);
        }
        if (!a.shape.equals(b.shape)) {
            throw new IllegalArgumentException(op + ": shape mismatch " + a.shape + " vs " + b.shape);
        }
    }

    /** {@code out[i] = op(x[i])}; {@code out} has {@code x}'s shape and dtype. */
    public static Tensor unary(UnaryOp op, Tensor x, Tensor out) {
        Objects.requireNonNull(op, "op");
        checkSame(op.label(), x, out);
        int n = x.size();
        if (x.storage instanceof Storage.F32) {
            float[] a = x.floats();
            float[] o = out.floats();
            slices(n, (from, to) -> unary(op, a, o, from, to));
        } else {
            double[] a = x.doubles();
            double[] o = out.doubles();
            for (int i = 0; i < n; i++) {
                o[i] = op.apply(a[i]);
            }
        }
        return out;
    }

    /**
     * Runs {@code body} over {@code [0, n)}: in one piece on the calling thread, or in slices on
     * jgrad's thread budget when {@code n} is large enough to pay for waking a worker. Each
     * element is computed by the same expression either way, so the result is the same bits.
     */
    private static void slices(int n, Parallel.SliceBody body) {
        int parts = Parallel.parts(n, n);
        if (parts == 1) {
            body.run(0, n);
        } else {
            Parallel.forSlices(n, parts, body);
        }
    }

    private static void unary(UnaryOp op, float[] a, float[] o, int from, int to) {
        switch (op) {
            case NEG: for (int i = from; i < to; i++) { o[i] = -a[i]; } break;
            case RELU: for (int i = from; i < to; i++) { o[i] = Math.max(a[i], 0f); } break;
            case STEP: for (int i = from; i < to; i++) { o[i] = a[i] > 0 ? 1f : 0f; } break;
            case SQUARE: for (int i = from; i < to; i++) { o[i] = a[i] * a[i]; } break;
            case ABS: for (int i = from; i < to; i++) { o[i] = Math.abs(a[i]); } break;
            default: for (int i = from; i < to; i++) { o[i] = (float) op.apply(a[i]); }
        }
    }

    /** {@code out[i] = x[i] > 0 ? x[i] : slope * x[i]}. */
    public static Tensor leakyRelu(Tensor x, double slope, Tensor out) {
        checkSame("leakyRelu", x, out);
        checkFinite("leakyRelu", "slope", slope);
        int n = x.size();
        if (x.storage instanceof Storage.F32) {
            float s = (float) slope;
            float[] a = x.floats();
            float[] o = out.floats();
            slices(n, (from, to) -> {
                for (int i = from; i < to; i++) {
                    float v = a[i];
                    o[i] = v * slopeFactor(v, s);
                }
            });
        } else {
            double[] a = x.doubles();
            double[] o = out.doubles();
            for (int i = 0; i < n; i++) {
                double v = a[i];
                o[i] = v > 0 ? v : slope * v;
            }
        }
        return out;
    }

    /**
     * The gradient of a leaky ReLU in one pass: {@code out[i] = x[i] > 0 ? g[i] : slope * g[i]}
     * (slope 0 for ReLU), instead of building a mask and multiplying by it.
     */
    public static Tensor leakyReluBackward(Tensor g, Tensor x, double slope, Tensor out) {
        Objects.requireNonNull(g, "g");
        Objects.requireNonNull(x, "x");
        checkSame("leakyReluBackward", g, x);
        checkSame("leakyReluBackward", g, out);
        int n = g.size();
        if (g.storage instanceof Storage.F32) {
            float[] gv = g.floats();
            float[] xv = x.floats();
            float[] o = out.floats();
            float s = (float) slope;
            slices(n, (from, to) -> {
                for (int i = from; i < to; i++) {
                    o[i] = gv[i] * slopeFactor(xv[i], s);
                }
            });
        } else {
            double[] gv = g.doubles();
            double[] xv = x.doubles();
            double[] o = out.doubles();
            for (int i = 0; i < n; i++) {
                o[i] = xv[i] > 0 ? gv[i] : slope * gv[i];
            }
        }
        return out;
    }

    /**
     * 1 where {@code x > 0}, {@code slope} where {@code x <= 0} (NaN for NaN), without a branch so
     * that loops over random signs vectorise. The product overflows to +inf for every positive
     * float, even the smallest subnormal, so {@code step} is exactly 1 or 0, and the factor is
     * exactly 1 or {@code slope}.
     */
    private static float slopeFactor(float x, float slope) {
        float step = Math.min(1f, Math.max(0f, x * 0x1p127f * 0x1p127f));
        return step + (1f - step) * slope;
    }

    /** {@code out[i] = min(max(x[i], lo), hi)}. */
    public static Tensor clamp(Tensor x, double lo, double hi, Tensor out) {
        checkSame("clamp", x, out);
        if (Double.isNaN(lo) || Double.isNaN(hi) || lo > hi) {
            throw new IllegalArgumentException("clamp: need lo <= hi, got [" + lo + ", " + hi + "]");
        }
        int n = x.size();
        if (x.storage instanceof Storage.F32) {
            float[] a = x.floats();
            float[] o = out.floats();
            float l = (float) lo;
            float h = (float) hi;
            slices(n, (from, to) -> {
                for (int i = from; i < to; i++) {
                    o[i] = Math.min(Math.max(a[i], l), h); // NaN stays NaN
                }
            });
        } else {
            double[] a = x.doubles();
            double[] o = out.doubles();
            for (int i = 0; i < n; i++) {
                o[i] = Math.min(Math.max(a[i], lo), hi);
            }
        }
        return out;
    }

    /** {@code out[i] = op(x[i], c)}, with {@code c} first rounded to {@code x}'s dtype. */
    public static Tensor binaryScalar(BinaryOp op, Tensor x, double c, Tensor out) {
        Objects.requireNonNull(op, "op");
        checkSame(op.label(), x, out);
        int n = x.size();
        if (x.storage instanceof Storage.F32) {
            float[] a = x.floats();
            float[] o = out.floats();
            // Every branch uses the scalar rounded to float32, as a scalar tensor would hold it:
            // otherwise x.zip(EQ, 0.1) and x.zip(EQ, Tensor.scalar(0.1)) would disagree.
            float cf = (float) c;
            slices(n, (from, to) -> scalarRange(op, a, cf, o, from, to));
        } else {
            double[] a = x.doubles();
            double[] o = out.doubles();
            for (int i = 0; i < n; i++) {
                o[i] = op.apply(a[i], c);
            }
        }
        return out;
    }

    private static void scalarRange(BinaryOp op, float[] a, float cf, float[] o, int from, int to) {
        switch (op) {
            case ADD: for (int i = from; i < to; i++) { o[i] = a[i] + cf; } break;
            case SUB: for (int i = from; i < to; i++) { o[i] = a[i] - cf; } break;
            case MUL: for (int i = from; i < to; i++) { o[i] = a[i] * cf; } break;
            case DIV: for (int i = from; i < to; i++) { o[i] = a[i] / cf; } break;
            default: for (int i = from; i < to; i++) { o[i] = (float) op.apply(a[i], cf); }
        }
    }

    static void scalarInPlace(Tensor x, BinaryOp op, double c) {
        binaryScalar(op, x, c, x);
    }

    /**
     * {@code out = op(a, b)} with NumPy broadcasting; {@code out} must have the broadcast shape
     * and the operands' dtype.
     */
    public static Tensor binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        Objects.requireNonNull(out, "out");
        String name = op.label();
        if (a.dtype != b.dtype) {
            throw new IllegalArgumentException(name + ": dtype mismatch " + a.dtype + " vs " + b.dtype);
        }
        Shape s = Shape.broadcast(name, a.shape, b.shape);
        if (!s.equals(out.shape) || out.dtype != a.dtype) {
            throw new IllegalArgumentException(name + ": output " + out.shape + " " + out.dtype
                    + " does not match broadcast " + s + " " + a.dtype);
        }
        if (a.shape.equals(b.shape)) {
            sameShape(op, a, b, out);
            return out;
        }
        StridedWalk w = new StridedWalk(s.toArray(), StridedWalk.broadcastStrides(a.shape, s),
                StridedWalk.broadcastStrides(b.shape, s));
        int len = w.rowLength;
        int ia = w.innerStrides[0];
        int ib = w.innerStrides[1];
        int base = 0;
        if (a.storage instanceof Storage.F32 as) {
            float[] x = as.values;
            float[] y = b.floats();
            float[] o = out.floats();
            for (int r = 0; r < w.rows; r++, base += len, w.next()) {
                floatRow(op, x, w.offsets[0], ia, y, w.offsets[1], ib, o, base, len);
            }
        } else {
            double[] x = a.doubles();
            double[] y = b.doubles();
            double[] o = out.doubles();
            for (int r = 0; r < w.rows; r++, base += len, w.next()) {
                int oa = w.offsets[0];
                int ob = w.offsets[1];
                for (int j = 0; j < len; j++) {
                    o[base + j] = op.apply(x[oa + j * ia], y[ob + j * ib]);
                }
            }
        }
        return out;
    }

    /**
     * One row of a broadcast float32 operation. The common layouts (both operands contiguous,
     * or one of them constant along the row, as a bias is) get plain loops the JIT vectorises.
     */
    private static void floatRow(BinaryOp op, float[] x, int ox, int sx, float[] y, int oy, int sy,
                                 float[] o, int base, int len) {
        if (sx == 1 && sy == 0) {
            float c = y[oy];
            switch (op) {
                case ADD: for (int j = 0; j < len; j++) { o[base + j] = x[ox + j] + c; } return;
                case SUB: for (int j = 0; j < len; j++) { o[base + j] = x[ox + j] - c; } return;
                case MUL: for (int j = 0; j < len; j++) { o[base + j] = x[ox + j] * c; } return;
                case DIV: for (int j = 0; j < len; j++) { o[base + j] = x[ox + j] / c; } return;
                default: break;
            }
        } else if (sx == 0 && sy == 1) {
            float c = x[ox];
            switch (op) {
                case ADD: for (int j = 0; j < len; j++) { o[base + j] = c + y[oy + j]; } return;
                case SUB: for (int j = 0; j < len; j++) { o[base + j] = c - y[oy + j]; } return;
                case MUL: for (int j = 0; j < len; j++) { o[base + j] = c * y[oy + j]; } return;
                case DIV: for (int j = 0; j < len; j++) { o[base + j] = c / y[oy + j]; } return;
                default: break;
            }
        } else if (sx == 1 && sy == 1) {
            switch (op) {
                case ADD: for (int j = 0; j < len; j++) { o[base + j] = x[ox + j] + y[oy + j]; } return;
                case SUB: for (int j = 0; j < len; j++) { o[base + j] = x[ox + j] - y[oy + j]; } return;
                case MUL: for (int j = 0; j < len; j++) { o[base + j] = x[ox + j] * y[oy + j]; } return;
                case DIV: for (int j = 0; j < len; j++) { o[base + j] = x[ox + j] / y[oy + j]; } return;
                default: break;
            }
        }
        for (int j = 0; j < len; j++) {
            o[base + j] = (float) op.apply(x[ox + j * sx], y[oy + j * sy]);
        }
    }

    private static void sameShape(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        int n = a.size();
        if (a.storage instanceof Storage.F32) {
            float[] x = a.floats();
            float[] y = b.floats();
            float[] o = out.floats();
            slices(n, (from, to) -> sameShapeRange(op, x, y, o, from, to));
        } else {
            double[] x = a.doubles();
            double[] y = b.doubles();
            double[] o = out.doubles();
            for (int i = 0; i < n; i++) {
                o[i] = op.apply(x[i], y[i]);
            }
        }
    }

    private static void sameShapeRange(BinaryOp op, float[] x, float[] y, float[] o, int from, int to) {
        switch (op) {
            case ADD: for (int i = from; i < to; i++) { o[i] = x[i] + y[i]; } break;
            case SUB: for (int i = from; i < to; i++) { o[i] = x[i] - y[i]; } break;
            case MUL: for (int i = from; i < to; i++) { o[i] = x[i] * y[i]; } break;
            case DIV: for (int i = from; i < to; i++) { o[i] = x[i] / y[i]; } break;
            default: for (int i = from; i < to; i++) { o[i] = (float) op.apply(x[i], y[i]); }
        }
    }

    /** {@code out = cond != 0 ? a : b}, all three broadcast to {@code out}'s shape. */
    public static Tensor where(Tensor cond, Tensor a, Tensor b, Tensor out) {
        Objects.requireNonNull(cond, "cond");
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        Objects.requireNonNull(out, "out");
        if (a.dtype != b.dtype || out.dtype != a.dtype) {
            throw new IllegalArgumentException("where: dtype mismatch " + a.dtype + " vs " + b.dtype);
        }
        Shape s = Shape.broadcast("where", Shape.broadcast("where", cond.shape, a.shape), b.shape);
        if (!s.equals(out.shape)) {
            throw new IllegalArgumentException("where: output " + out.shape + " does not match broadcast " + s);
        }
        StridedWalk w = new StridedWalk(s.toArray(), StridedWalk.broadcastStrides(cond.shape, s),
                StridedWalk.broadcastStrides(a.shape, s), StridedWalk.broadcastStrides(b.shape, s));
        int len = w.rowLength;
        int base = 0;
        for (int r = 0; r < w.rows; r++, base += len, w.next()) {
            for (int j = 0; j < len; j++) {
                boolean c = cond.getDouble(w.offsets[0] + j * w.innerStrides[0]) != 0;
                out.setDouble(base + j, c ? a.getDouble(w.offsets[1] + j * w.innerStrides[1])
                        : b.getDouble(w.offsets[2] + j * w.innerStrides[2]));
            }
        }
        return out;
    }

    static void checkFinite(String op, String what, double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(op + ": " + what + " must be finite, got " + v);
        }
    }
}
