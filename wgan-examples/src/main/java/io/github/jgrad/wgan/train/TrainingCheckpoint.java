package io.github.jgrad.wgan.train;

import io.github.jgrad.nn.io.CheckpointFormatException;
import io.github.jgrad.nn.io.SafeTensors;
import io.github.jgrad.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The whole state of a run in one safetensors file, written atomically: both networks under
 * {@code generator.} and {@code critic.} (so the keys match a PyTorch module holding a
 * {@code generator} and a {@code critic}), both optimizers under {@code generator_optimizer.}
 * and {@code critic_optimizer.} (and their learning-rate schedules, if any), the objective's own
 * state (if any) under {@code objective.}, and in the metadata the iteration, the random
 * generator's state and the run's settings. Loading it into a freshly built run continues bit for bit.
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
        put(tensors, "objective.", t.control().stateDict());
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
     * Nothing outside the returned run is changed, and nothing is built before the file has been
     * validated: a damaged or hostile file costs no more memory than its own size.
     *
     * @param iterations a new total number of generator iterations, or 0 to keep the stored one
     * @throws CheckpointFormatException if the file is not a valid training checkpoint: not
     *     safetensors, not written by {@link #save}, settings that are impossible or do not match
     *     the stored tensors, a negative iteration, or a weight that is not finite
     * @throws IOException if the file (or the MNIST data the run needs) cannot be read
     */
    public static Experiment resume(Path file, int iterations) throws IOException {
        SafeTensors.Contents c = SafeTensors.read(file);
        if (!FORMAT.equals(c.metadata().get("format"))) {
            throw new CheckpointFormatException(file + ": not a jgrad training checkpoint (format '"
                    + c.metadata().get("format") + "', expected '" + FORMAT + "')");
        }
        RunSpec spec = RunSpecCodec.decode(file, c.metadata());
        checkNetworkSize(file, spec, c.tensors());
        if (iterations > 0) {
            spec = spec.withIterations(iterations);
        }
        Experiment run;
        try {
            run = Experiment.create(spec);
        } catch (IllegalArgumentException e) {
            // The settings parsed but name no run this program builds (an unknown data set, say).
            throw new CheckpointFormatException(file + ": describes a run that cannot be built: " + e.getMessage(), e);
        }
        Trainer t = run.trainer();
        try {
            Map<String, Tensor> all = c.tensors();
            load("generator.", () -> t.generator().loadStateDict(part(all, "generator."), true));
            load("critic.", () -> t.critic().loadStateDict(part(all, "critic."), true));
            load("generator_optimizer.", () -> t.generatorOptimizer().loadStateDict(part(all, "generator_optimizer.")));
            load("critic_optimizer.", () -> t.criticOptimizer().loadStateDict(part(all, "critic_optimizer.")));
            if (t.criticSchedule() != null) {
                load("generator_schedule.", () -> t.generatorSchedule().loadStateDict(part(all, "generator_schedule.")));
                load("critic_schedule.", () -> t.criticSchedule().loadStateDict(part(all, "critic_schedule.")));
            }
            Map<String, Tensor> objectiveState = part(all, "objective.");
            if (!objectiveState.isEmpty()) { // checkpoints written before an objective had state have none
                load("objective.", () -> t.control().loadStateDict(objectiveState));
            }
            int iteration = Integer.parseInt(c.metadata().get("iteration"));
            if (iteration < 0) {
                throw new IllegalArgumentException("iteration " + iteration + " is negative");
            }
            t.setIteration(iteration);
            t.rng().setState(Long.parseLong(c.metadata().get("rng_state")));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new CheckpointFormatException(file + ": does not fit the run it describes: " + e.getMessage(), e);
        }
        for (String side : new String[] {"generator", "critic"}) {
            String bad = Trainer.firstNonFiniteParameter(side, side.equals("critic") ? t.critic() : t.generator());
            if (bad != null) {
                // save() never writes such a file, so it was damaged or made by something else.
                throw new CheckpointFormatException(file + ": parameter " + bad + " is not finite");
            }
        }
        return run;
    }

    /**
     * Refuses a toy run whose width (from the metadata) needs more weights than the file holds (a
     * table run whose width needs more than the file holds whatever its columns),
     * before the networks are built: a damaged width of 100000 would otherwise allocate tens of
     * gigabytes for networks the file could never fill. (The MNIST networks have a fixed size.)
     */
    private static void checkNetworkSize(Path file, RunSpec spec, Map<String, Tensor> tensors)
            throws CheckpointFormatException {
        boolean table = spec.kind() == io.github.jgrad.wgan.data.DataKind.TABLE;
        if (!spec.isToy() && !(table && spec.width() > 0)) {
            return;
        }
        long stored = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            // Spectral normalisation's power-iteration vectors are buffers beside the weights, not weights.
            boolean powerVector = e.getKey().endsWith(".weight_u") || e.getKey().endsWith(".weight_v");
            if ((e.getKey().startsWith("generator.") || e.getKey().startsWith("critic.")) && !powerVector) {
                stored += e.getValue().size();
            }
        }
        if (table) {
            // The column count comes from the table, not the file; but each of the two MLPs holds
            // two width x width layers whatever the columns, so a larger width cannot be genuine.
            double least = 4.0 * spec.width() * spec.width();
            if (least > stored) {
                throw new CheckpointFormatException(file + ": width " + spec.width() + " in the metadata needs at least "
                        + (long) least + " network weights but the file holds " + stored);
            }
            return;
        }
        double needed = Networks.toyMlpParameterCount(spec.noiseDim(), spec.width(), 2)
                + Networks.toyMlpParameterCount(2, spec.width(), 1);
        if (needed != stored) {
            throw new CheckpointFormatException(file + ": width " + spec.width() + " in the metadata needs "
                    + (long) needed + " network weights but the file holds " + stored);
        }
    }

    /** Runs one part's load, naming the part (the tensors under {@code prefix}) in its error. */
    private static void load(String prefix, Runnable loader) {
        try {
            loader.run();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tensors " + prefix + "*: " + e.getMessage(), e);
        }
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
