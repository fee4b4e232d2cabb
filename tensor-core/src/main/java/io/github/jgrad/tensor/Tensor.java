package io.github.jgrad.tensor;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * A dense, row-major, contiguous array of {@code float}s ({@link DType#F32}) or
 * {@code double}s ({@link DType#F64}) with an immutable {@link Shape}. The dtype is the type of
 * the storage (one primitive array of that type, never a pair with one left empty), so each
 * kernel picks its float32 or float64 loop once, by that type.
 *
 * <p>Operations on this class allocate their result and never change their operands. The
 * allocation-free tier lives in the kernel classes ({@link Elementwise}, {@link Reductions},
 * {@link Movement}, {@link MatMul}, {@link Convolution}), which write into a caller-given
 * output. The methods here that do change values end in {@code InPlace} and exist for
 * optimizers, loaders and gradient checks, as do the fused kernels of {@link Fused} and
 * {@link OptimizerSteps}; never use them on a tensor that takes part in a graph. No raw array
 * leaves tensor-core: other code reads values through copies ({@link #toFloatArray()},
 * {@link #copyTo}) and writes them through {@link #setInPlace} and {@link #copyFromInPlace}.
 *
 * <p>Binary operations broadcast as in NumPy and require equal dtypes.
 */
public final class Tensor {
    final Shape shape;
    final DType dtype;
    /** The elements; its class ({@link Storage.F32} or {@link Storage.F64}) is the dtype. */
    final Storage storage;

    Tensor(Shape shape, Storage storage) {
        this.shape = shape;
        this.dtype = storage.dtype();
        this.storage = storage;
    }

    Tensor(Shape shape, float[] values) {
        this(shape, new Storage.F32(values));
    }

    Tensor(Shape shape, double[] values) {
        this(shape, new Storage.F64(values));
    }

    /** The float32 array of a tensor known to be float32 (a kernel that has checked the dtype). */
    float[] floats() {
        return ((Storage.F32) storage).values;
    }

    /** The float64 array of a tensor known to be float64 (a kernel that has checked the dtype). */
    double[] doubles() {
        return ((Storage.F64) storage).values;
    }

    // ---------------------------------------------------------------- creation

    /** A tensor of zeros. */
    public static Tensor zeros(DType dtype, Shape shape) {
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(shape, "shape");
        return new Tensor(shape, Storage.zeros(dtype, shape.size()));
    }

    /**
     * A tensor whose elements are unspecified, like PyTorch's {@code torch.empty}: its array may
     * be one a finished training step handed back, still holding that step's numbers. For an
     * output that is written in full before it is read (the {@code out} of a kernel here), where
     * zero-filling it first would be wasted work.
     */
    public static Tensor empty(DType dtype, Shape shape) {
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(shape, "shape");
        return new Tensor(shape, Storage.forOverwrite(dtype, shape.size()));
    }

    /** A float32 tensor of zeros. */
    public static Tensor zeros(int... dims) {
        return zeros(DType.F32, Shape.of(dims));
    }

    /** A tensor of ones. */
    public static Tensor ones(DType dtype, Shape shape) {
        return full(dtype, shape, 1.0);
    }

    /** A float32 tensor of ones. */
    public static Tensor ones(int... dims) {
        return ones(DType.F32, Shape.of(dims));
    }

    /** A tensor with every element equal to {@code value}. */
    public static Tensor full(DType dtype, Shape shape, double value) {
        Tensor t = zeros(dtype, shape);
        t.fillInPlace(value);
        return t;
    }

    /** A rank-0 tensor. */
    public static Tensor scalar(double value, DType dtype) {
        return full(dtype, Shape.scalar(), value);
    }

    /** A rank-0 float32 tensor. */
    public static Tensor scalar(double value) {
        return scalar(value, DType.F32);
    }

    /** A float32 tensor holding a copy of {@code data}, viewed with the given dims. */
    public static Tensor of(float[] data, int... dims) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(dims, "dims");
        Shape s = dims.length == 0 && data.length != 1 ? Shape.of(data.length) : Shape.of(dims);
        checkLength("of", data.length, s);
        return new Tensor(s, data.clone());
    }

    /** A float64 tensor holding a copy of {@code data}, viewed with the given dims. */
    public static Tensor of(double[] data, int... dims) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(dims, "dims");
        Shape s = dims.length == 0 && data.length != 1 ? Shape.of(data.length) : Shape.of(dims);
        checkLength("of", data.length, s);
        return new Tensor(s, data.clone());
    }

    /** A float32 matrix from rows of equal length. */
    public static Tensor of(float[][] rows) {
        return Creation.fromRows(rows);
    }

    /**
     * Wraps {@code data} without copying: the tensor shares the array. For kernels and loaders
     * that own a freshly filled array.
     */
    public static Tensor wrap(float[] data, Shape shape) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(shape, "shape");
        checkLength("wrap", data.length, shape);
        return new Tensor(shape, data);
    }

    /** Wraps {@code data} without copying; see {@link #wrap(float[], Shape)}. */
    public static Tensor wrap(double[] data, Shape shape) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(shape, "shape");
        checkLength("wrap", data.length, shape);
        return new Tensor(shape, data);
    }

    /** {@code [start, start + step, ...)} up to but excluding {@code end}. */
    public static Tensor arange(double start, double end, double step, DType dtype) {
        return Creation.arange(start, end, step, dtype);
    }

    /** Float32 {@code [0, 1, ..., n-1]}. */
    public static Tensor arange(int n) {
        return arange(0, n, 1, DType.F32);
    }

    /** The {@code n x n} identity matrix. */
    public static Tensor eye(int n, DType dtype) {
        return Creation.eye(n, dtype);
    }

    private static void checkLength(String op, int length, Shape s) {
        if (length != s.size()) {
            throw new IllegalArgumentException(op + ": " + length + " values do not fill shape " + s
                    + " (" + s.size() + " elements)");
        }
    }

    // ---------------------------------------------------------------- access

    /** The shape. */
    public Shape shape() {
        return shape;
    }

    /** The element type. */
    public DType dtype() {
        return dtype;
    }

    /** Number of elements. */
    public int size() {
        return shape.size();
    }

    /** Number of dimensions. */
    public int rank() {
        return shape.rank();
    }

    /** Size of one dimension (negative axes count from the end). */
    public int dim(int axis) {
        return shape.dim(axis);
    }

    /** Element at a flat row-major index, as a double. */
    public double getDouble(int flatIndex) {
        return storage.get(flatIndex);
    }

    /** Element at the given coordinates, as a double. */
    public double get(int... index) {
        return getDouble(flatIndex(index));
    }

    /** The single value of a one-element tensor. */
    public double item() {
        if (size() != 1) {
            throw new IllegalArgumentException("item: tensor of shape " + shape + " has " + size() + " elements, not 1");
        }
        return getDouble(0);
    }

    private int flatIndex(int[] index) {
        if (index.length != rank()) {
            throw new IllegalArgumentException("get: " + index.length + " indices for shape " + shape);
        }
        int[] st = shape.strides();
        int flat = 0;
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= shape.dim(i)) {
                throw new IllegalArgumentException("get: index " + Arrays.toString(index) + " out of range for shape " + shape);
            }
            flat += index[i] * st[i];
        }
        return flat;
    }

    void setDouble(int flatIndex, double v) {
        storage.set(flatIndex, v);
    }

    /** A copy of the values as floats. */
    public float[] toFloatArray() {
        if (storage instanceof Storage.F32 s) {
            return s.values.clone();
        }
        double[] d = doubles();
        float[] out = new float[d.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) d[i];
        }
        return out;
    }

    /** A copy of the values as doubles. */
    public double[] toDoubleArray() {
        if (storage instanceof Storage.F64 s) {
            return s.values.clone();
        }
        float[] f = floats();
        double[] out = new double[f.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = f[i];
        }
        return out;
    }

    /** A copy converted to {@code target} (this tensor's own copy if the dtype is the same). */
    public Tensor to(DType target) {
        Objects.requireNonNull(target, "dtype");
        return target == DType.F32 ? new Tensor(shape, toFloatArray()) : new Tensor(shape, toDoubleArray());
    }

    /** A copy with its own storage. */
    public Tensor copy() {
        return new Tensor(shape, storage.copy());
    }

    /** A zero tensor of the same dtype and the given shape. */
    public Tensor newZeros(Shape s) {
        return zeros(dtype, s);
    }

    /** {@link #empty} of the same dtype and the given shape. */
    public Tensor newEmpty(Shape s) {
        return empty(dtype, s);
    }

    /**
     * Checks a caller-given output of a kernel: it must have {@code shape} and the first
     * operand's dtype, and share storage with no operand (the kernel overwrites it while reading
     * them). Returns {@code out}; the messages start with {@code op}.
     */
    static Tensor checkOutput(String op, Tensor out, Shape shape, Tensor... operands) {
        DType expect = operands[0].dtype;
        if (!out.shape.equals(shape) || out.dtype != expect) {
            throw new IllegalArgumentException(op + ": output " + out.shape + " " + out.dtype + " should be " + shape
                    + " " + expect);
        }
        for (Tensor t : operands) {
            if (out.storage.sameArray(t.storage)) {
                throw new IllegalArgumentException(op + ": output must not share storage with an operand");
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- in place (optimizers only)

    /** Sets every element to {@code value}. In place. */
    public Tensor fillInPlace(double value) {
        storage.fill(value);
        return this;
    }

    /** Copies {@code src}'s values into this tensor (same shape and dtype). In place. */
    public Tensor copyFromInPlace(Tensor src) {
        Objects.requireNonNull(src, "src");
        Elementwise.checkSame("copyFrom", this, src);
        System.arraycopy(src.storage.array(), 0, storage.array(), 0, size());
        return this;
    }

    /** {@code this += alpha * other} (same shape and dtype). In place; see {@link Fused#addScaledInPlace}. */
    public Tensor addScaledInPlace(Tensor other, double alpha) {
        return Fused.addScaledInPlace(this, Objects.requireNonNull(other, "other"), alpha);
    }

    /** {@code this *= alpha}. In place. */
    public Tensor scaleInPlace(double alpha) {
        Elementwise.scalarInPlace(this, BinaryOp.MUL, alpha);
        return this;
    }

    /** Clamps every element to {@code [lo, hi]}. In place; see {@link Fused#clampInPlace}. */
    public Tensor clampInPlace(double lo, double hi) {
        return Fused.clampInPlace(this, lo, hi);
    }

    /**
     * Sets the element at a flat row-major index to {@code value} (rounded to this dtype). In
     * place: for filling a fresh tensor one element at a time and for perturbing the inputs of
     * a gradient check; loops over many elements belong in a kernel.
     */
    public Tensor setInPlace(int flatIndex, double value) {
        Objects.checkIndex(flatIndex, size());
        storage.set(flatIndex, value);
        return this;
    }

    /**
     * Writes elements {@code [from, from + count)} into {@code dst} from its position on, as
     * {@link DType#byteSize()}-byte IEEE 754 values in {@code dst}'s byte order, and advances its
     * position past them. The bulk copy out for files and other processes.
     *
     * @throws IndexOutOfBoundsException if the range is outside this tensor
     * @throws java.nio.BufferOverflowException if {@code dst} has too little room
     */
    public void copyTo(ByteBuffer dst, int from, int count) {
        Objects.requireNonNull(dst, "dst");
        Objects.checkFromIndexSize(from, count, size());
        storage.copyTo(dst, from, count);
    }

    /**
     * Reads {@code count} values of this tensor's dtype from {@code src} at its position (in its
     * byte order) into elements {@code [from, from + count)}, and advances its position past them.
     * In place: the bulk copy in for files and other processes.
     *
     * @throws IndexOutOfBoundsException if the range is outside this tensor
     * @throws java.nio.BufferUnderflowException if {@code src} has fewer values left
     */
    public Tensor copyFromInPlace(ByteBuffer src, int from, int count) {
        Objects.requireNonNull(src, "src");
        Objects.checkFromIndexSize(from, count, size());
        storage.copyFrom(src, from, count);
        return this;
    }

    // ---------------------------------------------------------------- elementwise

    /** Applies a unary function elementwise. */
    public Tensor map(UnaryOp op) {
        Objects.requireNonNull(op, "op");
        return Elementwise.unary(op, this, newEmpty(shape));
    }

    /** Applies a binary function elementwise, with broadcasting. */
    public Tensor zip(BinaryOp op, Tensor other) {
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(other, "other");
        Shape out = Shape.broadcast(op.label(), shape, other.shape);
        return Elementwise.binary(op, this, other, newEmpty(out));
    }

    /** Applies a binary function with a scalar right operand. */
    public Tensor zip(BinaryOp op, double other) {
        Objects.requireNonNull(op, "op");
        return Elementwise.binaryScalar(op, this, other, newEmpty(shape));
    }

    /** {@code this + other}. */
    public Tensor add(Tensor other) { return zip(BinaryOp.ADD, other); }
    /** {@code this + c}. */
    public Tensor add(double c) { return zip(BinaryOp.ADD, c); }
    /** {@code this - other}. */
    public Tensor sub(Tensor other) { return zip(BinaryOp.SUB, other); }
    /** {@code this - c}. */
    public Tensor sub(double c) { return zip(BinaryOp.SUB, c); }
    /** {@code this * other}. */
    public Tensor mul(Tensor other) { return zip(BinaryOp.MUL, other); }
    /** {@code this * c}. */
    public Tensor mul(double c) { return zip(BinaryOp.MUL, c); }
    /** {@code this / other}. */
    public Tensor div(Tensor other) { return zip(BinaryOp.DIV, other); }
    /** {@code this / c}. */
    public Tensor div(double c) { return zip(BinaryOp.DIV, c); }
    /** {@code this ^ other}. */
    public Tensor pow(Tensor other) { return zip(BinaryOp.POW, other); }
    /** {@code this ^ p}. */
    public Tensor pow(double p) { return zip(BinaryOp.POW, p); }
    /** Elementwise maximum. */
    public Tensor maximum(Tensor other) { return zip(BinaryOp.MAXIMUM, other); }
    /** Elementwise minimum. */
    public Tensor minimum(Tensor other) { return zip(BinaryOp.MINIMUM, other); }
    /** 1 where equal, else 0. */
    public Tensor eq(Tensor other) { return zip(BinaryOp.EQ, other); }
    /** 1 where not equal, else 0. */
    public Tensor ne(Tensor other) { return zip(BinaryOp.NE, other); }
    /** 1 where {@code this < other}, else 0. */
    public Tensor lt(Tensor other) { return zip(BinaryOp.LT, other); }
    /** 1 where {@code this <= other}, else 0. */
    public Tensor le(Tensor other) { return zip(BinaryOp.LE, other); }
    /** 1 where {@code this > other}, else 0. */
    public Tensor gt(Tensor other) { return zip(BinaryOp.GT, other); }
    /** 1 where {@code this >= other}, else 0. */
    public Tensor ge(Tensor other) { return zip(BinaryOp.GE, other); }
    /** {@code -this}. */
    public Tensor neg() { return map(UnaryOp.NEG); }
    /** {@code e^this}. */
    public Tensor exp() { return map(UnaryOp.EXP); }
    /** Natural logarithm. */
    public Tensor log() { return map(UnaryOp.LOG); }
    /** Square root. */
    public Tensor sqrt() { return map(UnaryOp.SQRT); }
    /** Absolute value. */
    public Tensor abs() { return map(UnaryOp.ABS); }
    /** Sign: -1, 0 or 1. */
    public Tensor sign() { return map(UnaryOp.SIGN); }
    /** {@code max(x, 0)}. */
    public Tensor relu() { return map(UnaryOp.RELU); }
    /** Hyperbolic tangent. */
    public Tensor tanh() { return map(UnaryOp.TANH); }
    /** Logistic sigmoid. */
    public Tensor sigmoid() { return map(UnaryOp.SIGMOID); }
    /** {@code log(1 + e^x)}. */
    public Tensor softplus() { return map(UnaryOp.SOFTPLUS); }
    /** {@code x * x}. */
    public Tensor square() { return map(UnaryOp.SQUARE); }

    /** {@code x} where positive, {@code slope * x} elsewhere. */
    public Tensor leakyRelu(double slope) {
        return Elementwise.leakyRelu(this, slope, newEmpty(shape));
    }

    /** Each element clamped to {@code [lo, hi]}. */
    public Tensor clamp(double lo, double hi) {
        return Elementwise.clamp(this, lo, hi, newEmpty(shape));
    }

    /** Elementwise choice: {@code a} where this tensor is non-zero, else {@code b} (all broadcast). */
    public Tensor where(Tensor a, Tensor b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        Shape out = Shape.broadcast("where", Shape.broadcast("where", shape, a.shape), b.shape);
        return Elementwise.where(this, a, b, a.newEmpty(out));
    }

    // ---------------------------------------------------------------- reductions

    /** Sum over all elements. */
    public Tensor sum() { return Reductions.sum(this, null, false); }
    /** Sum over {@code axes}. */
    public Tensor sum(int[] axes, boolean keepDims) { return Reductions.sum(this, axes, keepDims); }
    /** Mean over all elements. */
    public Tensor mean() { return Reductions.mean(this, null, false); }
    /** Mean over {@code axes}. */
    public Tensor mean(int[] axes, boolean keepDims) { return Reductions.mean(this, axes, keepDims); }
    /** Maximum over all elements. */
    public Tensor max() { return Reductions.max(this, null, false); }
    /** Maximum over {@code axes}. */
    public Tensor max(int[] axes, boolean keepDims) { return Reductions.max(this, axes, keepDims); }
    /** Minimum over all elements. */
    public Tensor min() { return Reductions.min(this, null, false); }
    /** Minimum over {@code axes}. */
    public Tensor min(int[] axes, boolean keepDims) { return Reductions.min(this, axes, keepDims); }
    /** Index of the first maximum along {@code axis}, as values of this dtype. */
    public Tensor argmax(int axis, boolean keepDims) { return Reductions.argmax(this, axis, keepDims); }
    /** Variance over {@code axes} with the given correction (0 population, 1 sample). */
    public Tensor variance(int[] axes, int correction, boolean keepDims) {
        return Reductions.variance(this, axes, correction, keepDims);
    }
    /** Euclidean norm over all elements. */
    public Tensor norm() { return Reductions.norm(this, null, false); }
    /** Euclidean norm over {@code axes}. */
    public Tensor norm(int[] axes, boolean keepDims) { return Reductions.norm(this, axes, keepDims); }

    // ---------------------------------------------------------------- shape

    /** The same values viewed with another shape (one size may be -1); shares storage. */
    public Tensor reshape(int... dims) { return Movement.reshape(this, dims); }
    /** Axes reordered: result axis {@code i} is this tensor's axis {@code axes[i]}. */
    public Tensor permute(int... axes) { return Movement.permute(this, axes); }
    /** Two axes swapped. */
    public Tensor transpose(int axis0, int axis1) { return Movement.transpose(this, axis0, axis1); }
    /** Broadcast copy to {@code target}. */
    public Tensor expand(Shape target) { return Movement.expand(this, target); }
    /** Removes size-1 axis {@code axis}. */
    public Tensor squeeze(int axis) { return Movement.squeeze(this, axis); }
    /** Inserts a size-1 axis at {@code axis}. */
    public Tensor unsqueeze(int axis) { return Movement.unsqueeze(this, axis); }
    /** The sub-tensors at {@code indices} along the first axis, in that order (repeats allowed); a copy. */
    public Tensor indexSelect(int... indices) { return Movement.indexSelect(this, indices); }
    /** Elements {@code [start, end)} along {@code axis}. */
    public Tensor slice(int axis, int start, int end) { return Movement.slice(this, axis, start, end); }
    /** Constant padding: {@code before[i]} and {@code after[i]} elements on axis {@code i}. */
    public Tensor pad(int[] before, int[] after, double value) { return Movement.pad(this, before, after, value); }
    /** Axes {@code start..end} (inclusive) merged into one. */
    public Tensor flatten(int startAxis, int endAxis) { return Movement.flatten(this, startAxis, endAxis); }
    /** Sum over broadcast axes so the result has shape {@code target} (the reverse of broadcasting). */
    public Tensor sumToShape(Shape target) { return Broadcast.sumToShape(this, target); }
    /** Tensors joined along an existing axis. */
    public static Tensor concat(int axis, Tensor... parts) { return Movement.concat(axis, parts); }
    /** Tensors of equal shape joined along a new axis. */
    public static Tensor stack(int axis, Tensor... parts) { return Movement.stack(axis, parts); }

    // ---------------------------------------------------------------- matmul

    /** Matrix product of 2-D or batched 3-D operands. */
    public Tensor matmul(Tensor other) {
        return MatMul.matmul(this, Objects.requireNonNull(other, "other"), false, false);
    }

    /** Matrix product with either operand transposed (as gemm flags, no copy). */
    public Tensor matmul(Tensor other, boolean transThis, boolean transOther) {
        Objects.requireNonNull(other, "other");
        return MatMul.matmul(this, other, transThis, transOther);
    }

    // ---------------------------------------------------------------- comparison and text

    /**
     * True if shapes match and {@code |a - b| <= atol + rtol * |b|} everywhere, where {@code b} is
     * the other tensor's value. NaN is never close; an infinity is close only to the same infinity.
     */
    public boolean allClose(Tensor other, double rtol, double atol) {
        Objects.requireNonNull(other, "other");
        if (!shape.equals(other.shape)) {
            return false;
        }
        for (int i = 0; i < size(); i++) {
            double a = getDouble(i);
            double b = other.getDouble(i);
            if (a == b) {
                continue;
            }
            // An infinity equals only itself (handled above): rtol * |b| is infinite when b is, and
            // |a - b| is infinite when either is, so the tolerance test alone would accept them.
            if (Double.isInfinite(a) || Double.isInfinite(b) || !(Math.abs(a - b) <= atol + rtol * Math.abs(b))) {
                return false;
            }
        }
        return true;
    }

    /** {@link #allClose(Tensor, double, double)} with rtol 1e-5 and atol 1e-8. */
    public boolean allClose(Tensor other) {
        return allClose(other, 1e-5, 1e-8);
    }

    /** Shape, dtype and values, with the middle of large tensors elided. */
    @Override
    public String toString() {
        return TensorFormat.format(this);
    }
}
