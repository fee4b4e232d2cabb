package io.github.jgrad.wgan.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jgrad.tensor.Tensor;
import io.github.jgrad.wgan.data.TableColumn;
import io.github.jgrad.wgan.data.TableSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableMetricsTest {
    /** A numeric column in units of 10 (std 10) and a two-category column. */
    private static final TableSchema SCHEMA = new TableSchema(List.of(
            new TableColumn("x", false, 0, 10, 0, List.of()),
            new TableColumn("c", true, 0, 0, 0, List.of("a", "b"))));

    @Test
    void columnDistancesMatchHandWorkedValues() {
        // real x: 0, 1, 0, 1; synthetic x: 1, 2, 1, 2 -> every quantile moves by 1 standard deviation.
        // real c: a, a, b, b; synthetic c (probabilities, hardened): a, b, b, b -> TVD = |0.5-0.25| = 0.25.
        Tensor real = Tensor.of(new float[] {0, 1, 0, 1, 0, 1, 1, 0, 1, 0, 1, 0}, 4, 3);
        Tensor synthetic = Tensor.of(new float[] {1, 0.9f, 0.1f, 2, 0.4f, 0.6f, 1, 0.3f, 0.7f, 2, 0.2f, 0.8f}, 4, 3);
        Map<String, Double> m = TableMetrics.evaluate(SCHEMA, real, synthetic);
        assertEquals(1.0, m.get("w1_std/x"), 1e-6);
        assertEquals(10.0, m.get("w1/x"), 1e-5, "in the column's units");
        assertEquals(0.25, m.get("tvd/c"), 1e-12);
        assertEquals(1.0, m.get("w1_std_max"), 1e-6);
        assertEquals(0.25, m.get("tvd_max"), 1e-12);
    }

    @Test
    void identicalRowsScoreZeroAndAFlippedCorrelationScoresItsFrobeniusNorm() {
        // x and the indicator of b are perfectly correlated in real, perfectly anti-correlated in synthetic.
        Tensor real = Tensor.of(new float[] {0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1}, 4, 3);
        Map<String, Double> same = TableMetrics.evaluate(SCHEMA, real, real);
        assertEquals(0, same.get("w1_std/x"), 1e-12);
        assertEquals(0, same.get("tvd/c"), 1e-12);
        assertEquals(0, same.get("corr_diff"), 1e-12);
        Tensor flipped = Tensor.of(new float[] {0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 1, 0}, 4, 3);
        // corr(x, a), corr(x, b) flip sign (+-1 -> -+1): four off-diagonal entries differ by 2 -> sqrt(16) = 4.
        assertEquals(4.0, TableMetrics.evaluate(SCHEMA, real, flipped).get("corr_diff"), 1e-9);
    }

    @Test
    void exactWassersteinOfUnequalSamplesMatchesTheQuantileIntegral() {
        // a = {0, 2} against b = {0, 1, 2}: quantiles differ by 1 on (1/3, 1/2) and (1/2, 2/3) -> 1/3.
        assertEquals(1.0 / 3, TableMetrics.wasserstein1(new double[] {2, 0}, new double[] {1, 2, 0}), 1e-12);
    }

    @Test
    void syntheticRowsThatKeepTheRelationScoreLikeRealOnesAndShuffledOnesDoNot() {
        // y = b exactly when x > 0; a model learns it from 200 rows.
        TableSchema s = SCHEMA;
        float[] train = rows(200, 1, false);
        float[] test = rows(100, 2, false);
        float[] shuffled = rows(200, 3, true);
        TrainSyntheticTestReal.Result same = TrainSyntheticTestReal.evaluate(s, 1, Tensor.of(train, 200, 3),
                Tensor.of(train, 200, 3), Tensor.of(test, 100, 3));
        assertEquals("accuracy", same.measure());
        assertTrue(same.real() > 0.95, "real rows teach the relation: " + same.real());
        assertEquals(same.real(), same.synthetic(), 1e-12, "the same rows give the same score");
        TrainSyntheticTestReal.Result bad = TrainSyntheticTestReal.evaluate(s, 1, Tensor.of(shuffled, 200, 3),
                Tensor.of(train, 200, 3), Tensor.of(test, 100, 3));
        assertTrue(bad.synthetic() < 0.75, "labels unrelated to x teach nothing: " + bad.synthetic());
        TrainSyntheticTestReal.Result regression = TrainSyntheticTestReal.evaluate(s, 0, Tensor.of(train, 200, 3),
                Tensor.of(train, 200, 3), Tensor.of(test, 100, 3));
        assertEquals("r2", regression.measure());
        assertTrue(regression.real() > 0.3, "the category tells the sign of x: " + regression.real());
    }

    /** Rows (x ~ U(-1, 1), category b iff x > 0, or a random category when {@code unrelated}). */
    private static float[] rows(int n, long seed, boolean unrelated) {
        io.github.jgrad.tensor.Rng rng = new io.github.jgrad.tensor.Rng(seed);
        float[] out = new float[3 * n];
        for (int i = 0; i < n; i++) {
            double x = 2 * rng.nextDouble() - 1;
            boolean b = unrelated ? rng.nextDouble() < 0.5 : x > 0;
            out[3 * i] = (float) x;
            out[3 * i + (b ? 2 : 1)] = 1f;
        }
        return out;
    }
}
