package io.github.jgrad.wgan.spark;

import io.github.jgrad.tensor.Parallel;
import io.github.jgrad.tensor.blas.BlasProvider;
import io.github.jgrad.wgan.train.RunSpec;
import io.github.jgrad.wgan.train.TrainingCheckpoint;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Runs a {@link Grid} of training runs as one Spark job, one task per run, writing each run's
 * folder under a shared output exactly as {@code compare} does, then gathers the summary, the
 * side-by-side figures and the timeline on the driver.
 *
 * <p>Everything a user can get wrong is checked on the driver before any task starts: every
 * run's settings, that the output is writable, that no run folder holds a run with other
 * settings, that the master is reachable; then a probe task checks that an executor can write
 * the output too. A task that dies is retried by Spark (up to {@code spark.task.maxFailures}
 * times) and continues from the checkpoint its run folder holds.
 */
public final class Sweep {
    /** How long the master may take to accept a connection. */
    static final Duration MASTER_TIMEOUT = Duration.ofSeconds(30);

    /** How long the probe task may wait for an executor before the sweep gives up. */
    static final Duration EXECUTOR_TIMEOUT = Duration.ofSeconds(120);

    private static final String JOB_GROUP = "jgrad-sweep";

    /**
     * How to run a sweep.
     *
     * @param master Spark master URL
     * @param out the output: a folder shared by the driver and every executor, or a Hadoop URI
     * @param threadsPerRun cores each run gets: {@code spark.task.cpus}, jgrad's threads and OpenBLAS's
     * @param checkpointEvery generator iterations between checkpoints; 0 for a twentieth of each run
     * @param conf further Spark settings, applied last
     */
    public record Settings(String master, String out, int threadsPerRun, int checkpointEvery, Map<String, String> conf) {
        /** Validates the numbers and copies the settings map. */
        public Settings {
            if (threadsPerRun < 1) {
                throw new IllegalArgumentException("--threads-per-run must be at least 1, got " + threadsPerRun);
            }
            if (checkpointEvery < 0) {
                throw new IllegalArgumentException("--checkpoint-every must be at least 1, got " + checkpointEvery);
            }
            conf = new LinkedHashMap<>(conf);
        }
    }

    /**
     * What a sweep did.
     *
     * @param out where the runs are
     * @param runs one report per run, in grid order
     * @param attempts every task attempt, finished or lost, in the order they ended
     * @param wallSeconds time from submitting the job to its last result
     */
    public record Result(Output out, List<RunReport> runs, List<TaskAttempt> attempts, double wallSeconds) {
    }

    private Sweep() {
    }

    /**
     * Runs the grid, or finishes it: runs already finished in {@code settings.out()} are only
     * evaluated and interrupted ones continue from their checkpoints.
     *
     * @param log where to print what happens
     * @throws IllegalArgumentException for a setting that cannot work, naming it
     * @throws IOException if the output cannot be written
     */
    public static Result run(Grid grid, Settings settings, PrintWriter log) throws IOException {
        Output out = Output.of(settings.out(), settings.conf());
        for (GridPoint p : grid.points()) {
            p.spec();
        }
        MasterCheck.requireUsable(settings.master(), MASTER_TIMEOUT);
        OutputCheck.requireWritable(out);
        for (GridPoint p : grid.points()) {
            requireSameRunOrNone(out, grid.folder(p), p.spec());
        }
        SparkConf conf = conf(settings);
        try (JavaSparkContext sc = start(conf, settings.master())) {
            requireExecutorsCanWrite(sc, out);
            SweepListener listener = new SweepListener(JOB_GROUP, grid, log);
            sc.sc().addSparkListener(listener);
            sc.setJobGroup(JOB_GROUP, "jgrad sweep of " + grid.points().size() + " runs", false);
            log.printf(Locale.ROOT, "Sweep of %d runs on %s, %d thread(s) per run, into %s%n", grid.points().size(),
                    settings.master(), settings.threadsPerRun(), out);
            List<Integer> indices = IntStream.range(0, grid.points().size()).boxed().toList();
            long start = System.nanoTime();
            List<RunReport> reports = new ArrayList<>(sc.parallelize(indices, indices.size())
                    .map(new RunTask(grid.points(), grid.varied(), out, settings.checkpointEvery()))
                    .collect());
            double wall = (System.nanoTime() - start) / 1e9;
            reports.sort(Comparator.comparingInt(RunReport::index));
            List<TaskAttempt> attempts = awaitAttempts(listener, reports.size());
            sc.sc().removeSparkListener(listener);
            return new Result(out, reports, attempts, wall);
        }
    }

