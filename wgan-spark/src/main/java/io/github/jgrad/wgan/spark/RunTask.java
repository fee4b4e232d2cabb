package io.github.jgrad.wgan.spark;

import io.github.jgrad.wgan.cli.RunFolder;
import io.github.jgrad.wgan.train.NonFiniteTrainingException;
import io.github.jgrad.wgan.train.RunSpec;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;

/**
 * The body of one Spark task: trains one grid point in its run folder under the sweep's output
 * (in a local copy of it when the output is on a Hadoop file system, see {@link StagedRunFolder}),
 * or picks it up there ({@link RunFolder}): a run finished by an earlier submission is only
 * evaluated, and a run whose previous attempt died (executor lost, node killed) continues from
 * the last checkpoint that attempt wrote.
 */
final class RunTask implements Function<Integer, RunReport>, Serializable {
    private static final long serialVersionUID = 1L;

    private final List<GridPoint> points;
    private final List<String> varied;
    private final Output out;
    private final int checkpointEvery;

    /**
     * @param out the sweep's output: a local folder the executors share, or a Hadoop URI
     * @param checkpointEvery generator iterations between checkpoints; 0 for a twentieth of each run
     */
    RunTask(List<GridPoint> points, List<String> varied, Output out, int checkpointEvery) {
        this.points = List.copyOf(points);
        this.varied = List.copyOf(varied);
        this.out = out;
        this.checkpointEvery = checkpointEvery;
    }

    @Override
    public RunReport call(Integer index) throws Exception {
        GridPoint p = points.get(index);
        RunSpec spec = p.spec();
        String folder = p.folder(varied);
        int iterations = spec.config().iterations();
        int every = checkpointEvery > 0 ? checkpointEvery : Math.max(1, iterations / 20);
        // The driver reports progress; an executor's own output would only interleave with it.
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        TaskContext task = TaskContext.get();
        int attempt = task == null ? 0 : task.attemptNumber();
        String executor = SparkEnv.get() == null ? "driver" : SparkEnv.get().executorId();
        try {
            RunFolder.Outcome o = out.isLocal()
                    ? RunFolder.trainOrContinue(spec, out.local().resolve(folder), every, quiet, false)
                    : StagedRunFolder.trainOrContinue(out, folder, spec, every, quiet);
            return new RunReport(index, folder, o.metrics(), o.startIteration(), o.finishedEarlier(), attempt,
                    executor, null);
        } catch (NonFiniteTrainingException e) {
            // A result, not a fault: these settings diverge, and would again on every retry. The
            // other runs go on, and the summary says where this one stopped.
            return new RunReport(index, folder, Map.of(), 0, false, attempt, executor, e.getMessage());
        }
    }
}
