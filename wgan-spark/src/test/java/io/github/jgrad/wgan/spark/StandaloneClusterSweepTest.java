package io.github.jgrad.wgan.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jgrad.wgan.cli.Main;
import io.github.jgrad.wgan.cli.RunFolder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep on a real Spark standalone cluster (a Master and two one-core Workers, separate JVMs on
 * the loopback interface) survives one Worker and its executor being killed with SIGKILL while
 * runs are in flight: Spark runs the lost run's task again on the other executor, the run
 * continues from the last checkpoint the killed attempt wrote, and every run ends bit for bit as
 * {@code compare} trains it in one process.
 */
class StandaloneClusterSweepTest {
    private static final int ITERATIONS = 30;

    @TempDir
    Path dir;

    @Test
    void aSweepSurvivesAKilledWorkerAndEndsAsCompareBitForBit() throws Exception {
        Grid grid = Grid.of(List.of("8gaussians"), List.of("wgan-gp", "wgan-clip"), List.of(1L, 2L),
                Map.of("iterations", List.of(String.valueOf(ITERATIONS)), "width", List.of("32")), false);
        Path out = dir.resolve("sweep");
        StringWriter log = new StringWriter();
        ExecutorService driver = Executors.newSingleThreadExecutor();
        long t0 = System.nanoTime();
        try (LoopbackCluster cluster = LoopbackCluster.start(dir.resolve("cluster"), 2, 1, Duration.ofSeconds(60))) {
            Sweep.Settings settings = new Sweep.Settings(cluster.masterUrl(), out.toString(), 1, 0, Map.of(
                    "spark.executor.extraClassPath", LoopbackCluster.executorClassPath(),
                    "spark.executor.memory", "512m",
                    "spark.driver.host", "127.0.0.1",
                    "spark.driver.bindAddress", "127.0.0.1",
                    "spark.ui.enabled", "false"));
            long t1 = System.nanoTime();
            Future<Sweep.Result> sweep = driver.submit(() -> Sweep.run(grid, settings, new PrintWriter(log, true)));

            // Both executors busy with a run each that has checkpointed but is far from done: kill one.
            awaitRunsInFlight(grid, out, 2, sweep);
            int executorsKilled = cluster.kill(0);
            assertEquals(1, executorsKilled, "the killed Worker ran one executor");

            Sweep.Result result = sweep.get(150, TimeUnit.SECONDS);
            List<TaskAttempt> lost = result.attempts().stream().filter(a -> !a.succeeded()).toList();
            List<RunReport> resumed = result.runs().stream().filter(RunReport::resumed).toList();
            System.out.printf("kill test: cluster up in %.1f s, sweep in %.1f s; %d task attempt(s) lost and retried, "
                    + "%d run(s) resumed from a checkpoint: %s%n%s%n", (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9,
                    lost.size(), resumed.size(), resumed, log);
            assertEquals(4, result.runs().size());
            assertTrue(lost.size() >= 1, "the killed executor's run was lost: " + result.attempts());
            assertTrue(resumed.size() >= 1, "a retried run continued from its checkpoint: " + result.runs());
            for (RunReport r : resumed) {
                assertTrue(r.attempt() >= 1 && r.startIteration() > 0 && r.startIteration() < ITERATIONS, r.toString());
            }
        } finally {
            driver.shutdownNow();
            driver.awaitTermination(30, TimeUnit.SECONDS);
        }

        // The same four runs by compare, one after the other in this JVM.
        Path ref = dir.resolve("compare");
        StringWriter err = new StringWriter();
        int status = Main.run(new String[] {"compare", "--objectives", "wgan-gp,wgan-clip", "--seeds", "1,2",
            "--iterations", String.valueOf(ITERATIONS), "--width", "32", "--out", ref.toString(), "--no-progress"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(0, status, err.toString());
        for (GridPoint p : grid.points()) {
            RunFolders.assertSameRun(ref.resolve(grid.folder(p)), out.resolve(grid.folder(p)));
        }
    }

    /**
     * Waits until {@code n} runs have a checkpoint and have logged less than half their
     * iterations: with one-core executors, that is one run in flight on each.
     */
    private static void awaitRunsInFlight(Grid grid, Path out, int n, Future<?> sweep) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (sweep.isDone()) {
                sweep.get(); // surfaces the sweep's failure
                throw new AssertionError("the sweep ended before runs were in flight on both executors");
            }
            int inFlight = 0;
            for (GridPoint p : grid.points()) {
                Path run = out.resolve(grid.folder(p));
                if (Files.exists(run.resolve("checkpoint.safetensors"))) {
                    double logged = lastIteration(run.resolve(RunFolder.METRICS));
                    if (logged < ITERATIONS / 2.0) {
                        inFlight++;
                    }
                }
            }
            if (inFlight >= n) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no two runs were in flight within 120 s");
    }

    private static double lastIteration(Path metrics) throws IOException {
        List<String> lines = Files.exists(metrics) ? Files.readAllLines(metrics) : List.of();
        for (int i = lines.size() - 1; i >= 0; i--) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"iteration\":(\\d+)").matcher(lines.get(i));
            if (m.find()) {
                return Double.parseDouble(m.group(1));
            }
        }
        return 0;
    }
}
