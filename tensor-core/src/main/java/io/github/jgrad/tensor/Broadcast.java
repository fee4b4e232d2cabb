package io.github.jgrad.tensor;

/**
 * The reverse of broadcasting, in one place: a gradient of a broadcast result summed back to
 * the operand's shape.
 */
public final class Broadcast {
    private Broadcast() {
    }

    /**
     * Sums {@code x} over the axes along which {@code target} was broadcast to reach
     * {@code x}'s shape, returning a tensor of shape {@code target}.
     *
     * @throws IllegalArgumentException if {@code target} does not broadcast to {@code x}'s shape
     */
    public static Tensor sumToShape(Tensor x, Shape target) {
        java.util.Objects.requireNonNull(target, "target");
        if (x.shape.equals(target)) {
            return x;
        }
        if (!target.broadcastsTo(x.shape)) {
            throw new IllegalArgumentException("sumToShape: shape " + target + " does not broadcast to " + x.shape);
        }
        Tensor out = x.newZeros(target);
        sumToShape(x, out);
        return out;
    }

    /** Writes into {@code out} the sum of {@code x} over the axes broadcast from out's shape. */
    public static Tensor sumToShape(Tensor x, Tensor out) {
        if (!out.shape.broadcastsTo(x.shape) || out.dtype != x.dtype) {
            throw new IllegalArgumentException("sumToShape: output " + out.shape + " " + out.dtype
                    + " does not broadcast to " + x.shape + " " + x.dtype);
        }
        // Accumulated in double, so that large gradient sums keep float32 accuracy.
        double[] acc = Reductions.sumsOver(x, out.shape);
        for (int i = 0; i < acc.length; i++) {
            out.setDouble(i, acc[i]);
        }
        return out;
    }
}
