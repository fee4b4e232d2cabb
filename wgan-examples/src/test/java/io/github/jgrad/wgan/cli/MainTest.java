package io.github.jgrad.wgan.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jgrad.wgan.train.Experiment;
import io.github.jgrad.wgan.train.Objective;
import io.github.jgrad.wgan.train.RunSpec;
import io.github.jgrad.wgan.train.TrainConfig;
import io.github.jgrad.wgan.train.TrainingCheckpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
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

    @Test
    void compareReusesFinishedRunsContinuesUnfinishedOnesAndRefusesOtherSettings(@TempDir Path dir) throws IOException {
        String[] args = {"compare", "--objectives", "wgan-gp,gan", "--iterations", "10", "--width", "16", "--out",
            dir.resolve("fresh").toString(), "--no-progress"};
        ProgramRun fresh = run(args);
        assertEquals(0, fresh.status(), fresh.err());
        String summary = Files.readString(dir.resolve("fresh").resolve("summary.md"));
        Path ckpt = dir.resolve("fresh").resolve("8gaussians").resolve("wgan-gp-seed1").resolve(TrainingCheckpoint.FILE_NAME);
        byte[] stored = Files.readAllBytes(ckpt);

        Object identity = Files.readAttributes(ckpt, BasicFileAttributes.class).fileKey();
        FileTime written = Files.getLastModifiedTime(ckpt);
        ProgramRun again = run(args);
        assertEquals(0, again.status(), again.err());
        assertEquals(summary, Files.readString(dir.resolve("fresh").resolve("summary.md")));
        // Reused, not retrained: a new checkpoint would have replaced the file.
        assertEquals(identity, Files.readAttributes(ckpt, BasicFileAttributes.class).fileKey());
        assertEquals(written, Files.getLastModifiedTime(ckpt));

        // A run stopped at iteration 4 (as Ctrl-C leaves it) continues to the same end, bit for bit.
        Path partial = dir.resolve("partial");
        RunSpec spec = new RunSpec("8gaussians", "toy", 16, null,
                TrainConfig.defaults(Objective.WGAN_GP, true).withIterations(10).withSeed(1));
        Experiment run = Experiment.create(spec);
        for (int i = 0; i < 4; i++) {
            run.trainer().step();
        }
        Path runDir = partial.resolve("8gaussians").resolve("wgan-gp-seed1");
        Files.createDirectories(runDir);
        TrainingCheckpoint.save(runDir.resolve(TrainingCheckpoint.FILE_NAME), run);
        args[args.length - 2] = partial.toString();
        ProgramRun continued = run(args);
        assertEquals(0, continued.status(), continued.err());
        assertEquals(summary, Files.readString(partial.resolve("summary.md")));
        // Continued, not restarted: the log (one row per iteration here) starts after iteration 4.
        List<String> log = Files.readAllLines(runDir.resolve("metrics.jsonl"));
        assertEquals(6, log.size());
        assertTrue(log.get(0).startsWith("{\"iteration\":5,"), log.get(0));

        ProgramRun other = run("compare", "--objectives", "wgan-gp", "--iterations", "10", "--width", "32", "--out",
                dir.resolve("fresh").toString(), "--no-progress");
        assertEquals(2, other.status());
        assertTrue(other.err().contains("other settings"), other.err());
        assertArrayEquals(stored, Files.readAllBytes(ckpt));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
