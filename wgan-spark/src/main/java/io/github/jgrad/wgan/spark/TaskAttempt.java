package io.github.jgrad.wgan.spark;

/**
 * One attempt of one run's task, as the driver saw it: where and when it ran and how it ended.
 *
 * @param index the run's position in the grid
 * @param attempt Spark's attempt number (0 for the first)
 * @param executor the executor's id
 * @param host the executor's host
 * @param launchMillis when the attempt started, in epoch milliseconds
 * @param finishMillis when it ended, in epoch milliseconds
 * @param succeeded whether it finished its run
 * @param reason why it failed (empty when it succeeded)
 */
public record TaskAttempt(int index, int attempt, String executor, String host, long launchMillis,
        long finishMillis, boolean succeeded, String reason) {
}
