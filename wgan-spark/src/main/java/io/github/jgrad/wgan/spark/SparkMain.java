package io.github.jgrad.wgan.spark;

import io.github.jgrad.nn.io.CheckpointFormatException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import org.apache.spark.SparkException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code jgrad-spark}: the program of {@code jgrad-spark.jar}, whose command {@code sweep} trains
 * a grid of runs on Apache Spark. Runs as {@code java -jar jgrad-spark.jar sweep ...} (Spark
 * embedded, {@code local[*]} unless {@code --master} names a cluster) or through
 * {@code spark-submit --class io.github.jgrad.wgan.spark.SparkMain jgrad-spark.jar sweep ...}.
 * A user's mistake is one line on standard error and exit status 2, never a stack trace.
 */
@Command(name = "jgrad-spark", mixinStandardHelpOptions = true, version = "jgrad-spark 0.1.0",
        description = "Sweeps of jgrad training runs on Apache Spark.", subcommands = SweepCommand.class)
public final class SparkMain implements Callable<Integer> {
    /** Exit status for a user's mistake. */
    static final int USAGE = 2;

    /** Exit status when Spark gave up on a run for another reason than a user's mistake. */
    static final int FAILED = 1;

    private SparkMain() {
    }

    /** Runs the program and exits with its status. */
    public static void main(String[] args) {
        // Before Spark's classes load: Netty reads this once (the manifest cannot set properties).
        System.setProperty("io.netty.tryReflectionSetAccessible", "true");
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), true));
    }

    /** Runs the program in this JVM with the given arguments and streams; returns the exit status. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, false);
    }

    private static int run(String[] args, PrintWriter out, PrintWriter err, boolean mayRestart) {
        CommandLine cmd = new CommandLine(new SparkMain());
        cmd.setOut(out);
        cmd.setErr(err);
        SweepCommand sweep = (SweepCommand) cmd.getSubcommands().get("sweep").getCommand();
        sweep.restart = mayRestart ? args : null;
        cmd.setParameterExceptionHandler((ex, a) -> {
            String path = ex.getCommandLine().getCommandSpec().qualifiedName(" ");
            err.println("jgrad: " + ex.getMessage() + " (see '" + path + " --help')");
            return USAGE;
        });
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            Throwable root = SparkErrors.root(ex);
            if (isUserError(ex) || (ex instanceof SparkException && isUserError(root))) {
                err.println("jgrad: " + SparkErrors.message(ex));
                return USAGE;
            }
            if (ex instanceof SparkException) {
                err.println("jgrad: the sweep failed: " + SparkErrors.message(ex));
                return FAILED;
            }
            throw ex;
        });
        return cmd.execute(args);
    }

    static boolean isUserError(Throwable ex) {
        return ex instanceof IllegalArgumentException || ex instanceof IOException
                || ex instanceof UncheckedIOException || ex instanceof CheckpointFormatException;
    }

    @Override
    public Integer call() {
        CommandLine.usage(this, System.err);
        return USAGE;
    }
}
