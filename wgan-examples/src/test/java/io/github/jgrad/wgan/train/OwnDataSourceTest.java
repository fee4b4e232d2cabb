package io.github.jgrad.wgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import io.github.jgrad.wgan.data.DataSource;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A run on a data source of the caller's own, known to the trainer only through the interface. */
class OwnDataSourceTest {
    /** Points spread thinly around (1.5, -0.5, 0.25): three values per sample, unlike any built-in set. */
    private static DataSource blob(AtomicInteger draws) {
        Tensor centre = Tensor.of(new float[] {1.5f, -0.5f, 0.25f}, 1, 3);
        return DataSource.of("blob", Shape.of(3), (n, rng) -> {
            draws.incrementAndGet();
            return rng.normal(DType.F32, Shape.of(n, 3), 0, 0.05).add(centre);
        });
    }

    @Test
    void theGeneratorLearnsAThreeValuedSourceOfItsOwn() {
        AtomicInteger draws = new AtomicInteger();
        TrainConfig c = TrainConfig.defaults(Objective.WGAN_GP, true).withIterations(300).withBatchSize(64)
                .withLearningRates(1e-3, 1e-3).withSeed(4);
        Experiment run = Experiment.create(new RunSpec("blob", "toy", 32, null, c), blob(draws));
        for (int i = 0; i < 300; i++) {
            run.trainer().step();
        }
        assertEquals(300 * 5, draws.get(), "one real batch per critic step, all from the source");
        Tensor mean = run.trainer().sampleFakes(1000, new Rng(9)).mean(new int[] {0}, false);
        double[] want = {1.5, -0.5, 0.25};
        for (int j = 0; j < 3; j++) {
            assertEquals(want[j], mean.getDouble(j), 0.15, "coordinate " + j + " of the generated mean");
        }
    }

    @Test
    void aNetworkThatDoesNotFitTheSampleShapeIsNamedWithBothShapes() {
        TrainConfig c = TrainConfig.defaults(Objective.WGAN_GP, false).withIterations(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Experiment.create(new RunSpec("mnist", "mnist-conv", 8, null, c), blob(new AtomicInteger())));
        assertTrue(e.getMessage().contains("[1, 28, 28]") && e.getMessage().contains("blob")
                && e.getMessage().contains("[3]"), e.getMessage());
    }
}
