package io.github.jgrad.wgan.cli;

import io.github.jgrad.wgan.train.Experiment;
import io.github.jgrad.wgan.train.Objective;
import io.github.jgrad.wgan.train.RunSpec;
import io.github.jgrad.wgan.train.TrainConfig;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jgrad demo} (and {@code jgrad} alone): a short WGAN-GP run on 8 Gaussians that shows something real. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"WGAN-GP on the 8-Gaussians mixture, sized to finish in a few minutes on two cores.",
            "Settings: toy MLP of width " + DemoCommand.WIDTH + " (the reference uses 512), Adam with learning rate "
                + DemoCommand.LR + " and betas (0.5, 0.9) (the reference uses 1e-4), lambda 0.1, batch 256, 5 critic "
                + "steps per generator step, " + DemoCommand.ITERATIONS + " generator iterations with both learning "
                + "rates decaying linearly to 0, seed 1.",
            "It should cover all 8 modes with at least half of the samples high-quality; the pictures show how."})
final class DemoCommand implements Callable<Integer> {
    static final int WIDTH = 256;
    static final double LR = 3e-4;
    static final int ITERATIONS = 1500;

    @Option(names = "--run-dir", paramLabel = "DIR", defaultValue = "runs/demo",
            description = "Run folder (default: ${DEFAULT-VALUE}).")
    Path runDir = Path.of("runs", "demo");

    @Option(names = "--no-progress", description = "No progress bar.")
    boolean noProgress;

    /** The demo's settings. */
    static RunSpec spec() {
        TrainConfig c = TrainConfig.defaults(Objective.WGAN_GP, true).withIterations(ITERATIONS)
                .withLearningRates(LR, LR).withLrDecay(true);
        return new RunSpec("8gaussians", "toy", WIDTH, null, c);
    }

    @Override
    public Integer call() throws Exception {
        System.out.println("jgrad demo: WGAN-GP learning a mixture of 8 Gaussians (" + ITERATIONS
                + " generator iterations, 5 critic steps each, gradient penalty at random interpolates).");
        System.out.println("Run folder: " + runDir.toAbsolutePath().normalize()
                + "   (jgrad --help lists the other commands)");
        long t0 = System.nanoTime();
        Experiment run = Experiment.create(spec());
        TrainingSession s = new TrainingSession(run, runDir, new TrainingSession.Schedule(100, 250, 500),
                MetricsLog.create(runDir.resolve("metrics.jsonl")), System.out, !noProgress);
        boolean done = s.run();
        if (!done) {
            return 130;
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.print(Reports.finalSummary(run, s.latest(), runDir));
        System.out.printf(Locale.ROOT, "Took %.0f s (%.1f generator iterations per second).%n", secs, ITERATIONS / secs);
        return 0;
    }
}
