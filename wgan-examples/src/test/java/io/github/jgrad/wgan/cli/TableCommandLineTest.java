package io.github.jgrad.wgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jgrad.wgan.data.CsvFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A table trained, sampled to a CSV with the original header, and evaluated, as a user does it. */
class TableCommandLineTest {
    @TempDir
    Path dir;

    /** 60 rows: a measurement in [100, 200] with one decimal, and a colour that follows it. */
    private Path table() throws IOException {
        StringBuilder sb = new StringBuilder("size_cm,colour\n");
        io.github.jgrad.tensor.Rng rng = new io.github.jgrad.tensor.Rng(5);
        for (int i = 0; i < 60; i++) {
            double v = 100 + 100 * rng.nextDouble();
            sb.append(String.format(java.util.Locale.ROOT, "%.1f,%s%n", v, v > 150 ? "red" : "blue"));
        }
        return Files.writeString(dir.resolve("plants.csv"), sb.toString());
    }

    @Test
    void aTableTrainsAndItsSamplesComeBackInItsColumnsUnitsAndLabels() throws IOException {
        Path csv = table();
        Path runDir = dir.resolve("run");
        ProgramRun t = ProgramRun.of("train", "--data", csv.toString(), "--iterations", "20", "--batch-size", "16",
                "--target", "colour", "--run-dir", runDir.toString(), "--log-every", "10", "--no-progress");
        assertEquals(0, t.status(), t.err());
        for (String f : List.of("metrics.jsonl", RunPlots.COLUMNS, RunPlots.CORRELATIONS)) {
            assertTrue(Files.size(runDir.resolve(f)) > 0, f);
        }
        String last = Files.readAllLines(runDir.resolve("metrics.jsonl")).get(1);
        for (String key : List.of("\"w1/size_cm\"", "\"w1_std/size_cm\"", "\"tvd/colour\"", "\"corr_diff\"",
                "\"tstr_accuracy\"", "\"trtr_accuracy\"")) {
            assertTrue(last.contains(key), key + " in " + last);
        }

        Path out = dir.resolve("synthetic.csv");
        ProgramRun s = ProgramRun.of("sample", "--run-dir", runDir.toString(), "-n", "1000", "--out", out.toString());
        assertEquals(0, s.status(), s.err());
        CsvFile back = CsvFile.read(out);
        assertEquals(List.of("size_cm", "colour"), back.header());
        assertEquals(1000, back.records().size());
        Set<String> colours = new HashSet<>();
        for (String[] r : back.records()) {
            colours.add(r[1]);
            assertTrue(r[0].matches("-?\\d+\\.\\d"), "one decimal, as in the file: " + r[0]);
        }
        assertTrue(Set.of("red", "blue").containsAll(colours), colours.toString());

        ProgramRun sampled = ProgramRun.of("sample", "--run-dir", runDir.toString(), "-n", "50", "--out",
                dir.resolve("drawn.csv").toString(), "--categorical-sampling");
        assertEquals(0, sampled.status(), sampled.err());
        assertEquals(50, CsvFile.read(dir.resolve("drawn.csv")).records().size());
    }

    @Test
    void aConstantColumnIsAWarningNotAnError() throws IOException {
        Path csv = Files.writeString(dir.resolve("flat.csv"), "a,b\n1,5\n2,5\n3,5\n4,5\n");
        ProgramRun t = ProgramRun.of("train", "--data", "csv:" + csv, "--iterations", "2", "--batch-size", "2",
                "--run-dir", dir.resolve("flat-run").toString(), "--no-progress");
        assertEquals(0, t.status(), t.err());
    }
}
