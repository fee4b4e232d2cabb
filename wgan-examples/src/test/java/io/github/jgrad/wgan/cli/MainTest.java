package io.github.jgrad.wgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jgrad.wgan.train.TrainingCheckpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The program's successful paths: help, and a run trained, resumed, sampled and evaluated. Its
 * errors are catalogued in {@link CommandLineCatalogueTest}.
 */
class MainTest {
    private static ProgramRun run(String... args) {
        return ProgramRun.of(args);
    }

    @Test
    void helpListsTheCommands() {
        ProgramRun r = run("--help");
        assertEquals(0, r.status());
        for (String c : List.of("train", "sample", "eval", "compare", "demo")) {
            assertTrue(r.out().contains(c), c);
        }
    }

    @Test
    void trainWritesMetricsPicturesAndCheckpointThenResumeSampleAndEvalUseThem(@TempDir Path dir) throws IOException {
        Path runDir = dir.resolve("run");
        String[] common = {"--width", "16", "--batch-size", "32", "--run-dir", runDir.toString(), "--log-every", "5",
            "--plot-every", "10", "--checkpoint-every", "5", "--no-progress"};
        ProgramRun r = run(concat(new String[] {"train", "--iterations", "10"}, common));
        assertEquals(0, r.status(), r.err());
        for (String f : List.of("metrics.jsonl", TrainingCheckpoint.FILE_NAME, RunPlots.CRITIC_MAP, RunPlots.LOSSES,
                RunPlots.WASSERSTEIN, RunPlots.GRAD_NORMS)) {
            assertTrue(Files.size(runDir.resolve(f)) > 0, f);
        }
        assertEquals(2, Files.readAllLines(runDir.resolve("metrics.jsonl")).size());

        ProgramRun resumed = run(concat(new String[] {"train", "--resume", "--iterations", "15"}, common));
        assertEquals(0, resumed.status(), resumed.err());
        List<String> lines = Files.readAllLines(runDir.resolve("metrics.jsonl"));
        assertEquals(3, lines.size());
        assertTrue(lines.get(2).startsWith("{\"iteration\":15"), lines.get(2));

        Path csv = dir.resolve("samples.csv");
        ProgramRun s = run("sample", "--run-dir", runDir.toString(), "-n", "7", "--out", csv.toString());
        assertEquals(0, s.status(), s.err());
        List<String> rows = Files.readAllLines(csv);
        assertEquals(7, rows.size());
        assertEquals(2, rows.get(0).split(",").length);

        ProgramRun e = run("eval", "--run-dir", runDir.toString());
        assertEquals(0, e.status(), e.err());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
