package io.github.jgrad.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One timed child process of {@link SideBySide} ({@link WorkloadRun} or {@code wgan_torch.py}):
 * starts it, waits at most a deadline, and parses its last {@code RESULT} line.
 *
 * @param itPerSecond generator iterations per second, or NaN if the run failed
 * @param peakRssKb   the child's peak resident memory in KiB, or -1 if unknown
 * @param backend     what the child reported running on (BLAS library, threads)
 * @param failure     why the run gave no result, or null
 */
record ChildRun(double itPerSecond, long peakRssKb, String backend, String failure) {

    /** Whether the run produced a measurement. */
    boolean ok() {
        return failure == null;
    }

    /**
     * Runs {@code command} with {@code env} added to this process's environment.
     *
     * @param timeoutSeconds the child is killed after this long and the run counts as failed
     */
    static ChildRun run(List<String> command, Map<String, String> env, long timeoutSeconds) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return failed("could not start " + command.get(0) + ": " + e.getMessage());
        }
        // Output is read on another thread so that a chatty child cannot block on a full pipe
        // while we wait for it with a deadline.
        StringBuilder out = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                out.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                out.append("(output unreadable: ").append(e.getMessage()).append(')');
            }
        });
        reader.start();
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                reader.join(5000);
                return failed("timed out after " + timeoutSeconds + " s");
            }
            reader.join(5000);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return failed("interrupted");
        }
        return parse(out.toString(), process.exitValue());
    }

    /** The measurement in a child's output, or a failure quoting the output's last lines. */
    static ChildRun parse(String output, int exitCode) {
        String[] lines = output.split("\\R");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (lines[i].startsWith("RESULT ")) {
                double rate = Double.NaN;
                long rss = -1;
                String backend = "";
                for (String field : lines[i].substring(7).trim().split(" ")) {
                    int eq = field.indexOf('=');
                    String key = field.substring(0, Math.max(eq, 0));
                    String value = field.substring(eq + 1);
                    switch (key) {
                        case "it_per_s" -> rate = Double.parseDouble(value);
                        case "peak_rss_kb" -> rss = Long.parseLong(value);
                        case "backend" -> backend = value;
                        default -> { }
                    }
                }
                return new ChildRun(rate, rss, backend, null);
            }
        }
        int from = Math.max(0, lines.length - 8);
        return failed("exit status " + exitCode + ", no RESULT line; last output:\n    "
                + String.join("\n    ", java.util.Arrays.copyOfRange(lines, from, lines.length)));
    }

    private static ChildRun failed(String why) {
        return new ChildRun(Double.NaN, -1, "", why);
    }
}