    /** The Spark settings of a sweep: one task per run, each with {@code threadsPerRun} cores. */
    static SparkConf conf(Settings s) {
        SparkConf conf = new SparkConf().setMaster(s.master().trim()).setAppName("jgrad sweep")
                .set("spark.task.cpus", String.valueOf(s.threadsPerRun()))
                // One run per task, no matter how long: never start a second copy of a slow run.
                .set("spark.speculation", "false")
                .set("spark.ui.showConsoleProgress", "false")
                .set("spark.executorEnv.OPENBLAS_NUM_THREADS", String.valueOf(s.threadsPerRun()));
        StringBuilder javaOptions = new StringBuilder("-D" + Parallel.THREADS_PROPERTY + "=" + s.threadsPerRun());
        String blas = System.getProperty(BlasProvider.PROPERTY);
        if (blas != null && !blas.isBlank()) {
            // Every run on the backend the driver was told to use, so results match run for run.
            javaOptions.append(" -D").append(BlasProvider.PROPERTY).append('=').append(blas.trim());
        }
        String userOptions = s.conf().get("spark.executor.extraJavaOptions");
        if (userOptions != null) {
            javaOptions.append(' ').append(userOptions);
        }
        if (LocalThreads.isLocal(s.master())) {
            // Driver and executor share this JVM: no need to find, or trust, the machine's host name.
            conf.set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1");
        }
        String jar = ownJar();
        if (jar != null && !LocalThreads.isLocal(s.master())) {
            // Started from jgrad-spark.jar (java -jar, or spark-submit): executors fetch it from the driver.
            conf.set("spark.jars", jar);
        }
        s.conf().forEach(conf::set);
        conf.set("spark.executor.extraJavaOptions", javaOptions.toString());
        return conf;
    }

    /** The jar this class was loaded from, or null when it comes from a folder of classes. */
    private static String ownJar() {
        try {
            Path p = Path.of(Sweep.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(p) && p.toString().endsWith(".jar") ? p.toString() : null;
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    private static JavaSparkContext start(SparkConf conf, String master) {
        try {
            return new JavaSparkContext(conf);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot start Spark with --master " + master + ": "
                    + SparkErrors.message(e), e);
        }
    }

    /** Refuses to touch a folder that holds another run (it would be overwritten or mixed up). */
    private static void requireSameRunOrNone(Output out, String folder, RunSpec spec) throws IOException {
        Path dir = out.isLocal() ? out.local().resolve(folder) : null;
        Path ckpt;
        Path copy = null;
        if (dir != null) {
            ckpt = dir.resolve(TrainingCheckpoint.FILE_NAME);
        } else {
            copy = Files.createTempFile("jgrad-sweep-", ".safetensors");
            ckpt = out.download(folder + "/" + TrainingCheckpoint.FILE_NAME, copy) ? copy : null;
        }
        try {
            if (ckpt != null && Files.exists(ckpt)) {
                RunSpec stored = TrainingCheckpoint.readSpec(ckpt);
                if (!stored.equals(spec)) {
                    throw new IllegalArgumentException((dir != null ? dir : out + "/" + folder)
                            + " already holds a run with other settings (" + stored + ", wanted " + spec
                            + "); choose another --out or remove that folder");
                }
            }
        } finally {
            if (copy != null) {
                Files.deleteIfExists(copy);
            }
        }
    }

    private static void requireExecutorsCanWrite(JavaSparkContext sc, Output out) {
        sc.setJobGroup(JOB_GROUP + "-probe", "jgrad sweep: can executors write " + out + "?", false);
        JavaFutureAction<List<String>> probe = sc.parallelize(List.of(0), 1).map(new OutputProbe(out))
                .collectAsync();
        String problem;
        try {
            problem = probe.get(EXECUTOR_TIMEOUT.toSeconds(), TimeUnit.SECONDS).get(0);
        } catch (TimeoutException e) {
            probe.cancel(true);
            throw new IllegalArgumentException("no executor took a task within " + EXECUTOR_TIMEOUT.toSeconds()
                    + " s; does the cluster have free cores (each run needs spark.task.cpus of them) and can its "
                    + "workers start executors?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an executor", e);
        } catch (ExecutionException e) {
            throw new IllegalArgumentException("an executor could not check the output " + out + ": "
                    + SparkErrors.message(e), e);
        }
        if (problem != null) {
            throw new IllegalArgumentException("the executors cannot write --out " + out + ": " + problem);
        }
    }

    /** The listener hears of the last task's end a moment after the job returns; waits for it briefly. */
    private static List<TaskAttempt> awaitAttempts(SweepListener listener, int runs) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (listener.attempts().stream().filter(TaskAttempt::succeeded).count() < runs
                && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return listener.attempts();
    }
}
