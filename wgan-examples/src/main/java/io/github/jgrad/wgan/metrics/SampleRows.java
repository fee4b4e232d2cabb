package io.github.jgrad.wgan.metrics;

import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Tensor;
import java.util.Objects;

/**
 * Read access to a batch of samples as rows of doubles, whatever the tensor's dtype, so each
 * metric is written once and computed in double precision.
 */
final class SampleRows {
    private final float[] f;
    private final double[] d;
    private final int rows;
    private final int width;

    private SampleRows(Tensor t, int rows, int width) {
        this.f = t.dtype() == DType.F32 ? t.floatData() : null;
        this.d = t.dtype() == DType.F64 ? t.doubleData() : null;
        this.rows = rows;
        this.width = width;
    }

    /**
     * Views {@code t}, of shape {@code [N, ...]} with {@code N >= 1}, as {@code N} rows of the
     * flattened trailing dimensions.
     *
     * @throws IllegalArgumentException naming {@code what} and {@code op} if the shape does not fit
     */
    static SampleRows of(String op, String what, Tensor t) {
        Objects.requireNonNull(t, what);
        if (t.rank() < 2 || t.dim(0) < 1 || t.size() == 0) {
            throw new IllegalArgumentException(op + ": " + what + " must have shape [N, ...] with N >= 1"
                    + " and at least one feature, got " + t.shape());
        }
        return new SampleRows(t, t.dim(0), t.size() / t.dim(0));
    }

    /** Views {@code t} as rows of exactly {@code width} values, i.e. shape {@code [N, width]}. */
    static SampleRows matrix(String op, String what, Tensor t, int width) {
        SampleRows r = of(op, what, t);
        if (t.rank() != 2 || r.width != width) {
            throw new IllegalArgumentException(op + ": " + what + " must have shape [N, " + width + "], got " + t.shape());
        }
        return r;
    }

    /** Number of rows (samples). */
    int rows() {
        return rows;
    }

    /** Number of values per row (features). */
    int width() {
        return width;
    }

    /** Value {@code j} of row {@code i}. */
    double get(int i, int j) {
        int k = i * width + j;
        return f != null ? f[k] : d[k];
    }

    /** Dot product of row {@code i} with {@code v} (of length {@link #width()}). */
    double dot(int i, double[] v) {
        int base = i * width;
        double s = 0;
        if (f != null) {
            for (int j = 0; j < width; j++) {
                s += f[base + j] * v[j];
            }
        } else {
            for (int j = 0; j < width; j++) {
                s += d[base + j] * v[j];
            }
        }
        return s;
    }
}
