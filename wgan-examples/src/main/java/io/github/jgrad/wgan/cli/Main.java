package io.github.jgrad.wgan.cli;

import io.github.jgrad.autodiff.AnomalyException;
import io.github.jgrad.nn.io.CheckpointFormatException;
import io.github.jgrad.wgan.train.NonFiniteTrainingException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code jgrad}: the command-line program. With no arguments it runs the default demo; the
 * subcommands train, sample from, evaluate and compare runs. A user's mistake (unknown option,
 * impossible setting, missing or damaged file), and a run stopped because a loss or gradient
 * became NaN or infinite (or, with {@code --anomaly}, by the operation that made one), ends with
 * one line on standard error and exit status 2, never a stack trace.
 */
@Command(name = "jgrad", mixinStandardHelpOptions = true, version = "jgrad 0.1.0",
        description = {"Wasserstein GAN reference trainers on jgrad.",
            "With no command: the default demo, WGAN-GP on the 8-Gaussians mixture (see 'demo --help')."},
        subcommands = {DemoCommand.class, TrainCommand.class, SampleCommand.class, EvalCommand.class,
            CompareCommand.class})
public final class Main implements Callable<Integer> {
    /** Exit status for a user's mistake. */
    static final int USAGE = 2;

    /** Runs the program. */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * The library's logging, turned down to warnings: the program prints the BLAS choice itself,
     * above its progress bar, where the two-line log record would cut into the bar. Held in a
     * field because java.util.logging keeps loggers only weakly.
     */
    private static final java.util.logging.Logger LIBRARY_LOG = java.util.logging.Logger.getLogger("io.github.jgrad");

    /** Runs the program with the given arguments and streams; returns the exit status. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        LIBRARY_LOG.setLevel(java.util.logging.Level.WARNING);
        CommandLine cmd = new CommandLine(new Main());
        cmd.setOut(out);
        cmd.setErr(err);
        // Every subcommand answers -V as the program does.
        cmd.getSubcommands().values().forEach(sub -> sub.getCommandSpec().version(cmd.getCommandSpec().version()));
        cmd.setParameterExceptionHandler((ex, a) -> {
            err.println("jgrad: " + parameterMessage(ex) + " (see 'jgrad " + commandPath(ex.getCommandLine()) + "--help')");
            return USAGE;
        });
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (isUserError(ex)) {
                err.println("jgrad: " + message(ex));
                return USAGE;
            }
            throw ex;
        });
        return cmd.execute(args);
    }

    /**
     * The parse error in the user's terms: a word where a command is expected is an unknown
     * command (with the closest names, if any), not an "unmatched argument at index 0".
     */
    private static String parameterMessage(CommandLine.ParameterException ex) {
        CommandLine c = ex.getCommandLine();
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !c.getSubcommands().isEmpty()
                && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
            String word = u.getUnmatched().get(0);
            List<String> close = u.getSuggestions();
            return "unknown command '" + word + "'"
                    + (close.isEmpty() ? "" : " (did you mean '" + String.join("' or '", close) + "'?)")
                    + "; the commands are " + String.join(", ", c.getSubcommands().keySet());
        }
        return ex.getMessage();
    }

    private static String commandPath(CommandLine c) {
        String path = c.getCommandSpec().qualifiedName(" ");
        return path.equals("jgrad") ? "" : path.substring("jgrad ".length()) + " ";
    }

    static boolean isUserError(Throwable ex) {
        // An anomaly report is the answer the user asked for with --anomaly: one line, like the rest.
        return ex instanceof IllegalArgumentException || ex instanceof IOException
                || ex instanceof UncheckedIOException || ex instanceof NonFiniteTrainingException
                || ex instanceof CheckpointFormatException || ex instanceof AnomalyException;
    }

    private static String message(Throwable thrown) {
        // Its own message is the cause's toString(), class name and all.
        Throwable ex = thrown instanceof UncheckedIOException && thrown.getCause() != null ? thrown.getCause() : thrown;
        String m = ex.getMessage();
        if (ex instanceof java.nio.file.NoSuchFileException) {
            return "no such file: " + m;
        }
        if (ex instanceof java.nio.file.AccessDeniedException) {
            return "cannot access: " + m;
        }
        if (ex instanceof java.nio.file.FileAlreadyExistsException) {
            // Only creating a folder raises it here: a file already has the folder's name.
            return "a file is in the way of a folder: " + m;
        }
        if (ex instanceof java.nio.file.NotDirectoryException) {
            return "not a folder: " + m;
        }
        return m == null ? ex.getClass().getSimpleName() : m;
    }

    @Override
    public Integer call() throws Exception {
        return new DemoCommand().call();
    }
}
