package io.github.jgrad.wgan.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * What one invocation of the {@code jgrad-spark} program printed and returned, run in this JVM
 * through {@link SparkMain#run} (the code path of {@code main} without {@code System.exit}).
 *
 * @param status the exit status {@code main} would exit with
 * @param out what it printed through picocli's standard output
 * @param err what it printed on standard error
 */
record SparkProgramRun(int status, String out, String err) {

    /** Runs the program with {@code args}. */
    static SparkProgramRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = SparkMain.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new SparkProgramRun(status, out.toString(), err.toString());
    }

    /**
     * Asserts a user's mistake was reported as it should be: exit status 2, exactly one line on
     * standard error, no exception name or stack frame, and every one of {@code mustContain}.
     */
    SparkProgramRun assertOneLineError(String... mustContain) {
        assertEquals(SparkMain.USAGE, status, "status; stderr: " + err);
        String line = err.strip();
        assertFalse(line.isEmpty(), "an error line expected");
        assertFalse(line.contains("\n"), "one line expected, got:\n" + line);
        assertTrue(line.startsWith("jgrad: "), line);
        assertFalse(line.contains("Exception") || line.contains("\tat ") || line.contains("at org.apache"),
                "no stack trace: " + line);
        for (String s : mustContain) {
            assertTrue(line.contains(s), "'" + s + "' missing from: " + line);
        }
        return this;
    }
}
