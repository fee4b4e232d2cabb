package io.github.jgrad.tensor;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The elements of a tensor, row-major in one primitive array whose type is the dtype: a
 * {@link F32} holds {@code float}s, a {@link F64} holds {@code double}s. A kernel tests the class
 * once ({@code if (x.storage instanceof Storage.F32 s)}) and then runs a loop over one array
 * type; the element-at-a-time methods here serve code that is not on a hot path (printing,
 * gradient checks, small tables).
 *
 * <p>Never visible outside tensor-core: other modules read and write tensors through
 * {@link Tensor}'s copies, its in-place kernels and its bulk copies to and from buffers.
 */
abstract sealed class Storage permits Storage.F32, Storage.F64 {
    private Storage() {
    }

    /** Zero-filled storage of {@code n} elements of {@code dtype}, on an array from {@link BufferPool}. */
    static Storage zeros(DType dtype, int n) {
        return dtype == DType.F32 ? new F32(BufferPool.floats(n)) : new F64(BufferPool.doubles(n));
    }

    /**
     * Storage of {@code n} elements of {@code dtype} whose contents are unspecified (a reused
     * array keeps its old values): for an output its kernel overwrites entirely.
     */
    static Storage forOverwrite(DType dtype, int n) {
        return dtype == DType.F32 ? new F32(BufferPool.floats(n, false)) : new F64(BufferPool.doubles(n, false));
    }

    /** The element type this storage holds. */
    abstract DType dtype();

    /** Number of elements. */
    abstract int length();

    /** Element {@code i}, widened to double. */
    abstract double get(int i);

    /** Sets element {@code i} to {@code v}, rounded to this storage's type. */
    abstract void set(int i, double v);

    /** Sets every element to {@code v}, rounded to this storage's type. */
    abstract void fill(double v);

    /** A copy with its own array. */
    abstract Storage copy();

    /** The primitive array, for {@link System#arraycopy} between storages of one type. */
    abstract Object array();

    /** Writes elements {@code [from, from + count)} to {@code dst} at its position, advancing it. */
    abstract void copyTo(ByteBuffer dst, int from, int count);

    /** Reads {@code count} elements from {@code src} at its position into {@code [from, from + count)}. */
    abstract void copyFrom(ByteBuffer src, int from, int count);

    /** True if both storages are backed by the same array. */
    final boolean sameArray(Storage other) {
        return array() == other.array();
    }

    /** Float32 elements. */
    static final class F32 extends Storage {
        final float[] values;

        F32(float[] values) {
            this.values = values;
        }

        @Override
        DType dtype() {
            return DType.F32;
        }

        @Override
        int length() {
            return values.length;
        }

        @Override
        double get(int i) {
            return values[i];
        }

        @Override
        void set(int i, double v) {
            values[i] = (float) v;
        }

        @Override
        void fill(double v) {
            Arrays.fill(values, (float) v);
        }

        @Override
        Storage copy() {
            return new F32(values.clone());
        }

        @Override
        Object array() {
            return values;
        }

        @Override
        void copyTo(ByteBuffer dst, int from, int count) {
            dst.asFloatBuffer().put(values, from, count);
            dst.position(dst.position() + count * Float.BYTES);
        }

        @Override
        void copyFrom(ByteBuffer src, int from, int count) {
            src.asFloatBuffer().get(values, from, count);
            src.position(src.position() + count * Float.BYTES);
        }
    }

    /** Float64 elements. */
    static final class F64 extends Storage {
        final double[] values;

        F64(double[] values) {
            this.values = values;
        }

        @Override
        DType dtype() {
            return DType.F64;
        }

        @Override
        int length() {
            return values.length;
        }

        @Override
        double get(int i) {
            return values[i];
        }

        @Override
        void set(int i, double v) {
            values[i] = v;
        }

        @Override
        void fill(double v) {
            Arrays.fill(values, v);
        }

        @Override
        Storage copy() {
            return new F64(values.clone());
        }

        @Override
        Object array() {
            return values;
        }

        @Override
        void copyTo(ByteBuffer dst, int from, int count) {
            dst.asDoubleBuffer().put(values, from, count);
            dst.position(dst.position() + count * Double.BYTES);
        }

        @Override
        void copyFrom(ByteBuffer src, int from, int count) {
            src.asDoubleBuffer().get(values, from, count);
            src.position(src.position() + count * Double.BYTES);
        }
    }
}
