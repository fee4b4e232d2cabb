package io.github.jgrad.wgan.metrics;

import io.github.jgrad.tensor.Tensor;
import java.util.Arrays;

/**
 * A memorisation check for image generators: the distance from each generated image to its
 * nearest training image, against the same for held-out real images. A generator that learnt the
 * distribution lands about as close to the training set as fresh real images do; one that copies
 * its training images lands much closer (a median near 0).
 *
 * <p>Distances are Euclidean in pixel space, over the flattened images.
 */
public final class Memorisation {
    private Memorisation() {
    }

    /**
     * The two medians.
     *
     * @param generated median nearest-training-image distance of the generated images
     * @param heldOut   the same for held-out real images
     */
    public record Result(double generated, double heldOut) {
        /** {@code generated / heldOut}: about 1 for a generator that does not copy, near 0 for one that does. */
        public double ratio() {
            return generated / heldOut;
        }
    }

    /** Both medians; every tensor {@code [n, ...]} with the same sample size. */
    public static Result evaluate(Tensor training, Tensor generated, Tensor heldOut) {
        return new Result(median(nearestDistances(generated, training)), median(nearestDistances(heldOut, training)));
    }

    /**
     * For each row of {@code queries}, the Euclidean distance to its nearest row of
     * {@code reference}, from {@code |q|^2 + |r|^2 - 2 q.r} as one matrix product.
     */
    public static double[] nearestDistances(Tensor queries, Tensor reference) {
        int m = queries.dim(0);
        int n = reference.dim(0);
        int d = queries.size() / m;
        if (reference.size() / n != d) {
            throw new IllegalArgumentException("memorisation: queries " + queries.shape() + " and reference "
                    + reference.shape() + " differ in sample size");
        }
        Tensor q = queries.reshape(m, d);
        Tensor r = reference.reshape(n, d);
        Tensor q2 = q.square().sum(new int[] {1}, true);
        Tensor r2 = r.square().sum(new int[] {1}, false).reshape(1, n);
        Tensor d2 = q2.add(r2).sub(q.matmul(r, false, true).mul(2));
        double[] nearest = d2.min(new int[] {1}, false).toDoubleArray();
        for (int i = 0; i < nearest.length; i++) {
            nearest[i] = Math.sqrt(Math.max(0, nearest[i])); // rounding can leave a tiny negative square
        }
        return nearest;
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int k = s.length;
        return k % 2 == 1 ? s[k / 2] : (s[k / 2 - 1] + s[k / 2]) / 2;
    }
}
