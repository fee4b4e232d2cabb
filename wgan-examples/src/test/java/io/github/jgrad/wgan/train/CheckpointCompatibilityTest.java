package io.github.jgrad.wgan.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.jgrad.nn.io.SafeTensors;
import io.github.jgrad.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointCompatibilityTest {
    private static Experiment run(Objective o) throws IOException {
        TrainConfig c = TrainConfig.defaults(o, true).withIterations(8).withBatchSize(32)
                .withLearningRates(1e-3, 1e-3).withSeed(6).withInit(NetworkInit.HE_UNIFORM);
        return Experiment.create(new RunSpec("8gaussians", "toy", 16, null, c));
    }

    /**
     * A checkpoint written before the objectives became plug-ins has no objective state and no
     * instance-noise, label or init settings; it loads as the run it was (He-uniform start, no
     * stabilisers) and continues exactly like the run that wrote it.
     */
    @Test
    void aCheckpointWithoutTheSettingsAddedLaterLoadsAndContinuesAsBefore(@TempDir Path dir) throws IOException {
        Experiment first = run(Objective.WGAN_GP);
        for (int i = 0; i < 3; i++) {
            first.trainer().step();
        }
        Path file = dir.resolve("new.safetensors");
        TrainingCheckpoint.save(file, first);
        SafeTensors.Contents c = SafeTensors.read(file);
        Map<String, String> meta = new LinkedHashMap<>(c.metadata());
        meta.remove("instance_noise");
        meta.remove("real_label");
        meta.remove("init");
        Path old = dir.resolve("old.safetensors");
        SafeTensors.write(old, c.tensors(), meta);

        Experiment resumed = TrainingCheckpoint.resume(old, 0);
        assertEquals(first.spec(), resumed.spec());
        assertEquals(NetworkInit.HE_UNIFORM, resumed.spec().config().init());
        for (int i = 0; i < 3; i++) {
            first.trainer().step();
            resumed.trainer().step();
        }
        assertSame(first.trainer().critic().stateDict(), resumed.trainer().critic().stateDict());
    }

    /** A spectrally normalised critic's power-iteration vectors travel with it, so resuming is exact. */
    @Test
    void snWganResumesBitForBit(@TempDir Path dir) throws IOException {
        Experiment straight = run(Objective.fromId("sn-wgan"));
        Experiment first = run(Objective.fromId("sn-wgan"));
        for (int i = 0; i < 3; i++) {
            straight.trainer().step();
            first.trainer().step();
        }
        Path file = dir.resolve(TrainingCheckpoint.FILE_NAME);
        TrainingCheckpoint.save(file, first);
        Experiment resumed = TrainingCheckpoint.resume(file, 0);
        for (int i = 0; i < 3; i++) {
            straight.trainer().step();
            resumed.trainer().step();
        }
        assertSame(straight.trainer().critic().stateDict(), resumed.trainer().critic().stateDict());
    }

    private static void assertSame(Map<String, Tensor> a, Map<String, Tensor> b) {
        assertEquals(a.keySet(), b.keySet());
        for (String k : a.keySet()) {
            assertArrayEquals(a.get(k).toFloatArray(), b.get(k).toFloatArray(), 0f, k);
        }
    }
}
