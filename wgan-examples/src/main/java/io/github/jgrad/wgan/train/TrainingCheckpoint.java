package io.github.jgrad.wgan.train;

import io.github.jgrad.nn.Module;
import io.github.jgrad.nn.io.SafeTensors;
import io.github.jgrad.nn.optim.Optimizer;
import io.github.jgrad.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The whole state of a run in one safetensors file, written atomically: both networks under
 * {@code generator.} and {@code critic.} (so the keys match a PyTorch module holding a
 * {@code generator} and a {@code critic}), both optimizers under {@code generator_optimizer.}
 * and {@code critic_optimizer.} (and their learning-rate schedules, if any), and in the metadata the iteration, the random generator's state
 * and the run's settings. Loading it into a freshly built run continues bit for bit.
 */
public final class TrainingCheckpoint {
    /** File name of the latest checkpoint in a run folder. */
    public static final String FILE_NAME = "checkpoint.safetensors";
    private static final String FORMAT = "jgrad-wgan-1";

    private TrainingCheckpoint() {
    }

    /**
     * Writes the run's state to {@code file} (atomically: the previous file survives a crash).
     *
     * @throws NonFiniteTrainingException if a weight is NaN or infinite; nothing is written then
     */
    public static void save(Path file, Experiment run) throws IOException {
        Trainer t = run.trainer();
        for (String side : new String[] {"generator", "critic"}) {
            String bad = Trainer.firstNonFiniteParameter(side, side.equals("critic") ? t.critic() : t.generator());
            if (bad != null) {
                throw new NonFiniteTrainingException("not writing a checkpoint at iteration " + t.iteration()
                        + ": parameter " + bad + " is not finite; the previous checkpoint is kept");
            }
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        put(tensors, "generator.", t.generator().stateDict());
        put(tensors, "critic.", t.critic().stateDict());
        put(tensors, "generator_optimizer.", t.generatorOptimizer().stateDict());
        put(tensors, "critic_optimizer.", t.criticOptimizer().stateDict());
        if (t.criticSchedule() != null) {
            put(tensors, "generator_schedule.", t.generatorSchedule().stateDict());
            put(tensors, "critic_schedule.", t.criticSchedule().stateDict());
        }
        Map<String, String> meta = RunSpecCodec.encode(run.spec());
        meta.put("format", FORMAT);
        meta.put("iteration", Integer.toString(t.iteration()));
        meta.put("rng_state", Long.toString(t.rng().state()));
        SafeTensors.write(file, tensors, meta);
    }

    private static void put(Map<String, Tensor> out, String prefix, Map<String, Tensor> part) {
        part.forEach((k, v) -> out.put(prefix + k, v));
    }

    /** The settings of the run stored in a checkpoint. */
    public static RunSpec readSpec(Path file) throws IOException {
        return RunSpecCodec.decode(file, SafeTensors.readMetadata(file));
    }

    /**
     * Builds the run stored in {@code file} and loads its state: networks, optimizers,
     * iteration and random generator.
     *
     * @param iterations a new total number of generator iterations, or 0 to keep the stored one
     * @throws IOException if the file is unreadable or does not fit the run it describes
     */
    public static Experiment resume(Path file, int iterations) throws IOException {
        SafeTensors.Contents c = SafeTensors.read(file);
        if (!FORMAT.equals(c.metadata().get("format"))) {
            throw new io.github.jgrad.nn.io.CheckpointFormatException(file + ": not a jgrad training checkpoint (format '"
                    + c.metadata().get("format") + "', expected '" + FORMAT + "')");
        }
        RunSpec spec = RunSpecCodec.decode(file, c.metadata());
        if (iterations > 0) {
            spec = new RunSpec(spec.data(), spec.network(), spec.width(), spec.dataDir(),
                    spec.config().withIterations(iterations));
        }
        Experiment run = Experiment.create(spec);
        Trainer t = run.trainer();
        try {
            t.generator().loadStateDict(part(c.tensors(), "generator."), true);
            t.critic().loadStateDict(part(c.tensors(), "critic."), true);
            load(t.generatorOptimizer(), part(c.tensors(), "generator_optimizer."));
            load(t.criticOptimizer(), part(c.tensors(), "critic_optimizer."));
            if (t.criticSchedule() != null) {
                t.generatorSchedule().loadStateDict(part(c.tensors(), "generator_schedule."));
                t.criticSchedule().loadStateDict(part(c.tensors(), "critic_schedule."));
            }
            t.setIteration(Integer.parseInt(c.metadata().get("iteration")));
            t.rng().setState(Long.parseLong(c.metadata().get("rng_state")));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new io.github.jgrad.nn.io.CheckpointFormatException(file + ": does not fit the run it describes: "
                    + e.getMessage(), e);
        }
        return run;
    }

    private static void load(Optimizer opt, Map<String, Tensor> state) {
        opt.loadStateDict(state);
    }

    private static Map<String, Tensor> part(Map<String, Tensor> all, String prefix) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        all.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }
}
