package io.github.jgrad.wgan.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ClassHistogramMetricsTest {
    private static final int[] MNIST_TEST_COUNTS = {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009};

    /** {@code n} one-hot rows over {@code k} classes, row {@code i} predicting {@code classOf[i]}. */
    private static Tensor oneHot(int k, int[] classOf) {
        double[] p = new double[classOf.length * k];
        for (int i = 0; i < classOf.length; i++) {
            p[i * k + classOf[i]] = 1;
        }
        return Tensor.of(p, classOf.length, k);
    }

    @Test
    void confidentPredictionsSpreadEvenlyScoreKAndCoverEveryClass() {
        int[] classOf = new int[100];
        for (int i = 0; i < classOf.length; i++) {
            classOf[i] = i % 10;
        }
        int[] uniformLabels = new int[10];
        java.util.Arrays.fill(uniformLabels, 7);
        ClassHistogramMetrics.Result r = ClassHistogramMetrics.evaluate(oneHot(10, classOf), uniformLabels);
        assertEquals(10, r.classesCovered());
        assertEquals(10.0, r.inceptionScore(), 1e-12);
        assertEquals(0.0, r.klToLabels(), 1e-15);
    }

    @Test
    void predictingOneClassScoresOneAndItsKlIsMinusTheLogOfItsLabelShare() {
        ClassHistogramMetrics.Result r = ClassHistogramMetrics.evaluate(oneHot(10, new int[] {0, 0, 0, 0}), MNIST_TEST_COUNTS);
        assertEquals(1, r.classesCovered());
        assertEquals(1.0, r.inceptionScore(), 1e-15);
        assertEquals(Math.log(10_000.0 / 980), r.klToLabels(), 1e-12);
    }

    @Test
    void softPredictionsGiveTheHandComputedScore() {
        // rows (0.9, 0.1) and (0.2, 0.8): p(y) = (0.55, 0.45); argmax classes 0 and 1
        Tensor p = Tensor.of(new double[] {0.9, 0.1, 0.2, 0.8}, 2, 2);
        double kl1 = 0.9 * Math.log(0.9 / 0.55) + 0.1 * Math.log(0.1 / 0.45);
        double kl2 = 0.2 * Math.log(0.2 / 0.55) + 0.8 * Math.log(0.8 / 0.45);
        ClassHistogramMetrics.Result r = ClassHistogramMetrics.evaluate(p, new int[] {1, 3});
        assertEquals(Math.exp((kl1 + kl2) / 2), r.inceptionScore(), 1e-12);
        assertEquals(2, r.classesCovered());
        // h = (1/2, 1/2), l = (1/4, 3/4)
        assertEquals(0.5 * Math.log(2) + 0.5 * Math.log(2.0 / 3), r.klToLabels(), 1e-12);
    }

    @Test
    void identicalUncertainRowsScoreOne() {
        Tensor p = Tensor.of(new double[] {0.25, 0.25, 0.5, 0.25, 0.25, 0.5}, 2, 3);
        assertEquals(1.0, ClassHistogramMetrics.evaluate(p, new int[] {1, 1, 1}).inceptionScore(), 1e-15);
    }

    @Test
    void aMinimumCountLeavesRarelyPredictedClassesUncovered() {
        Tensor p = oneHot(3, new int[] {0, 0, 0, 1, 2, 2});
        assertEquals(3, ClassHistogramMetrics.evaluate(p, new int[] {1, 1, 1}).classesCovered());
        assertEquals(2, ClassHistogramMetrics.evaluate(p, new int[] {1, 1, 1}, 2).classesCovered());
        assertEquals(1, ClassHistogramMetrics.evaluate(p, new int[] {1, 1, 1}, 3).classesCovered());
    }

    @Test
    void predictingAClassTheLabelsNeverContainIsAnInfiniteKl() {
        Tensor p = oneHot(3, new int[] {0, 2});
        assertEquals(Double.POSITIVE_INFINITY, ClassHistogramMetrics.evaluate(p, new int[] {5, 5, 0}).klToLabels());
    }

    @Test
    void rowsThatAreNotDistributionsAndMismatchedShapesAreRefused() {
        int[] counts = {1, 1};
        assertThrows(IllegalArgumentException.class,
                () -> ClassHistogramMetrics.evaluate(Tensor.of(new double[] {2.0, -1.0}, 1, 2), counts));
        assertThrows(IllegalArgumentException.class,
                () -> ClassHistogramMetrics.evaluate(Tensor.of(new double[] {0.5, 0.6}, 1, 2), counts));
        assertThrows(IllegalArgumentException.class,
                () -> ClassHistogramMetrics.evaluate(Tensor.of(new double[] {0.5, 0.5}, 1, 2), new int[] {1, 1, 1}));
        assertThrows(IllegalArgumentException.class,
                () -> ClassHistogramMetrics.evaluate(Tensor.of(new double[] {0.5, 0.5}, 1, 2), new int[] {0, 0}));
        assertThrows(IllegalArgumentException.class,
                () -> ClassHistogramMetrics.evaluate(Tensor.of(new double[] {0.5, 0.5}, 1, 2), counts, 0));
    }
}
