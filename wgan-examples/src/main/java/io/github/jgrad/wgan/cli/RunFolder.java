package io.github.jgrad.wgan.cli;

import io.github.jgrad.wgan.train.Evaluator;
import io.github.jgrad.wgan.train.Experiment;
import io.github.jgrad.wgan.train.RunSpec;
import io.github.jgrad.wgan.train.TrainingCheckpoint;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One training run in its own folder, as {@code compare} writes it: {@code metrics.jsonl}, the
 * PNG plots and {@code checkpoint.safetensors}. {@link #trainOrContinue} trains the run there or
 * picks it up: a finished run with the same settings is evaluated again (evaluation is
 * deterministic) instead of retrained, and an unfinished one continues from its last checkpoint,
 * bit for bit as if it had not stopped. Callers that run many of these (a comparison, a sweep)
 * can therefore be interrupted at any moment and simply started again.
 */
public final class RunFolder {
    /** The file in a run folder that holds its logged metrics, one JSON object per line. */
    public static final String METRICS = "metrics.jsonl";

    /**
     * What became of a run.
     *
     * @param metrics the final evaluation's metrics, plus {@code critic_real} from the last logged row
     * @param startIteration the iteration training started from: 0 for a new run, the checkpoint's
     *     iteration for a continued one, the last iteration for one that had finished earlier
     * @param finishedEarlier whether the folder already held the finished run
     */
    public record Outcome(Map<String, Double> metrics, int startIteration, boolean finishedEarlier) {
        /** Copies the metrics, in their order, so an outcome is an immutable value. */
        public Outcome {
            metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        }
    }

    private RunFolder() {
    }

    /**
     * Trains the run {@code spec} in {@code dir}, or picks it up there (see the class comment),
     * logging every twentieth of the run and checkpointing every {@code checkpointEvery}
     * iterations and at the end.
     *
     * @param out where to print what happens (progress bars too, when {@code progress})
     * @return the final metrics and where training started
     * @throws IllegalArgumentException if {@code dir} holds a run with other settings, which is left untouched
     * @throws IllegalStateException if the JVM began shutting down first (a checkpoint was written)
     */
    public static Outcome trainOrContinue(RunSpec spec, Path dir, int checkpointEvery, PrintStream out,
            boolean progress) throws IOException {
        Objects.requireNonNull(spec, "spec");
        int iterations = spec.config().iterations();
        Path ckpt = dir.resolve(TrainingCheckpoint.FILE_NAME);
        Path metrics = dir.resolve(METRICS);
        Experiment run;
        MetricsLog log;
        int start = 0;
        if (Files.exists(ckpt)) {
            RunSpec stored = TrainingCheckpoint.readSpec(ckpt);
            if (!stored.equals(spec)) {
                throw new IllegalArgumentException(dir + " already holds a run with other settings ("
                        + SettingDifferences.between(stored, spec) + "); choose another --out or remove that folder");
            }
            run = TrainingCheckpoint.resume(ckpt, 0);
            start = run.trainer().iteration();
            if (start >= iterations) {
                out.println("   finished earlier; evaluating its checkpoint");
                Map<String, Double> m = new LinkedHashMap<>(new Evaluator(run).evaluate().metrics());
                m.put("critic_real", MetricsLog.lastRow(metrics).get("critic_real"));
                return new Outcome(withoutNulls(m), start, true);
            }
            out.println("   continuing from iteration " + start);
            log = MetricsLog.resume(metrics, start);
        } else {
            run = Experiment.create(spec);
            log = MetricsLog.create(metrics);
        }
        int every = Math.max(1, iterations / 20);
        TrainingSession s = new TrainingSession(run, dir,
                new TrainingSession.Schedule(every, iterations, Math.min(checkpointEvery, iterations)), log, out,
                progress);
        if (!s.run()) {
            throw new IllegalStateException("interrupted; run the same command again to continue");
        }
        Map<String, Double> m = new LinkedHashMap<>(s.latest().metrics());
        m.put("critic_real", MetricsLog.lastRow(metrics).get("critic_real"));
        return new Outcome(withoutNulls(m), start, false);
    }

    /** The metrics with absent values (a log without that column) as NaN, which a copied map can hold. */
    private static Map<String, Double> withoutNulls(Map<String, Double> m) {
        m.replaceAll((k, v) -> v == null ? Double.NaN : v);
        return m;
    }
}
