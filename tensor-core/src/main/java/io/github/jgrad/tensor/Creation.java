package io.github.jgrad.tensor;

import java.util.Objects;

/** The bodies of {@link Tensor}'s factories that build their elements one by one. */
final class Creation {
    private Creation() {
    }

    /** See {@link Tensor#of(float[][])}. */
    static Tensor fromRows(float[][] rows) {
        Objects.requireNonNull(rows, "rows");
        int n = rows.length;
        for (int i = 0; i < n; i++) {
            if (rows[i] == null) {
                throw new NullPointerException("of: row " + i + " is null");
            }
        }
        int m = n == 0 ? 0 : rows[0].length;
        float[] data = new float[n * m];
        for (int i = 0; i < n; i++) {
            if (rows[i].length != m) {
                throw new IllegalArgumentException("of: row " + i + " has length " + rows[i].length + ", expected " + m);
            }
            System.arraycopy(rows[i], 0, data, i * m, m);
        }
        return new Tensor(Shape.of(n, m), data);
    }

    /** See {@link Tensor#arange(double, double, double, DType)}. */
    static Tensor arange(double start, double end, double step, DType dtype) {
        if (!Double.isFinite(start) || !Double.isFinite(end) || !Double.isFinite(step) || step == 0) {
            throw new IllegalArgumentException("arange: start, end and step must be finite and step non-zero, got "
                    + start + ", " + end + ", " + step);
        }
        double count = Math.ceil((end - start) / step);
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("arange: " + count + " elements is too many");
        }
        int n = (int) Math.max(0, count);
        Tensor t = Tensor.zeros(dtype, Shape.of(n));
        for (int i = 0; i < n; i++) {
            t.setDouble(i, start + i * step);
        }
        return t;
    }

    /** See {@link Tensor#eye(int, DType)}. */
    static Tensor eye(int n, DType dtype) {
        Tensor t = Tensor.zeros(dtype, Shape.of(n, n));
        for (int i = 0; i < n; i++) {
            t.setDouble(i * n + i, 1.0);
        }
        return t;
    }
}
