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
        int[] outStrides = StridedWalk.broadcastStrides(out.shape, x.shape);
        StridedWalk w = new StridedWalk(x.shape.toArray(), outStrides);
        int len = w.rowLength;
        int os = w.innerStrides[0];
        int base = 0;
        if (x.f != null) {
            // Accumulate in double so that large gradient sums keep float32 accuracy.
            double[] acc = new double[out.size()];
            float[] xf = x.f;
            for (int r = 0; r < w.rows; r++, base += len, w.next()) {
                int o = w.offsets[0];
                if (os == 0) {
                    acc[o] += Reductions.rowSum(xf, base, len);
                } else if (os == 1) {
                    // The common case (a bias gradient summed over the batch): a unit-stride loop the JIT vectorises.
                    for (int j = 0; j < len; j++) {
                        acc[o + j] += xf[base + j];
                    }
                } else {
                    for (int j = 0; j < len; j++) {
                        acc[o + j * os] += xf[base + j];
                    }
                }
            }
            for (int i = 0; i < acc.length; i++) {
                out.f[i] = (float) acc[i];
            }
        } else {
            java.util.Arrays.fill(out.d, 0.0);
            for (int r = 0; r < w.rows; r++, base += len, w.next()) {
                int o = w.offsets[0];
                for (int j = 0; j < len; j++) {
                    out.d[o + j * os] += x.d[base + j];
                }
            }
        }
        return out;
    }
}
