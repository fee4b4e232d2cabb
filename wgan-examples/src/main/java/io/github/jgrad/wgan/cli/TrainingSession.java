package io.github.jgrad.wgan.cli;

import io.github.jgrad.tensor.blas.BlasProvider;
import io.github.jgrad.wgan.train.Evaluator;
import io.github.jgrad.wgan.train.Experiment;
import io.github.jgrad.wgan.train.IterationStats;
import io.github.jgrad.wgan.train.Trainer;
import io.github.jgrad.wgan.train.TrainingCheckpoint;
import io.github.jgrad.wgan.metrics.DigitClassifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Drives a run to its last iteration inside its run folder: logs metrics to
 * {@code metrics.jsonl}, refreshes the pictures, writes {@code checkpoint.safetensors} every so
 * often and at the end, shows progress, and on Ctrl-C writes a checkpoint before the JVM
 * exits so that {@code --resume} continues where it stopped.
 *
 * <p>Progress is a bar on a terminal; when the output goes to a file or a pipe, where a bar
 * cannot redraw itself, it is one full line per logged iteration instead. Above either, the
 * BLAS backend in use is printed once per process.
 */
final class TrainingSession {
    /** How often to log, plot and checkpoint, in generator iterations. */
    record Schedule(int logEvery, int plotEvery, int checkpointEvery) {
        Schedule {
            if (logEvery < 1 || plotEvery < 1 || checkpointEvery < 1) {
                throw new IllegalArgumentException("log, plot and checkpoint intervals must be at least 1, got "
                        + logEvery + ", " + plotEvery + ", " + checkpointEvery);
            }
        }
    }

    private final Experiment run;
    private final Path dir;
    private final Schedule schedule;
    private final MetricsLog log;
    private final Evaluator evaluator;
    private final PrintStream out;
    private final boolean progress;
    private volatile boolean stopRequested;
    private final CountDownLatch finished = new CountDownLatch(1);
    private Evaluator.Snapshot latest;
    private static final AtomicBoolean BACKEND_SHOWN = new AtomicBoolean();

    TrainingSession(Experiment run, Path dir, Schedule schedule, MetricsLog log, PrintStream out, boolean progress) {
        this.run = run;
        this.dir = dir;
        this.schedule = schedule;
        this.log = log;
        this.evaluator = new Evaluator(run, classifier(run, dir));
        this.out = out;
        this.progress = progress;
    }

