package io.github.jgrad.wgan.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jgrad.nn.Parameter;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Tensor;
import io.github.jgrad.wgan.data.ToyData;
import io.github.jgrad.wgan.metrics.SlicedWasserstein;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
    private static Experiment toyRun(Objective o, int width, int iterations, int batch, double lr) throws IOException {
        TrainConfig c = TrainConfig.defaults(o, true).withIterations(iterations).withBatchSize(batch)
                .withLearningRates(lr, lr).withSeed(3);
        return Experiment.create(new RunSpec("8gaussians", "toy", width, null, c));
    }

    private static double swd(Experiment run) {
        Rng r = new Rng(99);
        Tensor real = ToyData.EIGHT_GAUSSIANS.sample(1000, r);
        return SlicedWasserstein.distance(real, run.trainer().sampleFakes(1000, r), 64, r);
    }

    @Test
    void wganGpOnEightGaussiansLearns() throws IOException {
        Experiment run = toyRun(Objective.WGAN_GP, 64, 300, 128, 1e-3);
        double before = swd(run);
        for (int i = 0; i < 300; i++) {
            run.trainer().step();
        }
        double after = swd(run);
        assertTrue(after < 0.4 * before, "SWD before " + before + ", after " + after);
    }

    @Test
    void wganClipKeepsEveryCriticWeightInsideTheBound() throws IOException {
        Experiment run = toyRun(Objective.WGAN_CLIP, 32, 20, 64, 5e-5);
        double c = run.trainer().config().clip();
        for (int i = 0; i < 20; i++) {
            IterationStats s = run.trainer().step();
            assertTrue(s.clippedFraction() >= 0 && s.clippedFraction() <= 1);
            for (Parameter p : run.trainer().critic().parameters()) {
                for (double w : p.value().toDoubleArray()) {
                    assertTrue(Math.abs(w) <= (float) c, "critic weight " + w + " outside [-" + c + ", " + c + "]");
                }
            }
        }
    }

    @Test
    void unconstrainedWganCriticOutputsRunAwayWhileConstrainedOnesStaySmall() throws IOException {
        double[] gap = new double[3];
        Objective[] objs = {Objective.WGAN, Objective.WGAN_CLIP, Objective.WGAN_GP};
        for (int k = 0; k < 3; k++) {
            // Same nets, optimizer and learning rate for all three, so only the constraint differs.
            TrainConfig c = TrainConfig.defaults(objs[k], true).withIterations(150).withBatchSize(64)
                    .withLearningRates(1e-3, 1e-3).withSeed(5);
            Experiment run = Experiment.create(new RunSpec("8gaussians", "toy", 64, null, c));
            IterationStats s = null;
            for (int i = 0; i < 150; i++) {
                s = run.trainer().step();
            }
            gap[k] = Math.abs(s.criticReal()) + Math.abs(s.criticFake());
        }
        assertTrue(gap[0] > 10 * gap[1] && gap[0] > 5 * gap[2],
                "critic output scale: wgan " + gap[0] + ", wgan-clip " + gap[1] + ", wgan-gp " + gap[2]);
    }

    @Test
    void resumingFromACheckpointEqualsAnUninterruptedRunBitForBit(@TempDir Path dir) throws IOException {
        Experiment straight = toyRun(Objective.WGAN_GP, 32, 12, 32, 1e-3);
        for (int i = 0; i < 12; i++) {
            straight.trainer().step();
        }
        Experiment first = toyRun(Objective.WGAN_GP, 32, 12, 32, 1e-3);
        for (int i = 0; i < 5; i++) {
            first.trainer().step();
        }
        Path ckpt = dir.resolve(TrainingCheckpoint.FILE_NAME);
        TrainingCheckpoint.save(ckpt, first);
        Experiment resumed = TrainingCheckpoint.resume(ckpt, 0);
        assertEquals(5, resumed.trainer().iteration());
        for (int i = 0; i < 7; i++) {
            resumed.trainer().step();
        }
        assertSameState(straight.trainer().generator().stateDict(), resumed.trainer().generator().stateDict());
        assertSameState(straight.trainer().critic().stateDict(), resumed.trainer().critic().stateDict());
        assertSameState(straight.trainer().criticOptimizer().stateDict(), resumed.trainer().criticOptimizer().stateDict());
        assertEquals(straight.trainer().rng().state(), resumed.trainer().rng().state());
    }

    private static void assertSameState(Map<String, Tensor> a, Map<String, Tensor> b) {
        assertEquals(a.keySet(), b.keySet());
        for (String k : a.keySet()) {
            assertArrayEquals(a.get(k).toFloatArray(), b.get(k).toFloatArray(), 0f, k);
        }
    }

    @Test
    void ganObjectiveTrainsWithOneCriticStepAndFiniteLosses() throws IOException {
        Experiment run = toyRun(Objective.GAN, 32, 10, 64, 1e-4);
        assertEquals(1, run.trainer().config().criticSteps(0));
        for (int i = 0; i < 10; i++) {
            IterationStats s = run.trainer().step();
            assertTrue(Double.isFinite(s.criticLoss()) && Double.isFinite(s.generatorLoss()));
            assertTrue(s.criticLoss() > 0, "cross-entropy is positive: " + s.criticLoss());
        }
    }

    @Test
    void clipWarmupScheduleMatchesTheOriginalWganCode() {
        TrainConfig c = TrainConfig.defaults(Objective.WGAN_CLIP, true).withClipWarmup(true);
        assertEquals(100, c.criticSteps(0));
        assertEquals(100, c.criticSteps(24));
        assertEquals(5, c.criticSteps(25));
        assertEquals(100, c.criticSteps(500));
        assertEquals(5, c.criticSteps(501));
    }
}
