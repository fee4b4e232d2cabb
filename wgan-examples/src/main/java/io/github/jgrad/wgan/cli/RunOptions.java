package io.github.jgrad.wgan.cli;

import io.github.jgrad.wgan.train.TrainingCheckpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Which finished or running run a command reads. */
final class RunOptions {
    @Option(names = "--run-dir", paramLabel = "DIR", required = true, description = "The run folder.")
    Path runDir;

    /** The run's checkpoint file, which must exist. */
    Path checkpoint() {
        Path p = runDir.resolve(TrainingCheckpoint.FILE_NAME);
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("no checkpoint in " + runDir + " (looked for " + p + ")");
        }
        return p;
    }
}
