package io.github.jgrad.nn;

import io.github.jgrad.autodiff.Var;
import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;

/**
 * What {@link Conv2d} and {@link ConvTranspose2d} share: channels, square kernel, stride,
 * padding and dilation, a weight and an optional bias with PyTorch's default initialisation, and
 * the checks of a substitute weight and bias.
 */
abstract class ConvLayer extends Layer implements WeightedLayer {
    final int inChannels;
    final int outChannels;
    final int kernel;
    final int stride;
    final int padding;
    final int dilation;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * @param weightShape the weight's layout ({@code [out, in, k, k]} or {@code [in, out, k, k]}),
     *     whose fan-in {@link Init#fanIn} is also the one PyTorch uses for it
     */
    ConvLayer(int inChannels, int outChannels, int kernel, int stride, int padding, int dilation, Shape weightShape,
              boolean bias, DType dtype, Rng rng) {
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        this.dilation = dilation;
        // Weight before bias, as PyTorch draws them, so one seed gives one network.
        this.weight = registerParameter("weight", new Parameter(Init.defaultWeight(rng, dtype, weightShape)));
        this.bias = bias ? registerParameter("bias",
                new Parameter(Init.defaultBias(rng, dtype, outChannels, Init.fanIn(weightShape)))) : null;
    }

    /** The weight. */
    @Override
    public Parameter weight() {
        return weight;
    }

    /** The bias, {@code [outChannels]}, or null. */
    @Override
    public Parameter bias() {
        return bias;
    }

    /** Channels of the input. */
    public int inChannels() {
        return inChannels;
    }

    /** Channels of the output. */
    public int outChannels() {
        return outChannels;
    }

    /** Kernel height and width. */
    public int kernel() {
        return kernel;
    }

    /** Stride. */
    public int stride() {
        return stride;
    }

    /** Dilation. */
    public int dilation() {
        return dilation;
    }

    /** Output height (or width) for an input height (or width) of {@code size}. */
    public abstract int outputSize(int size);

    @Override
    public Var forward(Var input) {
        return forwardWith(input, weight.var(), bias == null ? null : bias.var());
    }

    /** The layer with {@code weight} in place of its own (the layer's bias is kept). */
    @Override
    public Var forwardWith(Var input, Var weight) {
        return forwardWith(input, weight, bias == null ? null : bias.var());
    }

    /**
     * The layer with the given weight and bias in place of its parameters: for
     * reparametrisations (spectral normalisation) and for gradient checks with respect to them.
     *
     * @param input {@code [N, inChannels, H, W]}
     * @param weight shaped like {@link #weight()}
     * @param bias {@code [outChannels]}, or null for none
     * @return {@code [N, outChannels, OH, OW]}
     */
    public abstract Var forwardWith(Var input, Var weight, Var bias);

    /** Checks a substitute weight and bias against this layer's shapes and the input's dtype. */
    void checkParameters(Var w, Var b, Var input) {
        Shape expect = weight.value().shape();
        if (!w.shape().equals(expect)) {
            throw new IllegalArgumentException(this + ": weight shape " + w.shape() + " is not " + expect);
        }
        if (b != null && !b.shape().equals(Shape.of(outChannels))) {
            throw new IllegalArgumentException(this + ": bias shape " + b.shape() + " is not [" + outChannels + "]");
        }
        if (w.dtype() != input.dtype()) {
            throw new IllegalArgumentException(this + ": input dtype " + input.dtype() + " differs from the weight's "
                    + w.dtype());
        }
    }

    /** {@code ", dilation d"} when the dilation is not 1, and {@code ", no bias"} without a bias: for toString. */
    String dilationAndBias() {
        return (dilation != 1 ? ", dilation " + dilation : "") + (bias == null ? ", no bias" : "");
    }
}
