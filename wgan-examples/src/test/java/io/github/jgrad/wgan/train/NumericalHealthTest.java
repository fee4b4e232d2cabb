package io.github.jgrad.wgan.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jgrad.autodiff.Anomaly;
import io.github.jgrad.autodiff.AnomalyException;
import io.github.jgrad.autodiff.Op;
import io.github.jgrad.autodiff.Var;
import io.github.jgrad.nn.Linear;
import io.github.jgrad.nn.Module;
import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import io.github.jgrad.wgan.data.DataSource;
import io.github.jgrad.wgan.data.ToyData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training stops at the first loss or gradient that is NaN or infinite, with a message naming it
 * (critic loss, gradient penalty, generator loss, or the gradient norm and the first parameter
 * whose gradient is bad) and the iteration, before the optimizer writes it into the weights; a
 * checkpoint of non-finite weights is never written over a good one. In anomaly mode the same
 * fault is reported as the operation that produced it. (Through the command line in
 * {@code cli.NumericalHealthCommandLineTest}.)
 */
class NumericalHealthTest {
    @TempDir
    Path dir;

    private static TrainConfig config(Objective objective, double lr) {
        return TrainConfig.defaults(objective, true).withIterations(100).withBatchSize(16).withNCritic(1)
                .withLearningRates(lr, lr).withSeed(1);
    }

    /** The 8-Gaussians data, except that call {@code poisoned} (0-based) returns a NaN in its batch. */
    private static DataSource poisonedAt(int poisoned) {
        int[] calls = {0};
        return DataSource.of("poisoned 8gaussians", Shape.of(2), (n, rng) -> {
            Tensor batch = ToyData.EIGHT_GAUSSIANS.sample(n, rng);
            if (calls[0]++ == poisoned) {
                batch.setInPlace(5, Float.NaN);
            }
            return batch;
        });
    }

    /** A critic whose output is {@code sqrt(|w x + b|)} with w and b zero: 0, with an infinite slope. */
    private static final class SqrtCritic extends Module {
        private final Linear linear = registerModule("0", new Linear(2, 1, new Rng(0)));

        SqrtCritic() {
            linear.weight().value().fillInPlace(0);
            linear.bias().value().fillInPlace(0);
        }

        @Override
        public Var forward(Var x) {
            return linear.forward(x).abs().sqrt();
        }
    }

    private static Map<String, Tensor> weights(Trainer t) {
        Map<String, Tensor> all = new LinkedHashMap<>();
        t.generator().stateDict().forEach((k, v) -> all.put("generator." + k, v));
        t.critic().stateDict().forEach((k, v) -> all.put("critic." + k, v));
        return all;
    }

    private static void assertSameWeights(Map<String, Tensor> before, Map<String, Tensor> after) {
        assertEquals(before.keySet(), after.keySet());
        before.forEach((k, v) -> assertArrayEquals(v.toFloatArray(), after.get(k).toFloatArray(), 0f, k));
    }

    @Test
    void aNaNInTheDataStopsTrainingNamingTheCriticLossAndTheIterationWithTheWeightsUntouched() {
        Rng rng = new Rng(1);
        TrainConfig c = config(Objective.WGAN_GP, 1e-4);
        Trainer t = new Trainer(c, Networks.toyMlp(2, 8, 2, rng), Networks.toyMlp(2, 8, 1, rng), 2, poisonedAt(3),
                rng);
        t.step();
        t.step();
        t.step();
        Map<String, Tensor> before = weights(t);
        NonFiniteTrainingException e = assertThrows(NonFiniteTrainingException.class, t::step);
        assertTrue(e.getMessage().startsWith("critic loss became NaN at generator iteration 4"), e.getMessage());
        assertTrue(e.getMessage().contains("--anomaly"), e.getMessage());
        assertEquals(3, t.iteration());
        assertSameWeights(before, weights(t));
    }

