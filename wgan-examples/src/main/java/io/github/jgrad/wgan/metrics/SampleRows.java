package io.github.jgrad.wgan.metrics;

import io.github.jgrad.tensor.Tensor;
import java.util.Objects;

/**
 * Read access to a batch of samples as rows of doubles, whatever the tensor's dtype, so each
 * metric is written once and computed in double precision.
 */
final class SampleRows {
    private final Tensor t;
    private final int rows;
    private final int width;

    private SampleRows(Tensor t, int rows, int width) {
        this.t = t;
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
        return t.getDouble(i * width + j);
    }

    /** Dot product of row {@code i} with {@code v} (of length {@link #width()}). */
    double dot(int i, double[] v) {
        int base = i * width;
        double s = 0;
        for (int j = 0; j < width; j++) {
            s += t.getDouble(base + j) * v[j];
        }
        return s;
    }
}
