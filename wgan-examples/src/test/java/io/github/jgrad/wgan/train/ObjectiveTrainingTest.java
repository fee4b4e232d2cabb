package io.github.jgrad.wgan.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Tensor;
import io.github.jgrad.wgan.data.ToyData;
import io.github.jgrad.wgan.metrics.SlicedWasserstein;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each objective added after the four reference ones trains on 8gaussians: a short run on small
 * networks more than halves the sliced Wasserstein distance of the untrained generator, which a
 * run whose losses or control were wrong (a critic that learns nothing, a penalty that
 * overwhelms it, a sign error) does not do. (He-uniform weights: in 300 iterations at this rate
 * the GAN losses move the wider start faster.)
 */
class ObjectiveTrainingTest {
    private static double swd(Experiment run) {
        Rng r = new Rng(99);
        Tensor real = ToyData.EIGHT_GAUSSIANS.sample(1000, r);
        return SlicedWasserstein.distance(real, run.trainer().sampleFakes(1000, r), 64, r);
    }

    @ParameterizedTest
    @ValueSource(strings = {"wgan-lp", "sn-wgan", "r1", "gan+stabilisers"})
    void trainsOnEightGaussians(String name) throws IOException {
        String id = name.replace("+stabilisers", "");
        TrainConfig c = TrainConfig.defaults(Objective.fromId(id), true).withIterations(300).withBatchSize(128)
                .withLearningRates(1e-3, 1e-3).withSeed(3).withInit(NetworkInit.HE_UNIFORM);
        if (name.endsWith("+stabilisers")) {
            c = c.withInstanceNoise(0.1).withRealLabel(0.9);
        }
        Experiment run = Experiment.create(new RunSpec("8gaussians", "toy", 64, null, c));
        double before = swd(run);
        for (int i = 0; i < 300; i++) {
            run.trainer().step();
        }
        double after = swd(run);
        assertTrue(after < 0.4 * before, id + ": SWD before " + before + ", after " + after);
    }
}
