package io.github.jgrad.wgan.cli;

import io.github.jgrad.autodiff.Anomaly;
import io.github.jgrad.wgan.data.DataKind;
import io.github.jgrad.wgan.train.Experiment;
import io.github.jgrad.wgan.train.RunSpec;
import io.github.jgrad.wgan.train.TrainingCheckpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jgrad train}: one run into a run folder, resumable. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a generator and critic; metrics, pictures and checkpoints go into the run folder.")
final class TrainCommand implements Callable<Integer> {
    @Mixin
    TrainOptions options;

    @Mixin
    SessionOptions session;

    @Option(names = "--resume", description = "Continue the run in --run-dir from its last checkpoint "
            + "(its stored settings are used; --iterations may extend it).")
    boolean resume;

    /** A name fit for a folder: a toy set id or mnist as it is, a table's or folder's file name without extension. */
    static String shortName(String data) {
        DataKind kind = DataKind.of(data);
        if (kind == DataKind.TOY || kind == DataKind.MNIST) {
            return data;
        }
        Path name = DataKind.path(data).toAbsolutePath().normalize().getFileName();
        String n = name == null ? "data" : name.toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    @Override
    public Integer call() throws Exception {
        // Checked before anything is built or written, so a bad interval leaves no files behind.
        TrainingSession.Schedule schedule = session.schedule();
        Anomaly.setEnabled(session.anomaly);
        Path dir = session.runDir != null ? session.runDir
                : Path.of("runs", options.objective + "-" + shortName(options.data) + "-seed" + options.seed);
        Experiment run;
        MetricsLog log;
        if (resume) {
            Path ckpt = dir.resolve(TrainingCheckpoint.FILE_NAME);
            if (!Files.exists(ckpt)) {
                throw new IllegalArgumentException("--resume: no checkpoint at " + ckpt);
            }
            run = TrainingCheckpoint.resume(ckpt, options.iterations == null ? 0 : options.iterations);
            int done = run.trainer().iteration();
            int total = run.trainer().config().iterations();
            if (options.iterations != null && options.iterations < done) {
                // Checked before the log is touched: a refused resume changes nothing in the folder.
                throw new IllegalArgumentException("--iterations " + options.iterations + " is fewer than the " + done
                        + " the run in " + dir + " has already done; give more, or leave --iterations out");
            }
            log = MetricsLog.resume(dir.resolve("metrics.jsonl"), done);
            if (done >= total) {
                System.out.println("The run in " + dir + " has already done its " + total
                        + " iterations; give --iterations above " + total + " to train it further.");
            } else {
                System.out.println("Resuming " + dir + " at iteration " + done + " of " + total);
            }
        } else {
            RunSpec spec = options.spec();
            run = Experiment.create(spec);
            log = MetricsLog.create(dir.resolve("metrics.jsonl"));
        }
        java.util.List<String> warnings = run.table() != null ? run.table().warnings()
                : run.images() != null ? run.images().warnings() : java.util.List.of();
        for (String w : warnings) {
            System.err.println("jgrad: warning: " + w);
        }
        TrainingSession s = new TrainingSession(run, dir, schedule, log, System.out, !session.noProgress);
        boolean done = s.run();
        if (done) {
            System.out.println(Reports.finalSummary(run, s.latest(), dir));
        }
        return done ? 0 : 130;
    }
}
