package io.github.jgrad.wgan.metrics;

import io.github.jgrad.tensor.Tensor;
import java.util.Objects;

/**
 * Scores for generated images from a classifier's class probabilities {@code p(y|x)} (MNIST
 * without a pretrained network: the classifier is trained with this library on the labels).
 *
 * <ul>
 *   <li><b>classes covered</b>: classes that are the argmax (first one on ties) of at least
 *       {@code minCount} rows.</li>
 *   <li><b>KL to labels</b>: {@code KL(h || l) = sum over k with h_k > 0 of h_k log(h_k / l_k)}
 *       in nats, with {@code h} the normalised histogram of argmax classes and {@code l} the
 *       normalised reference label counts. 0 when the generator reproduces the label
 *       frequencies; {@code +inf} if it produces a class the labels never contain.</li>
 *   <li><b>inception score</b>: {@code exp(E_x KL(p(y|x) || p(y)))} with {@code p(y)} the mean
 *       of the rows; terms with {@code p(y|x) = 0} contribute 0. It lies in {@code [1, K]}: 1 when
 *       every row is the same distribution, {@code K} for confident predictions spread evenly
 *       over the {@code K} classes.</li>
 * </ul>
 */
public final class ClassHistogramMetrics {

    /**
     * Largest tolerated deviation of a row sum from 1: float32 softmax rows are off by about
     * 1e-7, while logits or unnormalised scores passed by mistake are off by far more.
     */
    private static final double ROW_SUM_TOLERANCE = 1e-3;

    /**
     * The outcome of one evaluation.
     *
     * @param classesCovered classes predicted (as argmax) for at least the minimum count of rows
     * @param klToLabels     {@code KL(predicted-class histogram || label histogram)}, nats
     * @param inceptionScore {@code exp(E_x KL(p(y|x) || p(y)))}
     */
    public record Result(int classesCovered, double klToLabels, double inceptionScore) {
    }

    private ClassHistogramMetrics() {
    }

    /**
     * Evaluates with a class counted as covered when it is predicted at least once.
     *
     * @see #evaluate(Tensor, int[], int)
     */
    public static Result evaluate(Tensor probabilities, int[] labelCounts) {
        return evaluate(probabilities, labelCounts, 1);
    }

    /**
     * Evaluates class probabilities against reference label counts.
     *
     * @param probabilities {@code [N, K]}, each row non-negative and summing to 1 (within 1e-3)
     * @param labelCounts   {@code K} non-negative counts of the reference labels, not all zero
     *                      (e.g. {@link io.github.jgrad.wgan.data.Mnist#labelCounts()})
     * @param minCount      rows a class must win to count as covered, at least 1
     * @throws IllegalArgumentException on a shape mismatch, a row that is not a distribution,
     *                                  invalid counts or {@code minCount < 1}
     */
    public static Result evaluate(Tensor probabilities, int[] labelCounts, int minCount) {
        Objects.requireNonNull(labelCounts, "labelCounts");
        SampleRows p = SampleRows.matrix("ClassHistogramMetrics", "probabilities", probabilities, labelCounts.length);
        if (minCount < 1) {
            throw new IllegalArgumentException("ClassHistogramMetrics: minCount must be at least 1, got " + minCount);
        }
        checkRows(p);
        int[] predicted = argmaxCounts(p);
        int covered = 0;
        for (int c : predicted) {
            if (c >= minCount) {
                covered++;
            }
        }
        return new Result(covered, klToLabels(predicted, labelCounts), inceptionScore(p));
    }

    private static void checkRows(SampleRows p) {
        for (int i = 0; i < p.rows(); i++) {
            double sum = 0;
            for (int k = 0; k < p.width(); k++) {
                double v = p.get(i, k);
                if (!(v >= 0)) {
                    throw new IllegalArgumentException("ClassHistogramMetrics: row " + i + " has probability "
                            + v + " for class " + k + "; expected softmax outputs, not logits");
                }
                sum += v;
            }
            if (Math.abs(sum - 1.0) > ROW_SUM_TOLERANCE) {
                throw new IllegalArgumentException("ClassHistogramMetrics: row " + i + " sums to " + sum
                        + ", not 1; expected softmax outputs");
            }
        }
    }

    private static int[] argmaxCounts(SampleRows p) {
        int[] counts = new int[p.width()];
        for (int i = 0; i < p.rows(); i++) {
            int best = 0;
            for (int k = 1; k < p.width(); k++) {
                if (p.get(i, k) > p.get(i, best)) {
                    best = k;
                }
            }
            counts[best]++;
        }
        return counts;
    }

    private static double klToLabels(int[] predicted, int[] labelCounts) {
        long labelTotal = 0;
        for (int c : labelCounts) {
            if (c < 0) {
                throw new IllegalArgumentException("ClassHistogramMetrics: negative label count " + c);
            }
            labelTotal += c;
        }
        if (labelTotal == 0) {
            throw new IllegalArgumentException("ClassHistogramMetrics: label counts are all zero");
        }
        long predictedTotal = 0;
        for (int c : predicted) {
            predictedTotal += c;
        }
        double kl = 0;
        for (int k = 0; k < predicted.length; k++) {
            if (predicted[k] > 0) {
                double h = (double) predicted[k] / predictedTotal;
                double l = (double) labelCounts[k] / labelTotal;
                kl += h * Math.log(h / l); // l = 0 gives +inf, as documented
            }
        }
        return Math.max(0.0, kl); // rounding must not turn a perfect match into a negative KL
    }

    private static double inceptionScore(SampleRows p) {
        double[] marginal = new double[p.width()];
        for (int i = 0; i < p.rows(); i++) {
            for (int k = 0; k < p.width(); k++) {
                marginal[k] += p.get(i, k);
            }
        }
        for (int k = 0; k < marginal.length; k++) {
            marginal[k] /= p.rows();
        }
        double meanKl = 0;
        for (int i = 0; i < p.rows(); i++) {
            double kl = 0;
            for (int k = 0; k < p.width(); k++) {
                double v = p.get(i, k);
                if (v > 0) {
                    kl += v * Math.log(v / marginal[k]);
                }
            }
            meanKl += kl;
        }
        meanKl /= p.rows();
        return Math.exp(Math.max(0.0, meanKl));
    }
}