    /**
     * The MNIST scoring classifier, trained once and cached beside the run folders
     * ({@code <parent of run folder>/mnist-classifier.safetensors}); null for toy data.
     */
    static DigitClassifier classifier(Experiment run, Path dir) {
        if (run.mnist() == null) {
            return null;
        }
        Path cache = dir.toAbsolutePath().normalize().getParent().resolve("mnist-classifier.safetensors");
        try {
            return DigitClassifier.trainOrLoad(run.mnist(), cache);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The latest evaluation (after {@link #run()}: of the final state). */
    Evaluator.Snapshot latest() {
        return latest;
    }

    /** Asks the loop to stop after the current iteration and checkpoint (what Ctrl-C does). */
    void requestStop() {
        stopRequested = true;
    }

    /**
     * Trains to the configured number of iterations.
     *
     * @return true if it got there, false if it was stopped early (a checkpoint was written)
     */
    boolean run() throws IOException {
        Files.createDirectories(dir);
        removeTemporaryCheckpoints();
        Thread hook = new Thread(() -> {
            stopRequested = true;
            try {
                finished.await(60, TimeUnit.SECONDS); // let the loop write its checkpoint first
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "jgrad-checkpoint-on-exit");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            boolean done = loop();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting; the hook is waiting for the latch below
            }
            return done;
        } finally {
            finished.countDown();
        }
    }

    private boolean loop() throws IOException {
        Trainer t = run.trainer();
        int total = t.config().iterations();
        if (progress && BACKEND_SHOWN.compareAndSet(false, true)) {
            out.println(BlasProvider.selection().summary());
        }
        boolean lines = progress && !interactive();
        long started = System.nanoTime();
        int first = t.iteration();
        try (ProgressBar bar = progress && !lines ? bar(total, t.iteration()) : null) {
            while (t.iteration() < total) {
                if (stopRequested) {
                    checkpoint();
                    out.println("Stopped at iteration " + t.iteration() + "; checkpoint written to "
                            + dir.resolve(TrainingCheckpoint.FILE_NAME) + ". Continue with --resume.");
                    return false;
                }
                IterationStats s = t.step();
                int it = t.iteration();
                boolean last = it == total;
                boolean logNow = it % schedule.logEvery() == 0 || last;
                boolean plotNow = it % schedule.plotEvery() == 0 || last;
                if (logNow || plotNow) {
                    // One evaluation serves both, and pictures always show the current state.
                    latest = evaluator.evaluate();
                }
                if (logNow) {
                    log.append(row(s, latest));
                    if (bar != null) {
                        // The bar ends in "it/s" with no separator of its own.
                        bar.setExtraMessage(" " + summary(latest.metrics(), s));
                    } else if (lines) {
                        double perSecond = (it - first) / Math.max(1e-9, (System.nanoTime() - started) / 1e9);
                        out.println(String.format(Locale.ROOT, "train %d/%d (%.1f it/s) ", it, total, perSecond)
                                + summary(latest.metrics(), s));
                    }
                }
                if (plotNow) {
                    RunPlots.write(dir, run, latest, log);
                }
                if (it % schedule.checkpointEvery() == 0 || last) {
                    checkpoint();
                }
                if (bar != null) {
                    bar.stepTo(it);
                }
            }
        }
        if (latest == null) {
            // Resumed at its last iteration: nothing was trained, but the summary still needs numbers.
            latest = evaluator.evaluate();
        }
        return true;
    }

    /**
     * Deletes the temporary files of checkpoint writes that a killed process left behind (a
     * checkpoint is written to a temporary file, then renamed over the last one). The session is
     * the run folder's only writer, so no such file belongs to a write still in progress.
     */
    private void removeTemporaryCheckpoints() throws IOException {
        String prefix = "." + TrainingCheckpoint.FILE_NAME + ".";
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                String name = p.getFileName().toString();
                if (name.startsWith(prefix) && name.endsWith(".tmp")) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private void checkpoint() throws IOException {
        TrainingCheckpoint.save(dir.resolve(TrainingCheckpoint.FILE_NAME), run);
    }

    /**
     * Whether the program talks to a terminal. From Java 22 a console exists even when the
     * streams are redirected, and only its {@code isTerminal()} tells.
     */
    private static boolean interactive() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException beforeJava22) {
            return true;
        }
    }

    private static ProgressBar bar(int total, int start) {
        ProgressBar bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(1000).showSpeed()
                .setUnit(" it", 1).build();
        bar.stepTo(start);
        return bar;
    }

    private static Map<String, Double> row(IterationStats s, Evaluator.Snapshot snap) {
        Map<String, Double> r = new LinkedHashMap<>();
        r.put("iteration", (double) s.iteration());
        r.put("critic_loss", s.criticLoss());
        r.put("penalty", s.penalty());
        r.put("generator_loss", s.generatorLoss());
        r.put("wasserstein_estimate", s.wassersteinEstimate());
        r.put("critic_real", s.criticReal());
        r.put("critic_fake", s.criticFake());
        r.put("gp_grad_norm_mean", s.gradNormMean());
        r.put("gp_grad_norm_std", s.gradNormStd());
        r.put("clipped_fraction", s.clippedFraction());
        r.putAll(snap.metrics());
        return r;
    }

    /** The few numbers shown beside the progress bar. */
    static String summary(Map<String, Double> m, IterationStats s) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "W %.3f", s.wassersteinEstimate()));
        if (m.containsKey("modes_covered")) {
            sb.append(String.format(Locale.ROOT, " modes %.0f/%.0f HQ %.0f%%", m.get("modes_covered"),
                    m.get("modes_total"), 100 * m.get("high_quality")));
        }
        sb.append(String.format(Locale.ROOT, " SWD %.3f |grad| %.2f", m.get("swd"), m.get("grad_norm_mean")));
        return sb.toString();
    }
}
