package io.github.jgrad.nn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.jgrad.nn.io.ScratchFolder;
import io.github.jgrad.autodiff.Var;
import io.github.jgrad.nn.BatchNorm1d;
import io.github.jgrad.nn.Linear;
import io.github.jgrad.nn.Module;
import io.github.jgrad.nn.ReLU;
import io.github.jgrad.nn.Sequential;
import io.github.jgrad.nn.optim.Adam;
import io.github.jgrad.nn.optim.LRScheduler;
import io.github.jgrad.nn.optim.StepLR;
import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Fuzzing of checkpoint loading: valid files (weights, and optimizer plus schedule state) are
 * damaged at random ({@link SafeTensorsMutation}: bytes overwritten, truncation, extension, the
 * header length replaced, the JSON header edited) for a fixed number of tries per file type.
 * Every try must end within {@link #PER_TRY} either with valid data (every tensor's element
 * count matches its shape, and what a module loads equals what the file holds) or with the
 * library's own {@link CheckpointFormatException} or {@link CheckpointMismatchException}, never
 * another exception or a hang; a refused load changes neither module, optimizer nor schedule,
 * and reading allocates no more than a small multiple of the file's own size.
 */
class CheckpointFuzzTest {
    /** Mutated files per file type. */
    static final int TRIES = 500;
    /** Time one try may take; a valid load of these files takes about a millisecond. */
    static final Duration PER_TRY = Duration.ofSeconds(5);
    /** Reading may allocate this many times the file's size ... */
    static final long ALLOCATION_FACTOR = 16;
    /** ... plus this much for buffers and the parser, whatever the header declares. */
    static final long ALLOCATION_SLACK = 16L << 20;

    private static final Path DIR = ScratchFolder.create("jgrad-checkpoint-fuzz");
    private static final Path WEIGHTS = DIR.resolve("model.safetensors");
    private static final Path OPTIMIZER = Checkpoint.optimizerPath(WEIGHTS);
    private static final byte[] VALID_WEIGHTS;
    private static final byte[] VALID_OPTIMIZER;

