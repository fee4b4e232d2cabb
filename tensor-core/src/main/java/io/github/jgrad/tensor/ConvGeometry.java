package io.github.jgrad.tensor;

/**
 * The sizes of a 2-D convolution over an input of {@code channels x height x width}: kernel,
 * stride, zero padding and dilation, each per spatial axis. Output sizes follow PyTorch:
 * {@code out = (in + 2 * pad - dilation * (kernel - 1) - 1) / stride + 1}.
 *
 * @param channels input channels
 * @param height input height
 * @param width input width
 * @param kernelH kernel height
 * @param kernelW kernel width
 * @param strideH vertical stride
 * @param strideW horizontal stride
 * @param padH zero rows added above and below
 * @param padW zero columns added left and right
 * @param dilationH vertical spacing of kernel taps
 * @param dilationW horizontal spacing of kernel taps
 */
public record ConvGeometry(int channels, int height, int width, int kernelH, int kernelW,
                           int strideH, int strideW, int padH, int padW, int dilationH, int dilationW) {

    /** Validates every size and that the output is at least 1 x 1. */
    public ConvGeometry {
        if (channels < 1 || height < 1 || width < 1 || kernelH < 1 || kernelW < 1 || strideH < 1 || strideW < 1
                || padH < 0 || padW < 0 || dilationH < 1 || dilationW < 1) {
            throw new IllegalArgumentException("conv geometry: sizes must be positive (padding non-negative), got " + describe(
                    channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW));
        }
        int oh = (height + 2 * padH - dilationH * (kernelH - 1) - 1) / strideH + 1;
        int ow = (width + 2 * padW - dilationW * (kernelW - 1) - 1) / strideW + 1;
        if (height + 2 * padH < dilationH * (kernelH - 1) + 1 || width + 2 * padW < dilationW * (kernelW - 1) + 1
                || oh < 1 || ow < 1) {
            throw new IllegalArgumentException("conv geometry: kernel larger than padded input in " + describe(
                    channels, height, width, kernelH, kernelW, strideH, strideW, padH, padW, dilationH, dilationW));
        }
    }

    /** Square kernel, stride, padding and dilation. */
    public static ConvGeometry square(int channels, int height, int width, int kernel, int stride, int pad, int dilation) {
        return new ConvGeometry(channels, height, width, kernel, kernel, stride, stride, pad, pad, dilation, dilation);
    }

    /** Output height. */
    public int outH() {
        return (height + 2 * padH - dilationH * (kernelH - 1) - 1) / strideH + 1;
    }

    /** Output width. */
    public int outW() {
        return (width + 2 * padW - dilationW * (kernelW - 1) - 1) / strideW + 1;
    }

    /** Rows of a column matrix: {@code channels * kernelH * kernelW}. */
    public int patchSize() {
        return channels * kernelH * kernelW;
    }

    private static String describe(int c, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw) {
        return "input " + c + "x" + h + "x" + w + ", kernel " + kh + "x" + kw + ", stride " + sh + "x" + sw
                + ", padding " + ph + "x" + pw + ", dilation " + dh + "x" + dw;
    }
}
