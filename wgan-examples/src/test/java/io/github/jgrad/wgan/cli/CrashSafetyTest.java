package io.github.jgrad.wgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.jgrad.nn.io.SafeTensors;
import io.github.jgrad.tensor.Tensor;
import io.github.jgrad.wgan.train.Experiment;
import io.github.jgrad.wgan.train.TrainingCheckpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run killed at a random moment always leaves a checkpoint that loads, and {@code --resume}
 * continues from it. The {@code jgrad train} program runs in a child JVM with a tiny network and a
 * checkpoint after every iteration, so much of its time is spent writing checkpoints; it is
 * stopped {@link #KILLS} times after a random delay, alternately with SIGKILL (no shutdown hook
 * runs: a crash or power cut as far as the process can tell) and SIGTERM (the Ctrl-C path, whose
 * hook writes a last checkpoint). After each stop the checkpoint must load, at an iteration no
 * earlier than the one before; the next child resumes from exactly that iteration. Finally a
 * resumed child finishes the run, and its weights equal bit for bit those of an uninterrupted run
 * of as many iterations in this JVM: the crashes lost nothing and changed nothing. The temporary
 * files that stops during a checkpoint write leave behind are gone once a run resumes.
 */
class CrashSafetyTest {
    /** How many times the training child is stopped. */
    static final int KILLS = 6;
    /** Longest wait for a child to reach its next checkpoint. */
    static final long PROGRESS_TIMEOUT_MS = 30_000;
    /** Stops land this long, at most, after a fresh checkpoint appeared. */
    static final int MAX_DELAY_MS = 400;

    @TempDir
    Path dir;

    @Test
    void aRunKilledAtRandomMomentsAlwaysLeavesALoadableCheckpointAndResumesExactly() throws Exception {
        Path runDir = dir.resolve("run");
        Path checkpoint = runDir.resolve(TrainingCheckpoint.FILE_NAME);
        Random random = new Random(20240601);
        int last = -1;
        for (int k = 0; k < KILLS; k++) {
            Process child = start(runDir, k > 0, 1_000_000, dir.resolve("out-" + k + ".txt"));
            int resumedAt = last;
            waitForCheckpointAfter(checkpoint, last, child);
            Thread.sleep(random.nextInt(MAX_DELAY_MS));
            if (k % 2 == 0) {
                child.destroyForcibly();
            } else {
                child.destroy();
            }
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child did not stop");
            // Whatever moment the stop hit, the checkpoint on disk is whole and loads.
            Experiment loaded = TrainingCheckpoint.resume(checkpoint, 0);
            int now = loaded.trainer().iteration();
            assertTrue(now > last, "checkpoint at iteration " + now + " after " + last);
            if (k > 0) {
                String firstLine = Files.readAllLines(dir.resolve("out-" + k + ".txt")).get(0);
                assertTrue(firstLine.contains("at iteration " + resumedAt + " of"), firstLine);
            }
            last = now;
        }
        int total = last + 5;
        Process finish = start(runDir, true, total, dir.resolve("out-final.txt"));
        assertTrue(finish.waitFor(120, TimeUnit.SECONDS), "the resumed run did not finish");
        String output = Files.readString(dir.resolve("out-final.txt"), StandardCharsets.UTF_8);
        assertEquals(0, finish.exitValue(), output);
        assertTrue(output.startsWith("Resuming " + runDir + " at iteration " + last + " of " + total), output);
        try (Stream<Path> files = Files.list(runDir)) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList(),
                    "temporary files of interrupted checkpoint writes are cleaned up on resume");
        }

        Experiment straight = Experiment.create(TrainingCheckpoint.readSpec(checkpoint));
        for (int i = 0; i < total; i++) {
            straight.trainer().step();
        }
        Map<String, Tensor> resumed = SafeTensors.read(checkpoint).tensors();
        assertSameWeights("generator.", straight.trainer().generator().stateDict(), resumed);
        assertSameWeights("critic.", straight.trainer().critic().stateDict(), resumed);
    }

    /** Starts {@code jgrad train} in a child JVM, its output (both streams) going to {@code log}. */
    private static Process start(Path runDir, boolean resume, int iterations, Path log) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-Xmx256m", "-cp", classPath,
                Main.class.getName(), "train", "--width", "8", "--batch-size", "16", "--n-critic", "1",
                "--iterations", Integer.toString(iterations), "--checkpoint-every", "1", "--log-every", "1000000",
                "--plot-every", "1000000", "--no-progress", "--run-dir", runDir.toString()));
        if (resume) {
            cmd.add("--resume");
        }
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits until the child has written a checkpoint past {@code iteration}. */
    private static void waitForCheckpointAfter(Path checkpoint, int iteration, Process child) throws Exception {
        long deadline = System.currentTimeMillis() + PROGRESS_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            if (!child.isAlive()) {
                fail("the child exited early with status " + child.exitValue());
            }
            if (Files.exists(checkpoint)
                    && Integer.parseInt(SafeTensors.readMetadata(checkpoint).get("iteration")) > iteration) {
                return;
            }
            Thread.sleep(20);
        }
        child.destroyForcibly();
        fail("no checkpoint past iteration " + iteration + " within " + PROGRESS_TIMEOUT_MS + " ms");
    }

    private static void assertSameWeights(String prefix, Map<String, Tensor> expected, Map<String, Tensor> file) {
        for (Map.Entry<String, Tensor> e : expected.entrySet()) {
            Tensor stored = file.get(prefix + e.getKey());
            float[] a = e.getValue().toFloatArray();
            float[] b = stored.toFloatArray();
            assertEquals(a.length, b.length, prefix + e.getKey());
            for (int i = 0; i < a.length; i++) {
                if (Float.floatToRawIntBits(a[i]) != Float.floatToRawIntBits(b[i])) {
                    fail(prefix + e.getKey() + "[" + i + "]: uninterrupted " + a[i] + ", crashed and resumed " + b[i]);
                }
            }
        }
    }
}
