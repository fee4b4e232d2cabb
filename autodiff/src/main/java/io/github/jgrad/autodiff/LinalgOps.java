package io.github.jgrad.autodiff;

import io.github.jgrad.tensor.ConvGeometry;
import io.github.jgrad.tensor.Convolution;
import io.github.jgrad.tensor.MatMul;

/** Matrix product and the convolution unfold/fold entries of the op table. */
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
}
