package io.github.jgrad.wgan.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a run writes and how often. */
final class SessionOptions {
    @Option(names = "--run-dir", paramLabel = "DIR",
            description = "Run folder (default: runs/<objective>-<data>-seed<seed>).")
    Path runDir;

    @Option(names = "--log-every", defaultValue = "100", description = "Evaluate and log every N iterations (default: ${DEFAULT-VALUE}).")
    int logEvery;

    @Option(names = "--plot-every", defaultValue = "500", description = "Refresh the pictures every N iterations (default: ${DEFAULT-VALUE}).")
    int plotEvery;

    @Option(names = "--checkpoint-every", defaultValue = "500", description = "Write a checkpoint every N iterations (default: ${DEFAULT-VALUE}).")
    int checkpointEvery;

    @Option(names = "--anomaly", description = "Anomaly mode: a NaN or infinity in backward names the operation that made it.")
    boolean anomaly;

    @Option(names = "--no-progress", description = "No progress bar (for logs).")
    boolean noProgress;

    TrainingSession.Schedule schedule() {
        return new TrainingSession.Schedule(logEvery, plotEvery, checkpointEvery);
    }
}
