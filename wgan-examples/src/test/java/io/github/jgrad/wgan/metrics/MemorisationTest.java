package io.github.jgrad.wgan.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

class MemorisationTest {
    @Test
    void nearestDistancesMatchHandWorkedValues() {
        Tensor reference = Tensor.of(new float[] {0, 0, 3, 4}, 2, 1, 2); // points (0, 0) and (3, 4)
        Tensor queries = Tensor.of(new float[] {3, 4, 0, 1, 6, 8}, 3, 1, 2);
        assertArrayEquals(new double[] {0, 1, 5}, Memorisation.nearestDistances(queries, reference), 1e-5);
    }

    @Test
    void copiesOfTrainingImagesScoreZeroAgainstFreshOnes() {
        Tensor training = Tensor.of(new float[] {0, 0, 1, 1, 2, 2, 3, 3}, 4, 2);
        Tensor copies = training.slice(0, 1, 3);
        Tensor fresh = Tensor.of(new float[] {0.5f, 0.5f, 2.5f, 2.5f}, 2, 2);
        Memorisation.Result r = Memorisation.evaluate(training, copies, fresh);
        assertEquals(0, r.generated(), 1e-6);
        assertEquals(Math.sqrt(0.5), r.heldOut(), 1e-6);
        assertEquals(0, r.ratio(), 1e-6);
    }
}
