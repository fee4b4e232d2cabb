package io.github.jgrad.wgan.train;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A child-JVM entry point for the determinism tests: trains a toy WGAN-GP run and saves its
 * checkpoint, with no evaluation or pictures, so that a child spends its time on training.
 * Arguments: checkpoint file, width, batch size, iterations, learning rate, seed.
 */
public final class TrainAndSave {
    private TrainAndSave() {
    }

    /** The run {@link #main} trains: also built in the parent, to compare against. */
    static RunSpec spec(int width, int batch, int iterations, double lr, long seed) {
        TrainConfig c = TrainConfig.defaults(Objective.WGAN_GP, true).withIterations(iterations).withBatchSize(batch)
                .withNCritic(2).withLearningRates(lr, lr).withSeed(seed);
        return new RunSpec("8gaussians", "toy", width, null, c);
    }

    /** Trains {@code spec(...)} to its last iteration; returns the run. */
    static Experiment train(RunSpec spec) throws IOException {
        Experiment run = Experiment.create(spec);
        while (run.trainer().iteration() < spec.config().iterations()) {
            run.trainer().step();
        }
        return run;
    }

    /** Trains and saves; see the class comment for the arguments. */
    public static void main(String[] args) throws IOException {
        RunSpec spec = spec(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                Double.parseDouble(args[4]), Long.parseLong(args[5]));
        TrainingCheckpoint.save(Path.of(args[0]), train(spec));
    }
}
