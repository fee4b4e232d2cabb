package io.github.jgrad.wgan.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jgrad.autodiff.Anomaly;
import io.github.jgrad.autodiff.AnomalyException;
import io.github.jgrad.autodiff.Var;
import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import io.github.jgrad.wgan.train.TrainingCheckpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through the {@code jgrad} program: a run whose losses become infinite stops with exit status 2
 * and one line naming the quantity and iteration, leaving the last good checkpoint byte for byte
 * as it was; {@code --anomaly} switches anomaly mode on, and its report is one line too.
 */
class NumericalHealthCommandLineTest {
    @TempDir
    Path dir;

    /**
     * A tiny WGAN-GP run at learning rate {@code lr}, checkpointed every iteration, plus {@code extra}.
     * The He-uniform start is the one whose first step at 1e6 stays finite and whose later ones do not.
     */
    private static String[] train(Path runDir, String lr, String... extra) {
        String[] base = {"train", "--objective", "wgan-gp", "--init", "he-uniform", "--lr", lr, "--width", "8",
            "--batch-size", "16",
            "--n-critic", "1", "--checkpoint-every", "1", "--log-every", "1000", "--plot-every", "1000",
            "--no-progress", "--run-dir", runDir.toString()};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    @Test
    void aDivergingRunStopsWithOneLineNamingTheQuantityAndKeepsTheLastGoodCheckpoint() throws IOException {
        Path runDir = dir.resolve("run");
        // One iteration at this learning rate is still finite: it ends with a good checkpoint. (The
        // resumed run keeps the stored settings, so it continues at the same learning rate.)
        ProgramRun first = ProgramRun.of(train(runDir, "1e6", "--iterations", "1"));
        assertEquals(0, first.status(), first.err());
        Path checkpoint = runDir.resolve(TrainingCheckpoint.FILE_NAME);
        byte[] good = Files.readAllBytes(checkpoint);

        ProgramRun diverged = ProgramRun.of(train(runDir, "1e6", "--resume", "--iterations", "50"));
        diverged.assertOneLineError("became", "at generator iteration", "--anomaly");
        assertTrue(diverged.err().matches("(?s)jgrad: (critic loss|gradient penalty|generator loss|critic gradient norm"
                + "|generator gradient norm) became (NaN|-?Infinity) at generator iteration \\d+.*"), diverged.err());
        assertArrayEquals(good, Files.readAllBytes(checkpoint), "the last good checkpoint was overwritten");
        TrainingCheckpoint.resume(checkpoint, 0);
    }

    @Test
    void theAnomalyOptionSwitchesAnomalyModeOnForTheRun() {
        try {
            ProgramRun on = ProgramRun.of(train(dir.resolve("on"), "1e-4", "--iterations", "1", "--anomaly"));
            assertEquals(0, on.status(), on.err());
            assertTrue(Anomaly.isEnabled(), "--anomaly did not switch anomaly mode on");
            ProgramRun off = ProgramRun.of(train(dir.resolve("off"), "1e-4", "--iterations", "1"));
            assertEquals(0, off.status(), off.err());
            assertFalse(Anomaly.isEnabled(), "anomaly mode stayed on without --anomaly");
        } finally {
            Anomaly.setEnabled(false);
        }
    }

    @Test
    void anAnomalyReportIsAOneLineErrorOfTheProgram() throws Exception {
        AnomalyException report;
        try (AutoCloseable on = Anomaly.detect()) {
            Var x = Var.leaf(Tensor.zeros(DType.F32, Shape.of(2)));
            report = assertThrows(AnomalyException.class,
                    () -> x.sqrt().sum().backward());
        }
        assertTrue(Main.isUserError(report));
        assertFalse(report.getMessage().contains("\n"), report.getMessage());
        assertTrue(report.getMessage().contains("'sqrt'"), report.getMessage());
    }
}