    static {
        Training t = new Training();
        t.steps(3);
        try {
            Checkpoint.save(WEIGHTS, t.module, t.optimizer, t.schedule, Map.of("iteration", "3"));
            VALID_WEIGHTS = Files.readAllBytes(WEIGHTS);
            VALID_OPTIMIZER = Files.readAllBytes(OPTIMIZER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterContainer
    static void removeFolder() throws IOException {
        ScratchFolder.remove(DIR);
    }

    /** A module with parameters and buffers in both dtypes, its Adam state and a step schedule. */
    private static final class Training {
        final Module module = new Sequential(new Linear(3, 4, new Rng(1)), new BatchNorm1d(4), new ReLU(),
                new Linear(4, 2, true, DType.F32, new Rng(2)));
        final Adam optimizer = new Adam(module.namedParameters(), 1e-2);
        final LRScheduler schedule = new StepLR(optimizer, 2, 0.5);

        void steps(int n) {
            Rng rng = new Rng(3);
            for (int i = 0; i < n; i++) {
                module.zeroGrad();
                module.forward(Var.constant(rng.normal(DType.F32, Shape.of(5, 3), 0, 1)))
                        .square().mean().backward();
                optimizer.step();
                schedule.step();
            }
        }

        /** Copies of everything a load could change. */
        List<Map<String, Tensor>> state() {
            return List.of(module.stateDict(), optimizer.stateDict(), schedule.stateDict());
        }
    }

    @Provide
    Arbitrary<List<SafeTensorsMutation>> mutations() {
        Arbitrary<SafeTensorsMutation> one = Combinators.combine(
                Arbitraries.of(SafeTensorsMutation.Kind.class), Arbitraries.longs())
                .as(SafeTensorsMutation::new);
        return one.list().ofMinSize(1).ofMaxSize(3);
    }

    @Property(tries = TRIES)
    void aDamagedWeightsFileLoadsValidDataOrIsRefusedByTheLibrary(
            @ForAll("mutations") List<SafeTensorsMutation> mutations) throws IOException {
        Files.write(OPTIMIZER, VALID_OPTIMIZER);
        Files.write(WEIGHTS, mutate(VALID_WEIGHTS, mutations));
        Statistics.collect(checkReadAndLoad(WEIGHTS));
    }

    @Property(tries = TRIES)
    void aDamagedOptimizerFileLoadsValidDataOrIsRefusedByTheLibrary(
            @ForAll("mutations") List<SafeTensorsMutation> mutations) throws IOException {
        Files.write(WEIGHTS, VALID_WEIGHTS);
        Files.write(OPTIMIZER, mutate(VALID_OPTIMIZER, mutations));
        Statistics.collect(checkReadAndLoad(OPTIMIZER));
    }

    private static byte[] mutate(byte[] valid, List<SafeTensorsMutation> mutations) {
        byte[] b = valid;
        for (SafeTensorsMutation m : mutations) {
            b = m.apply(b);
        }
        return b;
    }

    /**
     * Reads the damaged file on its own, then loads the checkpoint it belongs to into a fresh
     * run; returns how each ended, for the statistics of the property.
     */
    private static String checkReadAndLoad(Path damaged) {
        return assertTimeoutPreemptively(PER_TRY, () -> {
            long size = Files.size(damaged);
            long before = allocatedBytes();
            SafeTensors.Contents contents = readOrNull(damaged);
            long allocated = allocatedBytes() - before;
            assertTrue(allocated <= ALLOCATION_FACTOR * size + ALLOCATION_SLACK,
                    "reading a " + size + "-byte file allocated " + allocated + " bytes");
            if (contents != null) {
                assertConsistent(contents);
            }
            Training target = new Training();
            List<Map<String, Tensor>> stateBefore = target.state();
            String read = contents == null ? "read refused" : "read";
            try {
                Checkpoint.load(WEIGHTS, target.module, target.optimizer, target.schedule);
                assertSameState(SafeTensors.read(WEIGHTS).tensors(), target.module.stateDict());
                return read + ", loaded";
            } catch (CheckpointFormatException | CheckpointMismatchException refused) {
                List<Map<String, Tensor>> stateAfter = target.state();
                for (int i = 0; i < stateBefore.size(); i++) {
                    assertSameState(stateBefore.get(i), stateAfter.get(i));
                }
                return read + ", load refused (" + refused.getClass().getSimpleName() + ")";
            }
        });
    }

    /** The file's contents, or null if the library refused it; any other exception fails the try. */
    private static SafeTensors.Contents readOrNull(Path file) throws IOException {
        try {
            return SafeTensors.read(file);
        } catch (CheckpointFormatException refused) {
            assertTrue(refused.getMessage().startsWith(file + ": "), refused.getMessage());
            return null;
        }
    }

    private static void assertConsistent(SafeTensors.Contents contents) {
        for (Map.Entry<String, Tensor> e : contents.tensors().entrySet()) {
            Tensor t = e.getValue();
            long elements = 1;
            for (int d : t.shape().toArray()) {
                elements *= d;
            }
            assertEquals(elements, t.size(), e.getKey());
            int stored = t.dtype() == DType.F32 ? t.toFloatArray().length : t.toDoubleArray().length;
            assertEquals(t.size(), stored, e.getKey());
        }
    }

    /** Same names, shapes, dtypes and bit patterns (so NaN equals the same NaN). */
    private static void assertSameState(Map<String, Tensor> expected, Map<String, Tensor> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        for (Map.Entry<String, Tensor> e : expected.entrySet()) {
            Tensor a = e.getValue();
            Tensor b = actual.get(e.getKey());
            assertEquals(a.shape(), b.shape(), e.getKey());
            assertEquals(a.dtype(), b.dtype(), e.getKey());
            for (int i = 0; i < a.size(); i++) {
                if (Double.doubleToRawLongBits(a.getDouble(i)) != Double.doubleToRawLongBits(b.getDouble(i))) {
                    fail(e.getKey() + "[" + i + "]: " + a.getDouble(i) + " became " + b.getDouble(i));
                }
            }
        }
    }

    /** Bytes this thread has allocated so far (HotSpot's per-thread counter). */
    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
