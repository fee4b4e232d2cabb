package io.github.jgrad.wgan.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jgrad.wgan.cli.RunFolder;
import io.github.jgrad.wgan.train.TrainingCheckpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Comparisons of run folders between a sweep and {@code compare}. */
final class RunFolders {
    private RunFolders() {
    }

    /**
     * Asserts that the run in {@code actual} is bit for bit the run in {@code expected}: the same
     * logged metrics at every logged iteration (the final ones included) and the same final
     * weights and optimizer state.
     */
    static void assertSameRun(Path expected, Path actual) throws IOException {
        List<String> want = Files.readAllLines(expected.resolve(RunFolder.METRICS));
        List<String> got = Files.readAllLines(actual.resolve(RunFolder.METRICS));
        assertTrue(want.size() >= 2, "a few logged rows expected in " + expected);
        assertEquals(want, got, "metrics.jsonl of " + actual + " vs " + expected);
        assertArrayEquals(Files.readAllBytes(expected.resolve(TrainingCheckpoint.FILE_NAME)),
                Files.readAllBytes(actual.resolve(TrainingCheckpoint.FILE_NAME)),
                "checkpoint of " + actual + " vs " + expected);
    }
}
