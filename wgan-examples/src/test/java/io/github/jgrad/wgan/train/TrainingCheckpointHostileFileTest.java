package io.github.jgrad.wgan.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jgrad.nn.io.CheckpointFormatException;
import io.github.jgrad.nn.io.SafeTensors;
import io.github.jgrad.tensor.Tensor;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training checkpoints whose tensors are well formed but whose contents lie: settings that would
 * build networks of gigabytes, a negative iteration, a data set that does not exist, weights that
 * are NaN. Each is refused within a second with a {@link CheckpointFormatException} naming the
 * problem, allocating next to nothing and leaving the file as it was.
 */
class TrainingCheckpointHostileFileTest {
    @TempDir
    Path dir;

    private Path file;
    private Map<String, Tensor> tensors;
    private Map<String, String> metadata;

    @BeforeEach
    void saveAValidCheckpoint() throws IOException {
        TrainConfig c = TrainConfig.defaults(Objective.WGAN_GP, true).withIterations(10).withBatchSize(16).withSeed(4);
        Experiment run = Experiment.create(new RunSpec("8gaussians", "toy", 8, null, c));
        run.trainer().step();
        file = dir.resolve(TrainingCheckpoint.FILE_NAME);
        TrainingCheckpoint.save(file, run);
        SafeTensors.Contents contents = SafeTensors.read(file);
        tensors = new LinkedHashMap<>(contents.tensors());
        metadata = new LinkedHashMap<>(contents.metadata());
    }

    /** Rewrites the checkpoint as edited, then expects it refused quickly, cheaply and untouched. */
    private void assertRefused(String... messageParts) throws IOException {
        SafeTensors.write(file, tensors, metadata);
        byte[] bytes = Files.readAllBytes(file);
        CheckpointFormatException e = assertTimeoutPreemptively(Duration.ofSeconds(1), () -> {
            long before = allocatedBytes();
            CheckpointFormatException refused = assertThrows(CheckpointFormatException.class,
                    () -> TrainingCheckpoint.resume(file, 0));
            long allocated = allocatedBytes() - before;
            assertTrue(allocated < 16L * bytes.length + (16L << 20), "allocated " + allocated + " bytes");
            return refused;
        });
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        for (String part : messageParts) {
            assertTrue(e.getMessage().contains(part), "'" + part + "' missing from: " + e.getMessage());
        }
        assertArrayEquals(bytes, Files.readAllBytes(file));
    }

    @Test
    void aWidthThatWouldNeedGigabytesIsRefusedBeforeAnyNetworkIsBuilt() throws IOException {
        // 30000 x 30000 floats per hidden layer: 3.6 GB each, from a file of a few kilobytes.
        metadata.put("width", "30000");
        assertRefused("width 30000", "needs 3600390003 network weights", "holds 363");
    }

    @Test
    void aTableRunsWidthThatNoColumnCountCouldFitIsRefusedBeforeTheTableIsRead() throws IOException {
        // The data named does not exist: the size check must come first, and alone refuse the file.
        metadata.put("data", "csv:" + dir.resolve("absent.csv"));
        metadata.put("network", "table");
        metadata.put("width", "30000");
        assertRefused("width 30000", "at least 3600000000 network weights", "holds 363");
    }

    @Test
    void aWidthThatDisagreesWithTheStoredWeightsIsRefused() throws IOException {
        metadata.put("width", "9");
        assertRefused("width 9", "holds 363");
    }

    @Test
    void aNegativeIterationIsRefused() throws IOException {
        metadata.put("iteration", "-5");
        assertRefused("iteration -5 is negative");
    }

    @Test
    void anIterationThatIsNotANumberIsRefused() throws IOException {
        metadata.put("iteration", "five");
        assertRefused("does not fit the run", "five");
    }

    @Test
    void anUnknownDataSetIsRefused() throws IOException {
        metadata.put("data", "9gaussians");
        assertRefused("cannot be built", "9gaussians");
    }

    @Test
    void anImpossibleSettingIsRefused() throws IOException {
        metadata.put("n_critic", "0");
        assertRefused("bad run settings", "n-critic must be at least 1, got 0");
    }

    @Test
    void aNaNWeightIsRefusedByName() throws IOException {
        Tensor w = tensors.get("critic.2.weight").copy();
        w.setInPlace(3, Float.NaN);
        tensors.put("critic.2.weight", w);
        assertRefused("parameter critic.2.weight is not finite");
    }

    @Test
    void optimizerStateOfAnotherShapeIsRefused() throws IOException {
        tensors.put("critic_optimizer.0.weight.exp_avg", Tensor.zeros(3));
        assertRefused("critic_optimizer", "exp_avg");
    }

    /** Bytes this thread has allocated so far (HotSpot's per-thread counter). */
    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
