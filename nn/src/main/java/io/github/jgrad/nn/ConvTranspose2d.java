package io.github.jgrad.nn;

import io.github.jgrad.autodiff.LinalgOps;
import io.github.jgrad.autodiff.Var;
import io.github.jgrad.tensor.ConvGeometry;
import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;

/**
 * Transposed 2-D convolution (the adjoint of {@link Conv2d}, sometimes called deconvolution)
 * over {@code [N, C, H, W]} inputs, with a square kernel. As in PyTorch the weight is
 * {@code [inChannels, outChannels, k, k]} and the bias {@code [outChannels]}, with PyTorch's
 * default initialisation (whose fan-in for this layout is {@code outChannels * k * k}).
 *
 * <p>Each input pixel scatters {@code x[c, i, j] * w[c, o, :, :]} into the output at
 * {@code (i*stride - padding + ki*dilation, j*stride - padding + kj*dilation)}. This is the
 * {@code conv_transpose2d} op: the adjoint of the convolution that would map the output image
 * back to the input's size, computed a few images at a time as {@code cols = W^T x} with the
 * weight viewed as {@code [inC, outC*k*k]}, then folded into the output (col2im).
 *
 * <p>Output size per spatial axis:
 * {@code (in - 1)*stride - 2*padding + dilation*(k - 1) + outputPadding + 1}. The output padding
 * adds rows and columns at the bottom and right only, to pick one of the several output sizes
 * that a strided convolution maps to the same input size; it must be smaller than the stride or
 * the dilation, as in PyTorch.
 */
public final class ConvTranspose2d extends ConvLayer {
    private final int outputPadding;

    /** A float32 layer with bias, stride 1, no padding, no output padding and no dilation. */
    public ConvTranspose2d(int inChannels, int outChannels, int kernel, Rng rng) {
        this(inChannels, outChannels, kernel, 1, 0, 0, 1, true, DType.F32, rng);
    }

    /** A float32 layer with bias, no output padding and no dilation, e.g. {@code ConvTranspose2d(128, 64, 4, 2, 1, rng)}. */
    public ConvTranspose2d(int inChannels, int outChannels, int kernel, int stride, int padding, Rng rng) {
        this(inChannels, outChannels, kernel, stride, padding, 0, 1, true, DType.F32, rng);
    }

    /**
     * A layer with every option.
     *
     * @param inChannels channels of the input
     * @param outChannels channels of the output
     * @param kernel kernel height and width
     * @param stride spacing in the output between neighbouring input pixels, >= 1
     * @param padding rows and columns cropped from each side of the full output, >= 0
     * @param outputPadding extra rows and columns at the bottom and right; below the stride or the dilation
     * @param dilation spacing between kernel taps, >= 1
     * @param bias whether to add a learned per-channel bias
     * @param dtype dtype of the parameters (and of the inputs it accepts)
     * @param rng source of the initial values
     */
    public ConvTranspose2d(int inChannels, int outChannels, int kernel, int stride, int padding, int outputPadding,
                           int dilation, boolean bias, DType dtype, Rng rng) {
        // Init.fanIn of [inC, outC, k, k] is outC*k*k, the same (transposed-layout) fan-in PyTorch uses here.
        super(inChannels, outChannels, kernel, stride, padding, dilation,
                weightShape(inChannels, outChannels, kernel, stride, padding, outputPadding, dilation), bias, dtype, rng);
        this.outputPadding = outputPadding;
    }

    /** {@code [in, out, k, k]}, once every size has been checked. */
    private static Shape weightShape(int inChannels, int outChannels, int kernel, int stride, int padding,
                                     int outputPadding, int dilation) {
        if (inChannels < 1 || outChannels < 1 || kernel < 1 || stride < 1 || padding < 0 || dilation < 1
                || outputPadding < 0) {
            throw new IllegalArgumentException("ConvTranspose2d: need channels, kernel, stride, dilation >= 1 and"
                    + " padding, outputPadding >= 0, got in=" + inChannels + ", out=" + outChannels + ", kernel="
                    + kernel + ", stride=" + stride + ", padding=" + padding + ", outputPadding=" + outputPadding
                    + ", dilation=" + dilation);
        }
        if (outputPadding >= stride && outputPadding >= dilation) {
            throw new IllegalArgumentException("ConvTranspose2d: outputPadding " + outputPadding
                    + " must be smaller than either stride " + stride + " or dilation " + dilation);
        }
        return Shape.of(inChannels, outChannels, kernel, kernel);
    }

    /** Rows and columns cropped from each side. */
    public int padding() {
        return padding;
    }

    /** Extra rows and columns at the bottom and right. */
    public int outputPadding() {
        return outputPadding;
    }

    /** Output height (or width) for an input height (or width) of {@code size}; below 1 if the padding crops everything. */
    @Override
    public int outputSize(int size) {
        return (size - 1) * stride - 2 * padding + dilation * (kernel - 1) + outputPadding + 1;
    }

    /**
     * The transposed convolution with the given weight and bias in place of this layer's
     * parameters: for reparametrisations and for gradient checks with respect to them.
     *
     * @param input {@code [N, inChannels, H, W]}
     * @param weight {@code [inChannels, outChannels, k, k]}
     * @param bias {@code [outChannels]}, or null for none
     * @return {@code [N, outChannels, OH, OW]}
     */
    @Override
    public Var forwardWith(Var input, Var weight, Var bias) {
        Shape s = input.shape();
        if (s.rank() != 4 || s.dim(1) != inChannels) {
            throw new IllegalArgumentException(this + ": input shape " + s + " is not [N, " + inChannels + ", H, W]");
        }
        int h = s.dim(2);
        int w = s.dim(3);
        int oh = outputSize(h);
        int ow = outputSize(w);
        if (oh < 1 || ow < 1) {
            throw new IllegalArgumentException(this + ": input shape " + s + " gives an empty output (" + oh + "x"
                    + ow + "): the padding crops more than the transposed convolution produces");
        }
        checkParameters(weight, bias, input);
        // The convolution of the output image with this geometry is the map this layer is the adjoint of.
        ConvGeometry g = ConvGeometry.square(outChannels, oh, ow, kernel, stride, padding, dilation);
        // That convolution's output is H x W when outputPadding < stride. An outputPadding allowed only by the
        // dilation (>= stride) makes it larger: the extra positions correspond to no input pixel, so they are
        // zeros, which the transposed convolution scatters nowhere.
        Var x = input;
        if (g.outH() != h || g.outW() != w) {
            x = input.pad(new int[] {0, 0, 0, 0}, new int[] {0, 0, g.outH() - h, g.outW() - w}, 0.0);
        }
        Var y = LinalgOps.convTranspose2d(x, weight, g);
        return bias == null ? y : y.add(bias.reshape(outChannels, 1, 1));
    }

    @Override
    public String toString() {
        return "ConvTranspose2d(" + inChannels + " -> " + outChannels + ", kernel " + kernel + ", stride " + stride
                + ", padding " + padding + (outputPadding != 0 ? ", outputPadding " + outputPadding : "")
                + dilationAndBias() + ")";
    }
}
