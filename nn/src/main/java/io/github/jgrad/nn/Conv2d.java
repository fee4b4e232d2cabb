package io.github.jgrad.nn;

import io.github.jgrad.autodiff.LinalgOps;
import io.github.jgrad.autodiff.Var;
import io.github.jgrad.tensor.ConvGeometry;
import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;

/**
 * 2-D convolution (strictly, cross-correlation, as in PyTorch) over {@code [N, C, H, W]} inputs
 * with a square kernel, stride, zero padding and dilation. The weight is
 * {@code [outChannels, inChannels, k, k]} and the bias {@code [outChannels]}, both with
 * PyTorch's default initialisation, so state dicts map one to one.
 *
 * <p>The forward pass is the {@code conv2d} op, which unfolds a few images at a time into
 * columns (im2col) and multiplies them by the weight viewed as {@code [outC, C*k*k]}, adding the
 * bias as it lays out the product. Its gradients are the transposed convolution and the weight
 * gradient, ops with backward rules of their own, so the layer is differentiable to any order (a
 * gradient penalty through a convolutional critic needs the second order).
 *
 * <p>Output size per spatial axis: {@code (in + 2*padding - dilation*(k-1) - 1) / stride + 1}.
 */
public final class Conv2d extends ConvLayer {

    /** A float32 layer with bias, stride 1, no padding and no dilation. */
    public Conv2d(int inChannels, int outChannels, int kernel, Rng rng) {
        this(inChannels, outChannels, kernel, 1, 0, 1, true, DType.F32, rng);
    }

    /** A float32 layer with bias and no dilation, e.g. {@code Conv2d(1, 64, 4, 2, 1, rng)}. */
    public Conv2d(int inChannels, int outChannels, int kernel, int stride, int padding, Rng rng) {
        this(inChannels, outChannels, kernel, stride, padding, 1, true, DType.F32, rng);
    }

    /**
     * A layer with every option.
     *
     * @param inChannels channels of the input
     * @param outChannels channels of the output
     * @param kernel kernel height and width
     * @param stride step between receptive fields, >= 1
     * @param padding zeros added on each side of each spatial axis, >= 0
     * @param dilation spacing between kernel taps, >= 1
     * @param bias whether to add a learned per-channel bias
     * @param dtype dtype of the parameters (and of the inputs it accepts)
     * @param rng source of the initial values
     */
    public Conv2d(int inChannels, int outChannels, int kernel, int stride, int padding, int dilation, boolean bias,
                  DType dtype, Rng rng) {
        super(inChannels, outChannels, kernel, stride, padding, dilation,
                weightShape(inChannels, outChannels, kernel, stride, padding, dilation), bias, dtype, rng);
    }

    /** {@code [out, in, k, k]}, once every size has been checked. */
    private static Shape weightShape(int inChannels, int outChannels, int kernel, int stride, int padding, int dilation) {
        if (inChannels < 1 || outChannels < 1 || kernel < 1 || stride < 1 || padding < 0 || dilation < 1) {
            throw new IllegalArgumentException("Conv2d: need channels, kernel, stride, dilation >= 1 and padding >= 0,"
                    + " got in=" + inChannels + ", out=" + outChannels + ", kernel=" + kernel + ", stride=" + stride
                    + ", padding=" + padding + ", dilation=" + dilation);
        }
        return Shape.of(outChannels, inChannels, kernel, kernel);
    }

    /** Zero padding on each side. */
    public int padding() {
        return padding;
    }

    /** Output height (or width) for an input height (or width) of {@code size}; below 1 if the input is too small. */
    @Override
    public int outputSize(int size) {
        return Math.floorDiv(size + 2 * padding - dilation * (kernel - 1) - 1, stride) + 1;
    }

    /**
     * The convolution with the given weight and bias in place of this layer's parameters: for
     * reparametrisations (spectral normalisation) and for gradient checks with respect to them.
     *
     * @param input {@code [N, inChannels, H, W]}
     * @param weight {@code [outChannels, inChannels, k, k]}
     * @param bias {@code [outChannels]}, or null for none
     * @return {@code [N, outChannels, OH, OW]}
     */
    @Override
    public Var forwardWith(Var input, Var weight, Var bias) {
        Shape s = input.shape();
        if (s.rank() != 4 || s.dim(1) != inChannels) {
            throw new IllegalArgumentException(this + ": input shape " + s + " is not [N, " + inChannels + ", H, W]");
        }
        int oh = outputSize(s.dim(2));
        int ow = outputSize(s.dim(3));
        if (oh < 1 || ow < 1) {
            throw new IllegalArgumentException(this + ": input shape " + s + " is smaller than the dilated kernel ("
                    + (dilation * (kernel - 1) + 1) + " with padding " + padding + " on each side)");
        }
        checkParameters(weight, bias, input);
        ConvGeometry g = ConvGeometry.square(inChannels, s.dim(2), s.dim(3), kernel, stride, padding, dilation);
        return LinalgOps.conv2d(input, weight, bias, g);
    }

    @Override
    public String toString() {
        return "Conv2d(" + inChannels + " -> " + outChannels + ", kernel " + kernel + ", stride " + stride
                + ", padding " + padding + dilationAndBias() + ")";
    }
}
