package io.github.jgrad.tensor;

/** Element type of a {@link Tensor}: 32-bit floats for training, 64-bit for gradient checks. */
public enum DType {
    /** IEEE 754 single precision, the default. */
    F32(4),
    /** IEEE 754 double precision, used by gradient checks. */
    F64(8);

    private final int byteSize;

    DType(int byteSize) {
        this.byteSize = byteSize;
    }

    /** Number of bytes one element occupies. */
    public int byteSize() {
        return byteSize;
    }
}
