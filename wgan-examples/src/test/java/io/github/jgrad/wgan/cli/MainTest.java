package io.github.jgrad.wgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jgrad.wgan.train.TrainingCheckpoint;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    /** What one invocation printed and returned. */
    private record Result(int status, String out, String err) {
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(status, out.toString(), err.toString());
    }

    private static void assertOneLineError(Result r, String... mustContain) {
        assertEquals(Main.USAGE, r.status(), "status; stderr: " + r.err());
        String err = r.err().strip();
        assertFalse(err.contains("\n"), "one line expected, got:\n" + err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), "no stack trace: " + err);
        for (String s : mustContain) {
            assertTrue(err.contains(s), "'" + s + "' missing from: " + err);
        }
    }

    @Test
    void helpListsTheCommands() {
        Result r = run("--help");
        assertEquals(0, r.status());
        for (String c : List.of("train", "sample", "eval", "compare", "demo")) {
            assertTrue(r.out().contains(c), c);
        }
    }

    @Test
    void unknownOptionIsOneLineAndStatusTwo() {
        assertOneLineError(run("train", "--learning-rat", "0.1"), "--learning-rat");
    }

    @Test
    void impossibleHyperparametersAreRefusedByName(@TempDir Path dir) {
        String d = dir.toString();
        assertOneLineError(run("train", "--lr", "-0.001", "--run-dir", d), "learning rate", "-0.001");
        assertOneLineError(run("train", "--n-critic", "0", "--run-dir", d), "n-critic", "0");
        assertOneLineError(run("train", "--batch-size", "0", "--run-dir", d), "batch size");
        assertOneLineError(run("train", "--objective", "wgan-lp", "--run-dir", d), "wgan-lp");
        assertOneLineError(run("train", "--data", "9gaussians", "--run-dir", d), "9gaussians");
        assertOneLineError(run("train", "--beta1", "1.5", "--run-dir", d), "betas");
    }

    @Test
    void missingMnistFolderIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-folder");
        assertOneLineError(run("train", "--data", "mnist", "--data-dir", missing.toString(), "--run-dir",
                dir.resolve("run").toString()), "no-such-folder");
    }

    @Test
    void batchLargerThanMnistIsRefused(@TempDir Path dir) {
        Path mnist = io.github.jgrad.wgan.data.SharedMnist.folderOrSkip();
        assertOneLineError(run("train", "--data", "mnist", "--data-dir", mnist.toString(), "--batch-size", "20000",
                "--run-dir", dir.toString()), "20000", "larger than the data set");
    }

    @Test
    void resumeWithoutCheckpointIsRefused(@TempDir Path dir) {
        assertOneLineError(run("train", "--resume", "--run-dir", dir.toString()), "no checkpoint");
    }

    @Test
    void trainWritesMetricsPicturesAndCheckpointThenResumeSampleAndEvalUseThem(@TempDir Path dir) throws IOException {
        Path runDir = dir.resolve("run");
        String[] common = {"--width", "16", "--batch-size", "32", "--run-dir", runDir.toString(), "--log-every", "5",
            "--plot-every", "10", "--checkpoint-every", "5", "--no-progress"};
        Result r = run(concat(new String[] {"train", "--iterations", "10"}, common));
        assertEquals(0, r.status(), r.err());
        for (String f : List.of("metrics.jsonl", TrainingCheckpoint.FILE_NAME, RunPlots.CRITIC_MAP, RunPlots.LOSSES,
                RunPlots.WASSERSTEIN, RunPlots.GRAD_NORMS)) {
            assertTrue(Files.size(runDir.resolve(f)) > 0, f);
        }
        assertEquals(2, Files.readAllLines(runDir.resolve("metrics.jsonl")).size());

        Result resumed = run(concat(new String[] {"train", "--resume", "--iterations", "15"}, common));
        assertEquals(0, resumed.status(), resumed.err());
        List<String> lines = Files.readAllLines(runDir.resolve("metrics.jsonl"));
        assertEquals(3, lines.size());
        assertTrue(lines.get(2).startsWith("{\"iteration\":15"), lines.get(2));

        Path csv = dir.resolve("samples.csv");
        Result s = run("sample", "--run-dir", runDir.toString(), "-n", "7", "--out", csv.toString());
        assertEquals(0, s.status(), s.err());
        List<String> rows = Files.readAllLines(csv);
        assertEquals(7, rows.size());
        assertEquals(2, rows.get(0).split(",").length);

        Result e = run("eval", "--run-dir", runDir.toString());
        assertEquals(0, e.status(), e.err());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
