package io.github.jgrad.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jgrad.autodiff.Var;
import io.github.jgrad.nn.Linear;
import io.github.jgrad.nn.Module;
import io.github.jgrad.nn.Sequential;
import io.github.jgrad.nn.Tanh;
import io.github.jgrad.nn.optim.Adam;
import io.github.jgrad.nn.optim.LRScheduler;
import io.github.jgrad.nn.optim.Optimizer;
import io.github.jgrad.nn.optim.SGD;
import io.github.jgrad.nn.optim.StepLR;
import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    @TempDir
    Path dir;

    private static Sequential mlp(long seed, int hidden, DType dtype) {
        Rng rng = new Rng(seed);
        return new Sequential(new Linear(3, hidden, true, dtype, rng), new Tanh(), new Linear(hidden, 2, true, dtype, rng));
    }

    private static void trainSteps(Module m, Optimizer opt, LRScheduler sched, int steps, long seed) {
        Rng rng = new Rng(seed);
        for (int s = 0; s < steps; s++) {
            Var x = Var.constant(rng.normal(DType.F32, Shape.of(8, 3), 0, 1));
            opt.zeroGrad();
            m.forward(x).square().mean().backward();
            opt.step();
            sched.step();
        }
    }

    private static void assertSameState(Map<String, Tensor> a, Map<String, Tensor> b) {
        assertEquals(a.keySet(), b.keySet());
        a.forEach((k, t) -> assertArrayEquals(SafeTensorsTest.bits(t), SafeTensorsTest.bits(b.get(k)), k));
    }

    @Test
    void weightsRoundTripWithMetadataUnderThePyTorchStateDictNames() throws IOException {
        Sequential saved = mlp(1, 4, DType.F32);
        Path file = dir.resolve("critic.safetensors");
        Map<String, String> meta = Map.of("iteration", "1200", "seed", "7", "rng", Long.toString(new Rng(7).state()));
        Checkpoint.save(file, saved, meta);

        SafeTensors.Contents raw = SafeTensors.read(file);
        assertEquals(Set.of("0.weight", "0.bias", "2.weight", "2.bias"), raw.tensors().keySet());
        assertEquals("pt", raw.metadata().get("format"));
        assertTrue(raw.metadata().containsKey("jgrad.checkpoint_id"));

        Sequential loaded = mlp(99, 4, DType.F32);
        assertEquals(meta, Checkpoint.load(file, loaded));
        assertSameState(saved.stateDict(), loaded.stateDict());
        assertEquals(dir.resolve("critic.optim.safetensors"), Checkpoint.optimizerPath(file));
        assertTrue(Files.notExists(Checkpoint.optimizerPath(file)), "no optimizer file without an optimizer");
    }

    private void assertLoadRefusedAndModuleUnchanged(Path file, Module target, Class<? extends IOException> type,
            String part) {
        Map<String, Tensor> before = target.stateDict();
        IOException e = assertThrows(type, () -> Checkpoint.load(file, target));
        assertTrue(e.getMessage().contains(part), () -> "'" + e.getMessage() + "' lacks '" + part + "'");
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertSameState(before, target.stateDict());
    }

    @Test
    void checkpointsOfAnotherShapeOrDtypeOrArchitectureAreRefusedWithoutChangingTheModule() throws IOException {
        Path file = dir.resolve("m.safetensors");
        Checkpoint.save(file, mlp(1, 4, DType.F32), Map.of());
        assertLoadRefusedAndModuleUnchanged(file, mlp(2, 5, DType.F32), CheckpointMismatchException.class,
                "tensor '0.weight' is [4, 3] F32 but the module expects [5, 3] F32");
        assertLoadRefusedAndModuleUnchanged(file, mlp(2, 4, DType.F64), CheckpointMismatchException.class,
                "tensor '0.weight' is [4, 3] F32 but the module expects [4, 3] F64");
        assertLoadRefusedAndModuleUnchanged(file, new Sequential(new Linear(3, 4, new Rng(3))),
                CheckpointMismatchException.class, "missing tensors [], unexpected tensors [2.bias, 2.weight]");
        Sequential bigger = new Sequential(new Linear(3, 4, new Rng(3)), new Tanh(), new Linear(4, 2, new Rng(3)),
                new Tanh(), new Linear(2, 2, new Rng(3)));
        assertLoadRefusedAndModuleUnchanged(file, bigger, CheckpointMismatchException.class,
                "missing tensors [4.weight, 4.bias]");
    }

    @Test
    void aCorruptedCheckpointIsRefusedWithoutChangingTheModule() throws IOException {
        Path file = dir.resolve("m.safetensors");
        Checkpoint.save(file, mlp(1, 4, DType.F32), Map.of());
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 4));
        assertLoadRefusedAndModuleUnchanged(file, mlp(2, 4, DType.F32), CheckpointFormatException.class,
                "run past the end of the data section");
    }

    @Test
    void trainingResumedFromACheckpointContinuesBitIdentically() throws IOException {
        Sequential m1 = mlp(1, 4, DType.F32);
        Adam opt1 = new Adam(m1.namedParameters(), 0.01, 0.5, 0.9);
        StepLR sched1 = new StepLR(opt1, 2, 0.5);
        trainSteps(m1, opt1, sched1, 3, 10);
        Path file = dir.resolve("run.safetensors");
        Checkpoint.save(file, m1, opt1, sched1, Map.of("iteration", "3"));
        trainSteps(m1, opt1, sched1, 3, 20);

        Sequential m2 = mlp(5, 4, DType.F32);
        Adam opt2 = new Adam(m2.namedParameters(), 0.01, 0.5, 0.9);
        StepLR sched2 = new StepLR(opt2, 2, 0.5);
        assertEquals(Map.of("iteration", "3"), Checkpoint.load(file, m2, opt2, sched2));
        assertEquals(3, sched2.lastStep());
        trainSteps(m2, opt2, sched2, 3, 20);

        assertSameState(m1.stateDict(), m2.stateDict());
        assertSameState(opt1.stateDict(), opt2.stateDict());
        assertEquals(opt1.learningRate(), opt2.learningRate(), 0.0);
        Set<String> optKeys = SafeTensors.read(Checkpoint.optimizerPath(file)).tensors().keySet();
        assertTrue(optKeys.containsAll(List.of("optimizer.lr", "optimizer.0.weight.exp_avg", "optimizer.2.bias.step",
                "scheduler.last_step", "scheduler.base_lr")), optKeys.toString());
    }

    @Test
    void optimizerStateOfAnotherKindIsRefusedAndNothingChanges() throws IOException {
        Sequential m1 = mlp(1, 4, DType.F32);
        Adam adam = new Adam(m1.namedParameters(), 0.01);
        StepLR sched = new StepLR(adam, 2, 0.5);
        trainSteps(m1, adam, sched, 2, 10);
        Path file = dir.resolve("run.safetensors");
        Checkpoint.save(file, m1, adam, sched, Map.of());

        Sequential m2 = mlp(5, 4, DType.F32);
        Map<String, Tensor> before = m2.stateDict();
        SGD sgd = new SGD(m2.namedParameters(), 0.1, 0.9);
        CheckpointMismatchException e = assertThrows(CheckpointMismatchException.class,
                () -> Checkpoint.load(file, m2, sgd, null));
        assertTrue(e.getMessage().contains("optimizer state was saved by Adam but the optimizer is SGD"), e.getMessage());
        assertSameState(before, m2.stateDict());
        assertEquals(0.1, sgd.learningRate());

        // The same optimizer kind over a module whose names differ is refused by the optimizer's own check.
        Sequential other = new Sequential(new Tanh(), new Linear(3, 4, new Rng(1)), new Tanh(), new Linear(4, 2, new Rng(1)));
        Adam adamOther = new Adam(other.namedParameters(), 0.01);
        Map<String, Tensor> otherBefore = other.stateDict();
        assertThrows(CheckpointMismatchException.class, () -> Checkpoint.load(file, other, adamOther, null));
        assertSameState(otherBefore, other.stateDict());
    }

    @Test
    void loadingWithAnOptimizerNeedsTheOptimizerFileAndReservedMetadataIsRefused() throws IOException {
        Path file = dir.resolve("w.safetensors");
        Sequential m = mlp(1, 4, DType.F32);
        Checkpoint.save(file, m, Map.of());
        CheckpointMismatchException e = assertThrows(CheckpointMismatchException.class,
                () -> Checkpoint.load(file, m, new Adam(m.namedParameters(), 0.1), null));
        assertTrue(e.getMessage().contains("no optimizer state file"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.save(file, m, Map.of("format", "x")));
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.save(file, m, Map.of("jgrad.id", "x")));
    }

    @Test
    void aSaveThatFailsWhileWritingWeightsLeavesThePreviousCheckpointLoadable() throws IOException {
        Path file = dir.resolve("run.safetensors");
        Sequential m = mlp(1, 4, DType.F32);
        Adam adam = new Adam(m.namedParameters(), 0.01);
        StepLR sched = new StepLR(adam, 2, 0.5);
        trainSteps(m, adam, sched, 2, 10);
        Checkpoint.save(file, m, adam, sched, Map.of("iteration", "2"));
        Map<String, Tensor> weightsAtSave = m.stateDict();

        trainSteps(m, adam, sched, 2, 11);
        AtomicFiles.Observer failMidWeights = new AtomicFiles.Observer() {
            @Override
            public void afterTensor(String name) throws IOException {
                throw new IOException("killed while writing " + name + " (simulated)");
            }
        };
        assertThrows(IOException.class, () -> Checkpoint.save(file, m, adam, sched, Map.of("iteration", "4"),
                failMidWeights, AtomicFiles.Observer.NONE));

        // The weights file is the previous one, complete and loadable on its own.
        Sequential fresh = mlp(3, 4, DType.F32);
        assertEquals(Map.of("iteration", "2"), Checkpoint.load(file, fresh));
        assertSameState(weightsAtSave, fresh.stateDict());
        // The optimizer file was already replaced by the interrupted save: the differing ids say so.
        Sequential fresh2 = mlp(4, 4, DType.F32);
        Map<String, Tensor> before = fresh2.stateDict();
        Adam adam2 = new Adam(fresh2.namedParameters(), 0.01);
        CheckpointMismatchException e = assertThrows(CheckpointMismatchException.class,
                () -> Checkpoint.load(file, fresh2, adam2, null));
        assertTrue(e.getMessage().contains("come from different saves"), e.getMessage());
        assertSameState(before, fresh2.stateDict());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(Set.of(file, Checkpoint.optimizerPath(file)), Set.copyOf(files.toList()));
        }
    }

    @Test
    void aSaveThatFailsWhileWritingOptimizerStateChangesNeitherFile() throws IOException {
        Path file = dir.resolve("run.safetensors");
        Sequential m = mlp(1, 4, DType.F32);
        Adam adam = new Adam(m.namedParameters(), 0.01);
        StepLR sched = new StepLR(adam, 2, 0.5);
        trainSteps(m, adam, sched, 2, 10);
        Checkpoint.save(file, m, adam, sched, Map.of("iteration", "2"));
        byte[] weights = Files.readAllBytes(file);
        byte[] optim = Files.readAllBytes(Checkpoint.optimizerPath(file));

        trainSteps(m, adam, sched, 1, 11);
        AtomicFiles.Observer crash = new AtomicFiles.Observer() {
            @Override
            public void beforeCommit(Path temp) throws IOException {
                throw new IOException("power lost before rename (simulated)");
            }
        };
        assertThrows(IOException.class, () -> Checkpoint.save(file, m, adam, sched, Map.of("iteration", "3"),
                AtomicFiles.Observer.NONE, crash));
        assertArrayEquals(weights, Files.readAllBytes(file));
        assertArrayEquals(optim, Files.readAllBytes(Checkpoint.optimizerPath(file)));
        Sequential fresh = mlp(3, 4, DType.F32);
        Adam adam2 = new Adam(fresh.namedParameters(), 0.01);
        assertEquals(Map.of("iteration", "2"), Checkpoint.load(file, fresh, adam2, new StepLR(adam2, 2, 0.5)));
    }
}
