package io.github.jgrad.wgan.metrics;

import io.github.jgrad.tensor.Tensor;
import io.github.jgrad.wgan.data.ToyData;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.joml.Vector2dc;

/**
 * Modes covered, high-quality share and reverse KL of generated samples on a 2-D Gaussian
 * mixture (as in VEEGAN and PacGAN; the reference evaluates 2500 samples).
 *
 * <ul>
 *   <li>A sample is <b>high quality</b> (HQ) if its Euclidean distance to the nearest mode
 *       centre is strictly below {@code 3 * modeStd}. Ties between equally near centres go to
 *       the first in list order.</li>
 *   <li>A mode is <b>covered</b> if it is the nearest centre of at least one HQ sample.</li>
 *   <li>The <b>reverse KL</b> compares the histogram of HQ samples over the {@code K} modes,
 *       normalised to {@code q}, with the uniform {@code p_i = 1/K}:
 *       {@code KL(q || p) = sum over i with q_i > 0 of q_i log(q_i / p_i)}, in nats. It is 0 when
 *       every mode holds the same number of HQ samples and {@code log K} when all sit in one
 *       mode; covering {@code m} modes evenly gives {@code log(K/m)}. With no HQ samples,
 *       {@code q} does not exist and the value is {@link Double#NaN}: "undefined", rather than
 *       {@code +inf}, which would suggest a divergence beyond the largest possible
 *       {@code log K}.</li>
 * </ul>
 */
public final class ModeCoverage {

    /**
     * The outcome of one evaluation.
     *
     * @param modesCovered      modes that are the nearest centre of at least one HQ sample
     * @param totalModes        number of mode centres {@code K}
     * @param highQualityShare  HQ samples divided by all samples, in {@code [0, 1]}
     * @param reverseKl         {@code KL(q || uniform)} in nats, or NaN if there is no HQ sample
     * @param countsPerMode     HQ samples per mode, in the order of the centres given
     */
    public record Result(int modesCovered, int totalModes, double highQualityShare, double reverseKl,
                         int[] countsPerMode) {

        /** Copies the counts so the record stays a value. */
        public Result {
            countsPerMode = countsPerMode.clone();
        }

        /** A copy of the HQ sample counts per mode. */
        @Override
        public int[] countsPerMode() {
            return countsPerMode.clone();
        }

        /** Equal if every component is, comparing the counts element by element. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Result r && modesCovered == r.modesCovered && totalModes == r.totalModes
                    && Double.compare(highQualityShare, r.highQualityShare) == 0
                    && Double.compare(reverseKl, r.reverseKl) == 0
                    && Arrays.equals(countsPerMode, r.countsPerMode);
        }

        /** Consistent with {@link #equals(Object)}. */
        @Override
        public int hashCode() {
            return Objects.hash(modesCovered, totalModes, highQualityShare, reverseKl) * 31
                    + Arrays.hashCode(countsPerMode);
        }

        /** The components, with the counts written out. */
        @Override
        public String toString() {
            return "Result[modesCovered=" + modesCovered + ", totalModes=" + totalModes
                    + ", highQualityShare=" + highQualityShare + ", reverseKl=" + reverseKl
                    + ", countsPerMode=" + Arrays.toString(countsPerMode) + "]";
        }
    }

    private ModeCoverage() {
    }

    /**
     * Evaluates samples against the modes of a toy data set, in its scaled space.
     *
     * @param samples {@code [N, 2]} float32 or float64, {@code N >= 1}
     * @param data    a mixture ({@link ToyData#hasModes()})
     * @throws IllegalArgumentException if the set has no modes (the swiss roll) or the shape is wrong
     */
    public static Result evaluate(Tensor samples, ToyData data) {
        Objects.requireNonNull(data, "data");
        if (!data.hasModes()) {
            throw new IllegalArgumentException("ModeCoverage: " + data.id()
                    + " has no modes; use SlicedWasserstein to compare it");
        }
        return evaluate(samples, data.modeCentres(), data.modeStd());
    }

    /**
     * Evaluates samples against the given mode centres.
     *
     * @param samples {@code [N, 2]} float32 or float64, {@code N >= 1}
     * @param centres the {@code K >= 1} mode centres
     * @param modeStd the per-mode standard deviation, positive; HQ means nearer than 3 of them
     * @throws IllegalArgumentException on a wrong shape, no centres or a non-positive std
     */
    public static Result evaluate(Tensor samples, List<? extends Vector2dc> centres, double modeStd) {
        SampleRows rows = SampleRows.matrix("ModeCoverage", "samples", samples, 2);
        Objects.requireNonNull(centres, "centres");
        if (centres.isEmpty()) {
            throw new IllegalArgumentException("ModeCoverage: no mode centres given");
        }
        if (!(modeStd > 0) || Double.isInfinite(modeStd)) {
            throw new IllegalArgumentException("ModeCoverage: modeStd must be positive and finite, got " + modeStd);
        }
        double radius = 3.0 * modeStd;
        int[] counts = new int[centres.size()];
        int highQuality = 0;
        for (int i = 0; i < rows.rows(); i++) {
            double x = rows.get(i, 0);
            double y = rows.get(i, 1);
            int nearest = 0;
            double best = Double.POSITIVE_INFINITY;
            for (int k = 0; k < centres.size(); k++) {
                double dist = centres.get(k).distance(x, y);
                if (dist < best) {
                    best = dist;
                    nearest = k;
                }
            }
            // A NaN sample has best = +inf and is never high quality.
            if (best < radius) {
                counts[nearest]++;
                highQuality++;
            }
        }
        return new Result(covered(counts), counts.length, (double) highQuality / rows.rows(),
                reverseKlToUniform(counts, highQuality), counts);
    }

    private static int covered(int[] counts) {
        int covered = 0;
        for (int c : counts) {
            if (c > 0) {
                covered++;
            }
        }
        return covered;
    }

    private static double reverseKlToUniform(int[] counts, int total) {
        if (total == 0) {
            return Double.NaN;
        }
        double kl = 0;
        for (int c : counts) {
            if (c > 0) {
                // c*K/total in one division: balanced counts give exactly log(1) = 0.
                kl += (double) c / total * Math.log((double) c * counts.length / total);
            }
        }
        // KL is never negative; rounding in nearly balanced histograms could dip below zero.
        return Math.max(0.0, kl);
    }
}
