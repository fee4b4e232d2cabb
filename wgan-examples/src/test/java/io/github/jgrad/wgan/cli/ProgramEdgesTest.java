package io.github.jgrad.wgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Tensor;
import io.github.jgrad.wgan.train.RunSpec;
import io.github.jgrad.wgan.train.TrainingCheckpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The program at its edges, where a newcomer meets it first: a finished run resumed, a version
 * asked of a subcommand, counts printed by eval, a setting that differs from a stored run, many
 * samples into a CSV, and what the console shows when output goes to a file.
 */
class ProgramEdgesTest {
    @TempDir
    static Path shared;

    /** A finished toy run of 4 iterations, trained once for the tests that only read it. */
    private static Path finished;

    @BeforeAll
    static void trainOneSmallRun() {
        finished = shared.resolve("finished");
        ProgramRun r = ProgramRun.of("train", "--iterations", "4", "--width", "8", "--log-every", "2",
                "--run-dir", finished.toString(), "--no-progress");
        assertEquals(0, r.status(), r.err());
    }

    /** What the program printed on System.out (where the commands print) and its status. */
    private record Printed(int status, String out, String err) {
    }

    private static Printed printed(String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            ProgramRun r = ProgramRun.of(args);
            capture.flush();
            return new Printed(r.status(), r.out() + bytes.toString(StandardCharsets.UTF_8), r.err());
        } finally {
            System.setOut(saved);
        }
    }

    private static Path copyOf(Path run, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(run)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }

    @Test
    void resumingAFinishedRunSaysSoAndPrintsItsSummaryWithoutChangingIt(@TempDir Path dir) throws IOException {
        Path run = copyOf(finished, dir.resolve("run"));
        byte[] checkpoint = Files.readAllBytes(run.resolve(TrainingCheckpoint.FILE_NAME));
        List<String> log = Files.readAllLines(run.resolve("metrics.jsonl"));
        Printed p = printed("train", "--resume", "--run-dir", run.toString(), "--no-progress");
        assertEquals(0, p.status(), p.err());
        assertTrue(p.out().contains("has already done its 4 iterations; give --iterations above 4"), p.out());
        assertTrue(p.out().contains("Finished wgan-gp on 8gaussians: 4 generator iterations."), p.out());
        assertTrue(Pattern.compile("sliced Wasserstein distance \\d+\\.\\d{4}").matcher(p.out()).find(), p.out());
        assertEquals(log, Files.readAllLines(run.resolve("metrics.jsonl")));
        assertTrue(java.util.Arrays.equals(checkpoint, Files.readAllBytes(run.resolve(TrainingCheckpoint.FILE_NAME))));
    }

    @Test
    void everySubcommandPrintsTheVersion() {
        for (String command : List.of("demo", "train", "sample", "eval", "compare")) {
            ProgramRun r = ProgramRun.of(command, "-V");
            assertEquals(0, r.status(), command + ": " + r.err());
            assertEquals(ProgramRun.of("-V").out().strip(), r.out().strip(), command);
            assertTrue(r.out().startsWith("jgrad "), command + ": " + r.out());
        }
    }

    @Test
    void evalPrintsCountsAsWholeNumbersAndOtherMetricsToFourPlaces() {
        Printed p = printed("eval", "--run-dir", finished.toString());
        assertEquals(0, p.status(), p.err());
        assertTrue(Pattern.compile("(?m)^  modes_total +8$").matcher(p.out()).find(), p.out());
        assertTrue(Pattern.compile("(?m)^  modes_covered +[0-8]$").matcher(p.out()).find(), p.out());
        assertTrue(Pattern.compile("(?m)^  swd +\\d+\\.\\d{4}$").matcher(p.out()).find(), p.out());
        assertEquals("17", EvalCommand.format("classes_covered", 17.0));
        assertEquals("0.5000", EvalCommand.format("high_quality", 0.5));
        assertEquals("3.0000", EvalCommand.format("swd", 3.0));
    }

    @Test
    void aRefusedComparisonNamesTheSettingThatDiffers() throws IOException {
        RunSpec stored = TrainingCheckpoint.readSpec(finished.resolve(TrainingCheckpoint.FILE_NAME));
        RunSpec wider = new RunSpec(stored.data(), stored.network(), 32, stored.dataDir(), stored.config());
        assertEquals("width 8 there, 32 asked", SettingDifferences.between(stored, wider));
        RunSpec longer = new RunSpec(stored.data(), stored.network(), 32, stored.dataDir(),
                stored.config().withIterations(9));
        assertEquals("width 8 there, 32 asked; iterations 4 there, 9 asked", SettingDifferences.between(stored, longer));
    }

    @Test
    void aCsvOfManySamplesIsWrittenInChunksWithTheSameSamplesAsOneDraw(@TempDir Path dir) throws IOException {
        int n = 2 * SampleCommand.CSV_CHUNK + 7;
        Path csv = dir.resolve("many.csv");
        Printed p = printed("sample", "--run-dir", finished.toString(), "-n", String.valueOf(n), "--seed", "3",
                "--out", csv.toString());
        assertEquals(0, p.status(), p.err());
        List<String> rows = Files.readAllLines(csv);
        assertEquals(n, rows.size());
        Tensor once = TrainingCheckpoint.resume(finished.resolve(TrainingCheckpoint.FILE_NAME), 0).trainer()
                .sampleFakes(n, new Rng(3));
        for (int i : new int[] {0, SampleCommand.CSV_CHUNK - 1, SampleCommand.CSV_CHUNK, n - 1}) {
            String[] cells = rows.get(i).split(",");
            assertEquals(once.getDouble(2 * i), Double.parseDouble(cells[0]), "row " + i);
            assertEquals(once.getDouble(2 * i + 1), Double.parseDouble(cells[1]), "row " + i);
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(csv), left.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void outputToAFileShowsTheBackendOnceAndWholeProgressLines(@TempDir Path dir) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path out = dir.resolve("out.txt");
        Process p = new ProcessBuilder(java.toString(), "-cp", classPath, Main.class.getName(), "train",
                "--iterations", "4", "--width", "8", "--log-every", "2", "--run-dir", dir.resolve("run").toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the program did not exit");
        String text = Files.readString(out);
        assertEquals(0, p.exitValue(), text);
        assertEquals(1, text.split("jgrad BLAS backend: ", -1).length - 1, text);
        assertFalse(text.contains("INFO:") || text.contains("BlasProvider"), "no log record: " + text);
        assertFalse(text.contains("[ ]") || text.contains("..."), "no squeezed bar: " + text);
        // One whole line per logged iteration, speed and metrics separated.
        Pattern line = Pattern.compile("(?m)^train 4/4 \\(\\d+\\.\\d it/s\\) W -?\\d+\\.\\d{3} modes \\d/8 HQ \\d+% "
                + "SWD \\d+\\.\\d{3} \\|grad\\| \\d+\\.\\d{2}$");
        assertTrue(line.matcher(text).find(), text);
        assertTrue(text.indexOf("jgrad BLAS backend") < text.indexOf("train 2/4"), text);
    }
}
