package io.github.jgrad.nn;

import io.github.jgrad.autodiff.LinalgOps;
import io.github.jgrad.autodiff.Var;
import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;

/**
 * {@code y = x W^T + b} with {@code W} of shape {@code [out, in]} as in PyTorch (the transpose
 * is a gemm flag). Input {@code [N, in]}, output {@code [N, out]}.
 */
public final class Linear extends Layer implements WeightedLayer {
    private final int inFeatures;
    private final int outFeatures;
    private final Parameter weight;
    private final Parameter bias;

    /** A float32 layer with PyTorch's default initialisation. */
    public Linear(int inFeatures, int outFeatures, Rng rng) {
        this(inFeatures, outFeatures, true, DType.F32, rng);
    }

    /** A layer with PyTorch's default initialisation, optional bias, in the given dtype. */
    public Linear(int inFeatures, int outFeatures, boolean bias, DType dtype, Rng rng) {
        if (inFeatures < 1 || outFeatures < 1) {
            throw new IllegalArgumentException("Linear: sizes must be positive, got in=" + inFeatures
                    + ", out=" + outFeatures);
        }
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        this.weight = registerParameter("weight",
                new Parameter(Init.defaultWeight(rng, dtype, Shape.of(outFeatures, inFeatures))));
        this.bias = bias ? registerParameter("bias",
                new Parameter(Init.defaultBias(rng, dtype, outFeatures, inFeatures))) : null;
    }

    /** The weight, {@code [out, in]}. */
    @Override
    public Parameter weight() {
        return weight;
    }

    /** The bias, {@code [out]}, or null. */
    @Override
    public Parameter bias() {
        return bias;
    }

    /** Number of input features. */
    public int inFeatures() {
        return inFeatures;
    }

    /** Number of output features. */
    public int outFeatures() {
        return outFeatures;
    }

    @Override
    public Var forward(Var x) {
        if (x.shape().rank() != 2 || x.shape().dim(1) != inFeatures) {
            throw new IllegalArgumentException("Linear(" + inFeatures + " -> " + outFeatures + "): input shape "
                    + x.shape() + " is not [N, " + inFeatures + "]");
        }
        if (x.dtype() != weight.value().dtype()) {
            // Caught here so the message names the layer, not the matmul inside it.
            throw new IllegalArgumentException(this + ": input dtype " + x.dtype() + " differs from the weight's "
                    + weight.value().dtype());
        }
        return forwardWith(x, weight.var());
    }

    @Override
    public Var forwardWith(Var x, Var w) {
        return LinalgOps.linear(x, w, bias == null ? null : bias.var());
    }

    @Override
    public String toString() {
        return "Linear(" + inFeatures + " -> " + outFeatures + (bias == null ? ", no bias" : "") + ")";
    }
}