    @Test
    void aNaNGradientUnderAFiniteLossIsNamedWithTheFirstParameterAndNotApplied() {
        Rng rng = new Rng(2);
        Trainer t = new Trainer(config(Objective.WGAN, 1e-4), Networks.toyMlp(2, 8, 2, rng), new SqrtCritic(), 2,
                ToyData.EIGHT_GAUSSIANS, rng);
        Map<String, Tensor> before = weights(t);
        NonFiniteTrainingException e = assertThrows(NonFiniteTrainingException.class, t::step);
        assertTrue(e.getMessage().startsWith("critic gradient norm became NaN at generator iteration 1; "
                + "first non-finite gradient: critic.0.weight; the weights were not updated"), e.getMessage());
        assertSameWeights(before, weights(t));
    }

    @Test
    void inAnomalyModeTheSameFaultNamesTheOperationThatMadeIt() throws Exception {
        Rng rng = new Rng(2);
        Trainer t = new Trainer(config(Objective.WGAN, 1e-4), Networks.toyMlp(2, 8, 2, rng), new SqrtCritic(), 2,
                ToyData.EIGHT_GAUSSIANS, rng);
        try (AutoCloseable on = Anomaly.detect()) {
            AnomalyException e = assertThrows(AnomalyException.class, t::step);
            assertEquals(Op.SQRT, e.op());
            assertTrue(e.creationSite().contains("SqrtCritic.forward"), e.creationSite());
        }
    }

    @Test
    void anAbsurdLearningRateIsStoppedAtTheFirstNonFiniteLossBeforeAnyWeightGoesBad() throws IOException {
        Experiment run = Experiment.create(new RunSpec("8gaussians", "toy", 8, null, config(Objective.WGAN_GP, 1e6)));
        NonFiniteTrainingException e = assertThrows(NonFiniteTrainingException.class, () -> {
            for (int i = 0; i < 100; i++) {
                run.trainer().step();
            }
        });
        assertTrue(e.getMessage().matches("(critic loss|gradient penalty|generator loss|critic gradient norm"
                + "|generator gradient norm) became (NaN|-?Infinity) at generator iteration \\d+.*"), e.getMessage());
        assertTrue(Trainer.firstNonFiniteParameter("critic", run.trainer().critic()) == null
                && Trainer.firstNonFiniteParameter("generator", run.trainer().generator()) == null,
                "a weight went bad although training stopped at the first non-finite quantity");
        // so the run can still be checkpointed, and resumed to look at it
        TrainingCheckpoint.save(dir.resolve(TrainingCheckpoint.FILE_NAME), run);
    }

    @Test
    void aCheckpointOfNonFiniteWeightsIsNeverWrittenOverAGoodOne() throws IOException {
        Experiment run = Experiment.create(new RunSpec("8gaussians", "toy", 8, null, config(Objective.WGAN_GP, 1e-4)));
        run.trainer().step();
        Path file = dir.resolve(TrainingCheckpoint.FILE_NAME);
        TrainingCheckpoint.save(file, run);
        byte[] good = Files.readAllBytes(file);
        run.trainer().step();
        run.trainer().critic().namedParameters().get("4.bias").value().setInPlace(0, Float.POSITIVE_INFINITY);
        NonFiniteTrainingException e = assertThrows(NonFiniteTrainingException.class,
                () -> TrainingCheckpoint.save(file, run));
        assertTrue(e.getMessage().contains("parameter critic.4.bias is not finite"), e.getMessage());
        assertArrayEquals(good, Files.readAllBytes(file));
    }

    @Test
    void theTrainersSqrtCriticReallyHasAFiniteLoss() {
        // Guards the gradient test above: its fault must be in backward, not in the loss.
        Var d = new SqrtCritic().forward(Var.constant(Tensor.ones(DType.F32, Shape.of(4, 2))));
        assertEquals(0.0, d.value().sum().item());
    }
}
