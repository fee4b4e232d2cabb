package io.github.jgrad.autodiff;

import io.github.jgrad.tensor.ConvGeometry;
import io.github.jgrad.tensor.Convolution;
import io.github.jgrad.tensor.MatMul;
import io.github.jgrad.tensor.Tensor;

/** Matrix product, the convolution unfold/fold and the convolution entries of the op table. */
public final class LinalgOps {
    private LinalgOps() {
    }

    /**
     * {@code op(a) @ op(b)} for 2-D or batched 3-D operands, {@code op} transposing the last two
     * axes when its flag is set. The gradients are matrix products again, with the transposes
     * expressed as flags; a 2-D operand shared across a batch gets its gradient summed over it.
     */
    public static Var matmul(Var a, Var b, boolean transA, boolean transB) {
        ElementwiseOps.requireOperands("matmul", a, b);
        return Var.record(Op.MATMUL, MatMul.matmul(a.value(), b.value(), transA, transB), (g, out, need) -> {
            Var da = null;
            Var db = null;
            if (need[0]) {
                da = transA ? matmul(b, g, transB, true) : matmul(g, b, false, !transB);
                da = sumBatch(da, a);
            }
            if (need[1]) {
                db = transB ? matmul(g, a, true, transA) : matmul(a, g, !transA, false);
                db = sumBatch(db, b);
            }
            return new Var[] {da, db};
        }, a, b);
    }

    /**
     * A fully connected layer, {@code x @ w^T + bias}, with the bias added inside the product
     * ({@link MatMul#linear}); without a bias it is {@code matmul(x, w, false, true)}. The
     * gradients are matrix products and a sum over the batch, so it differentiates to any order.
     *
     * @param x {@code [N, in]} (or {@code [B, N, in]}, computed as a batched product plus the bias)
     * @param w {@code [out, in]}
     * @param bias {@code [out]}, or null for none
     */
    public static Var linear(Var x, Var w, Var bias) {
        ElementwiseOps.requireOperands("linear", x, w);
        if (bias == null) {
            return matmul(x, w, false, true);
        }
        if (x.shape().rank() != 2) {
            // A batch of matrices [B, N, in]: the fused kernel is 2-D, so add the bias separately.
            return matmul(x, w, false, true).add(bias);
        }
        return Var.record(Op.LINEAR, MatMul.linear(x.value(), w.value(), bias.value()), (g, out, need) ->
                new Var[] {
                    need[0] ? matmul(g, w, false, false) : null,
                    need[1] ? matmul(g, x, true, false) : null,
                    need[2] ? ReductionOps.sum(g, new int[] {0}, false) : null}, x, w, bias);
    }

    private static Var sumBatch(Var grad, Var operand) {
        return grad.shape().rank() > operand.shape().rank() ? ReductionOps.sum(grad, new int[] {0}, false) : grad;
    }

    /** Convolution patches as columns, batch folded in: {@code N x C x H x W -> (C*kh*kw) x (N*OH*OW)}. */
    public static Var im2col(Var x, ConvGeometry geometry) {
        return Var.record(Op.IM2COL, Convolution.im2col(x.value(), geometry),
                (g, out, need) -> new Var[] {col2im(g, geometry)}, x);
    }

    /** Columns folded back into an image, summing overlaps; the adjoint of {@link #im2col}. */
    public static Var col2im(Var cols, ConvGeometry geometry) {
        return Var.record(Op.COL2IM, Convolution.col2im(cols.value(), geometry),
                (g, out, need) -> new Var[] {im2col(g, geometry)}, cols);
    }

    /**
     * 2-D convolution (cross-correlation, as PyTorch's {@code conv2d}) of {@code x}
     * ({@code N x C x H x W}, as {@code geometry} describes) with {@code w}
     * ({@code O x C x kh x kw}), no bias: {@code N x O x OH x OW}. Computed a few images at a
     * time ({@link Convolution}); its gradients are {@link #convTranspose2d} and
     * {@link #conv2dWeightGrad}, whose own gradients are again these three ops, so derivatives of
     * any order stay in this family.
     */
    public static Var conv2d(Var x, Var w, ConvGeometry geometry) {
        return conv2d(x, w, null, geometry);
    }

    /**
     * {@link #conv2d(Var, Var, ConvGeometry)} plus a per-channel {@code bias} ({@code [O]}),
     * added in the pass that lays out the product rather than by a broadcast add of its own. The
     * bias gradient is the output gradient summed over batch and positions. A null bias gives the
     * plain convolution.
     */
    public static Var conv2d(Var x, Var w, Var bias, ConvGeometry geometry) {
        ElementwiseOps.requireOperands("conv2d", x, w);
        Tensor y = Convolution.forward(x.value(), w.value(), bias == null ? null : bias.value(), geometry);
        Backward backward = (g, out, need) -> {
            Var[] grads = new Var[need.length]; // two inputs, or three with a bias
            grads[0] = need[0] ? convTranspose2d(g, w, geometry) : null;
            grads[1] = need[1] ? conv2dWeightGrad(x, g, geometry) : null;
            if (need.length > 2 && need[2]) {
                grads[2] = ReductionOps.sum(g, new int[] {0, 2, 3}, false);
            }
            return grads;
        };
        return bias == null ? Var.record(Op.CONV2D, y, backward, x, w)
                : Var.record(Op.CONV2D, y, backward, x, w, bias);
    }

    /**
     * The transposed convolution of {@code y} ({@code N x O x OH x OW}) with {@code w}
     * ({@code O x C x kh x kw}): {@code N x C x H x W}, the adjoint of {@link #conv2d} in its
     * input for the same geometry. It is also {@code ConvTranspose2d}'s forward map.
     */
    public static Var convTranspose2d(Var y, Var w, ConvGeometry geometry) {
        ElementwiseOps.requireOperands("conv_transpose2d", y, w);
        return Var.record(Op.CONV_TRANSPOSE2D, Convolution.transposed(y.value(), w.value(), geometry),
                (g, out, need) -> new Var[] {
                    // <g, T(y, w)> = <conv(g, w), y> = <weightGrad(g, y), w>
                    need[0] ? conv2d(g, w, geometry) : null,
                    need[1] ? conv2dWeightGrad(g, y, geometry) : null}, y, w);
    }

    /**
     * The weight gradient of {@link #conv2d}: {@code x} ({@code N x C x H x W}) against the
     * output gradient {@code y} ({@code N x O x OH x OW}), summed over the batch:
     * {@code O x C x kh x kw}.
     */
    public static Var conv2dWeightGrad(Var x, Var y, ConvGeometry geometry) {
        ElementwiseOps.requireOperands("conv2d_weight_grad", x, y);
        return Var.record(Op.CONV2D_WEIGHT_GRAD, Convolution.weightGradient(x.value(), y.value(), geometry),
                (g, out, need) -> new Var[] {
                    // <g, W(x, y)> = <conv(x, g), y> = <T(y, g), x>
                    need[0] ? convTranspose2d(y, g, geometry) : null,
                    need[1] ? conv2d(x, g, geometry) : null}, x, y);
    }
}
