package io.github.jgrad.wgan.spark;

import java.io.Serializable;
import org.apache.spark.api.java.function.Function;

/**
 * A task that checks, on an executor, that the sweep's output can be written there. It returns
 * the problem rather than throwing it, so a bad output is one line on the driver, not a task
 * failure that Spark retries and logs with its stack trace.
 */
final class OutputProbe implements Function<Integer, String>, Serializable {
    private static final long serialVersionUID = 1L;
    private final Output out;

    OutputProbe(Output out) {
        this.out = out;
    }

    @Override
    public String call(Integer ignored) {
        return OutputCheck.problem(out);
    }
}
