package io.github.jgrad.wgan.metrics;

import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Tensor;
import io.github.jgrad.wgan.data.Sampler;
import java.util.Arrays;
import java.util.Objects;

/**
 * The sliced Wasserstein distance with {@code p = 1} between two sample sets: the average, over
 * {@code K} random directions, of the 1-D Wasserstein-1 distance between the two sets projected
 * on the direction. Directions are Gaussian vectors normalised to unit length, i.e. uniform on
 * the sphere.
 *
 * <p>In 1-D, W1 between empirical distributions is {@code integral_0^1 |Qa(u) - Qb(u)| du} with
 * {@code Qa}, {@code Qb} the step quantile functions of the sorted projections. With equal sizes
 * this is the mean of {@code |a_(i) - b_(i)|} over sorted pairs, as in the reference. With
 * different sizes {@code N != M} it is computed exactly, without interpolation: both quantile
 * functions are constant between the breakpoints {@code i/N} and {@code j/M}, so the integral is
 * a sum over the merged breakpoints.
 *
 * <p>Samples may have any shape {@code [N, ...]}; trailing dimensions are flattened, so
 * {@code [N, 1, 28, 28]} MNIST batches are compared in 784-dimensional pixel space. The result is
 * NaN if any value is NaN.
 */
public final class SlicedWasserstein {

    private SlicedWasserstein() {
    }

    /**
     * The sliced W1 distance between {@code a} and {@code b}.
     *
     * @param a          {@code [N, ...]} samples, float32 or float64
     * @param b          {@code [M, ...]} samples with the same number of features as {@code a}
     * @param directions number of random directions {@code K}, at least 1
     * @param rng        draws the directions; it is advanced
     * @throws IllegalArgumentException on empty sets, mismatched features or {@code directions < 1}
     */
    public static double distance(Tensor a, Tensor b, int directions, Rng rng) {
        SampleRows ra = SampleRows.of("SlicedWasserstein", "a", a);
        SampleRows rb = SampleRows.of("SlicedWasserstein", "b", b);
        if (ra.width() != rb.width()) {
            throw new IllegalArgumentException("SlicedWasserstein: a has " + ra.width() + " features per sample "
                    + a.shape() + ", b has " + rb.width() + " " + b.shape());
        }
        if (directions < 1) {
            throw new IllegalArgumentException("SlicedWasserstein: directions must be at least 1, got " + directions);
        }
        Objects.requireNonNull(rng, "rng");
        double[] theta = new double[ra.width()];
        double[] pa = new double[ra.rows()];
        double[] pb = new double[rb.rows()];
        double total = 0;
        for (int k = 0; k < directions; k++) {
            randomUnitVector(rng, theta);
            project(ra, theta, pa);
            project(rb, theta, pb);
            total += sortedW1(pa, pb);
        }
        return total / directions;
    }

    /**
     * The floor of the distance for a data source: the sliced W1 between two independent sets of
     * {@code n} real samples. A model cannot be expected to score below it with {@code n} samples.
     *
     * @param data       the real data, e.g. a {@link io.github.jgrad.wgan.data.ToyData}
     * @param n          samples per set, at least 1
     * @param directions number of random directions, at least 1
     * @param rng        draws both sets, then the directions
     */
    public static double floor(Sampler data, int n, int directions, Rng rng) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(rng, "rng");
        Tensor first = data.sample(n, rng);
        Tensor second = data.sample(n, rng);
        return distance(first, second, directions, rng);
    }

    /** Fills {@code v} with a direction uniform on the unit sphere. */
    private static void randomUnitVector(Rng rng, double[] v) {
        double norm2;
        do { // a zero vector has probability 0, but would divide by zero
            norm2 = 0;
            for (int j = 0; j < v.length; j++) {
                v[j] = rng.nextGaussian();
                norm2 += v[j] * v[j];
            }
        } while (norm2 == 0);
        double inv = 1.0 / Math.sqrt(norm2);
        for (int j = 0; j < v.length; j++) {
            v[j] *= inv;
        }
    }

    /** Projects every row on {@code theta} and sorts the projections ascending. */
    private static void project(SampleRows rows, double[] theta, double[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = rows.dot(i, theta);
        }
        Arrays.sort(out);
    }

    /**
     * Exact W1 between two sorted 1-D empirical distributions: walks the merged breakpoints
     * {@code i/N} and {@code j/M}, compared as integers {@code i*M} and {@code j*N} so that equal
     * breakpoints are recognised without rounding.
     */
    static double sortedW1(double[] a, double[] b) {
        long n = a.length;
        long m = b.length;
        int i = 0;
        int j = 0;
        long u = 0; // current breakpoint, in units of 1/(N*M)
        double sum = 0;
        while (i < n && j < m) {
            long nextA = (i + 1) * m;
            long nextB = (j + 1) * n;
            long next = Math.min(nextA, nextB);
            sum += (next - u) * Math.abs(a[i] - b[j]);
            u = next;
            if (nextA == next) {
                i++;
            }
            if (nextB == next) {
                j++;
            }
        }
        return sum / ((double) n * m);
    }
}
