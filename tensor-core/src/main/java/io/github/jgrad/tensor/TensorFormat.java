package io.github.jgrad.tensor;

import java.util.Locale;

/** Text form of a tensor: a header line, then nested brackets with large axes elided. */
final class TensorFormat {
    /** Tensors with more elements than this show only the edges of each axis. */
    static final int SUMMARY_THRESHOLD = 1000;
    /** Elements shown at each end of an elided axis. */
    static final int EDGE = 3;

    private TensorFormat() {
    }

    static String format(Tensor t) {
        StringBuilder sb = new StringBuilder();
        sb.append("Tensor(shape=").append(t.shape).append(", dtype=").append(t.dtype).append(")\n");
        boolean summarise = t.size() > SUMMARY_THRESHOLD;
        if (t.size() == 0) {
            return sb.append("[]").toString();
        }
        append(sb, t, 0, 0, summarise);
        return sb.toString();
    }

    private static void append(StringBuilder sb, Tensor t, int axis, int offset, boolean summarise) {
        if (axis == t.rank()) {
            sb.append(number(t.getDouble(offset)));
            return;
        }
        int n = t.dim(axis);
        int stride = t.shape.strides()[axis];
        sb.append('[');
        for (int i = 0; i < n; i++) {
            if (summarise && n > 2 * EDGE && i == EDGE) {
                sb.append(axis == t.rank() - 1 ? "..., " : "...,\n" + " ".repeat(axis + 1));
                i = n - EDGE;
            }
            append(sb, t, axis + 1, offset + i * stride, summarise);
            if (i < n - 1) {
                sb.append(axis == t.rank() - 1 ? ", " : ",\n" + " ".repeat(axis + 1));
            }
        }
        sb.append(']');
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e7) {
            return String.format(Locale.ROOT, "%.0f.", v);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
