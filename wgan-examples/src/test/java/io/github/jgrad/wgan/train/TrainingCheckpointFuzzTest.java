package io.github.jgrad.wgan.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.jgrad.nn.io.CheckpointFormatException;
import io.github.jgrad.nn.io.CheckpointMismatchException;
import io.github.jgrad.nn.io.SafeTensors;
import io.github.jgrad.nn.io.SafeTensorsMutation;
import io.github.jgrad.nn.io.ScratchFolder;
import io.github.jgrad.tensor.Tensor;
import io.github.jgrad.wgan.data.MnistFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Fuzzing of {@link TrainingCheckpoint#resume}: a valid checkpoint of a small WGAN-GP run (with
 * learning-rate schedules) is damaged at random, metadata included (so widths, iterations and
 * other settings are edited), for a fixed number of tries. Every try must end within
 * {@link #PER_TRY} with either a run whose networks hold exactly the file's weights, or the
 * library's own exception ({@link CheckpointFormatException}, {@link CheckpointMismatchException},
 * or {@link MnistFormatException} should an edit point the run at MNIST); never another exception
 * or a hang. Resuming writes nothing and allocates no more than a small multiple of the file's
 * size, even when a damaged width asks for networks of gigabytes.
 */
class TrainingCheckpointFuzzTest {
    /** Mutated checkpoints. */
    static final int TRIES = 500;
    /** Time one try may take; resuming this run takes a few milliseconds. */
    static final Duration PER_TRY = Duration.ofSeconds(5);
    /** Resuming may allocate this many times the file's size ... */
    static final long ALLOCATION_FACTOR = 16;
    /** ... plus this much for the run's fixed parts (data set, buffers, parser). */
    static final long ALLOCATION_SLACK = 16L << 20;

    private static final Path DIR = ScratchFolder.create("jgrad-training-checkpoint-fuzz");
    private static final Path FILE = DIR.resolve(TrainingCheckpoint.FILE_NAME);
    private static final byte[] VALID;

    static {
        try {
            TrainConfig c = TrainConfig.defaults(Objective.WGAN_GP, true).withIterations(10).withBatchSize(16)
                    .withLrDecay(true).withSeed(4);
            Experiment run = Experiment.create(new RunSpec("8gaussians", "toy", 8, null, c));
            run.trainer().step();
            run.trainer().step();
            TrainingCheckpoint.save(FILE, run);
            VALID = Files.readAllBytes(FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterContainer
    static void removeFolder() throws IOException {
        ScratchFolder.remove(DIR);
    }

    @Provide
    Arbitrary<List<SafeTensorsMutation>> mutations() {
        Arbitrary<SafeTensorsMutation> one = Combinators.combine(
                Arbitraries.of(SafeTensorsMutation.Kind.class), Arbitraries.longs())
                .as(SafeTensorsMutation::new);
        return one.list().ofMinSize(1).ofMaxSize(3);
    }

    @Property(tries = TRIES)
    void aDamagedCheckpointResumesItsExactStateOrIsRefusedByTheLibrary(
            @ForAll("mutations") List<SafeTensorsMutation> mutations) throws IOException {
        byte[] damaged = VALID;
        for (SafeTensorsMutation m : mutations) {
            damaged = m.apply(damaged);
        }
        Files.write(FILE, damaged);
        byte[] written = damaged;
        String outcome = assertTimeoutPreemptively(PER_TRY, () -> {
            long before = allocatedBytes();
            try {
                Experiment run = TrainingCheckpoint.resume(FILE, 0);
                assertHoldsTheFilesWeights(run);
                return "resumed";
            } catch (CheckpointFormatException | CheckpointMismatchException | MnistFormatException refused) {
                return "refused (" + refused.getClass().getSimpleName() + ")";
            } finally {
                long allocated = allocatedBytes() - before;
                assertTrue(allocated <= ALLOCATION_FACTOR * written.length + ALLOCATION_SLACK,
                        "resuming a " + written.length + "-byte file allocated " + allocated + " bytes");
            }
        });
        Statistics.collect(outcome);
        assertArrayEquals(written, Files.readAllBytes(FILE), "resuming changed the file");
        try (Stream<Path> files = Files.list(DIR)) {
            assertEquals(List.of(FILE), files.toList(), "resuming wrote files");
        }
    }

    /** The resumed networks hold bit for bit the weights stored in the file, and all are finite. */
    private static void assertHoldsTheFilesWeights(Experiment run) throws IOException {
        Map<String, Tensor> stored = SafeTensors.read(FILE).tensors();
        Trainer t = run.trainer();
        assertTrue(t.iteration() >= 0, "iteration " + t.iteration());
        for (String side : List.of("generator", "critic")) {
            Map<String, Tensor> state = (side.equals("critic") ? t.critic() : t.generator()).stateDict();
            for (Map.Entry<String, Tensor> e : state.entrySet()) {
                Tensor file = stored.get(side + "." + e.getKey());
                Tensor net = e.getValue();
                assertEquals(net.shape(), file.shape(), e.getKey());
                for (int i = 0; i < net.size(); i++) {
                    if (!Double.isFinite(net.getDouble(i)) || net.getDouble(i) != file.getDouble(i)) {
                        fail(side + "." + e.getKey() + "[" + i + "] is " + net.getDouble(i) + ", file "
                                + file.getDouble(i));
                    }
                }
            }
        }
    }

    /** Bytes this thread has allocated so far (HotSpot's per-thread counter). */
    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
