package io.github.jgrad.nn;

import io.github.jgrad.tensor.DType;

/**
 * Batch normalisation of {@code [N, C, H, W]} inputs per channel {@code C}, over the batch and
 * both spatial axes; see {@link BatchNorm} for the semantics, which are PyTorch's.
 */
public final class BatchNorm2d extends BatchNorm {

    /** A float32 layer with eps 1e-5, momentum 0.1 and a learned affine map. */
    public BatchNorm2d(int numFeatures) {
        this(numFeatures, DEFAULT_EPS, DEFAULT_MOMENTUM, true, DType.F32);
    }

    /**
     * A layer with every option.
     *
     * @param numFeatures channels {@code C}
     * @param eps added to the variance before the square root, > 0
     * @param momentum weight of each batch in the running statistics, in [0, 1]
     * @param affine whether to learn a per-channel scale and shift
     * @param dtype dtype of the parameters, buffers and accepted inputs
     */
    public BatchNorm2d(int numFeatures, double eps, double momentum, boolean affine, DType dtype) {
        super(numFeatures, eps, momentum, affine, dtype);
    }

    @Override
    boolean acceptsRank(int rank) {
        return rank == 4;
    }

    @Override
    String layouts() {
        return "[N, C, H, W]";
    }
}
