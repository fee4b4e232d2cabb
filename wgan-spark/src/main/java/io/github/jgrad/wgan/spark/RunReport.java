package io.github.jgrad.wgan.spark;

import java.io.Serializable;
import java.util.Map;

/**
 * What one task sends back to the driver about its run.
 *
 * @param index the run's position in the grid
 * @param folder the run's folder, relative to the sweep's output
 * @param metrics the final evaluation's metrics
 * @param startIteration where training started: 0 new, the checkpoint's iteration when continued,
 *     the last iteration when the run had finished earlier
 * @param finishedEarlier whether the output already held the finished run
 * @param attempt Spark's attempt number of the task that finished the run (0 for the first)
 * @param executor the id of the executor that ran it
 * @param stopped why training stopped before the last iteration (a loss or gradient became NaN or
 *     infinite, as {@code train} reports it), or null if the run reached it; a stopped run has no
 *     final metrics
 */
public record RunReport(int index, String folder, Map<String, Double> metrics, int startIteration,
        boolean finishedEarlier, int attempt, String executor, String stopped) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Copies the metrics into a serializable map. */
    public RunReport {
        metrics = new java.util.LinkedHashMap<>(metrics);
    }

    /** Whether this run continued from a checkpoint that an earlier, interrupted attempt wrote. */
    public boolean resumed() {
        return !finishedEarlier && startIteration > 0;
    }

    /** Whether training stopped early on a non-finite value. */
    public boolean isStopped() {
        return stopped != null;
    }
}
