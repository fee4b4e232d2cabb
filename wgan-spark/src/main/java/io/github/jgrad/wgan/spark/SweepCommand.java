package io.github.jgrad.wgan.spark;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jgrad-spark sweep}: a grid of training runs, one Spark task each. The grid takes
 * {@code compare}'s options plus a comma list for any numeric training option; the product of
 * all lists is the grid.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false, abbreviateSynopsis = true,
        description = {"Train a grid of runs as Apache Spark tasks, one task per run: every combination of the "
            + "data sets, objectives, seeds and comma lists of training options given.",
            "Each run's folder under --out is what 'jgrad compare' writes (metrics.jsonl, plots, checkpoint); "
                + "the driver writes summary.md, summary.csv, side-by-side figures per data set, timeline.csv "
                + "and timeline.png. Submitting the same sweep again skips finished runs and continues "
                + "interrupted ones from their checkpoints; a task Spark retries does the same.",
            "Example: sweep --objectives wgan-gp,wgan-clip --seeds 1,2,3 --lr 1e-4,3e-4 --iterations 2000"})
final class SweepCommand implements Callable<Integer> {
    @Option(names = "--data", split = ",", defaultValue = "8gaussians",
            description = "Toy data sets: 8gaussians, 25gaussians, swissroll (default: ${DEFAULT-VALUE}).")
    List<String> data;

    @Option(names = "--objectives", split = ",", defaultValue = "gan,wgan,wgan-clip,wgan-gp",
            description = "Objectives, any that train knows (default: ${DEFAULT-VALUE}).")
    List<String> objectives;

    @Option(names = "--seeds", split = ",", defaultValue = "1", description = "Seeds (default: ${DEFAULT-VALUE}).")
    List<Long> seeds;

    @Option(names = "--iterations", split = ",", paramLabel = "N",
            description = "Generator iterations per run (default: 1000).")
    List<String> iterations;

    @Option(names = "--width", split = ",", paramLabel = "N",
            description = "Hidden width of the toy MLPs (default: 256).")
    List<String> width;

    @Option(names = "--batch-size", split = ",", paramLabel = "N", description = "Batch size (default: 256).")
    List<String> batchSize;

    @Option(names = "--n-critic", split = ",", paramLabel = "N",
            description = "Critic steps per generator iteration (default: 5, 1 for gan).")
    List<String> nCritic;

    @Option(names = "--lr", split = ",", paramLabel = "X",
            description = "Learning rate of both networks (default: each objective's own).")
    List<String> lr;

    @Option(names = "--lr-critic", split = ",", paramLabel = "X", description = "Critic learning rate.")
    List<String> lrCritic;

    @Option(names = "--lr-generator", split = ",", paramLabel = "X", description = "Generator learning rate.")
    List<String> lrGenerator;

    @Option(names = "--beta1", split = ",", paramLabel = "X", description = "Adam beta1 (default: 0.5).")
    List<String> beta1;

    @Option(names = "--beta2", split = ",", paramLabel = "X", description = "Adam beta2 (default: 0.9).")
    List<String> beta2;

    @Option(names = "--lambda", split = ",", paramLabel = "X",
            description = "Penalty weight of the objectives that have one (default: the objective's own).")
    List<String> lambda;

    @Option(names = "--clip", split = ",", paramLabel = "X",
            description = "Weight-clipping bound of wgan-clip (default: 0.01).")
    List<String> clip;

    @Option(names = "--instance-noise", split = ",", paramLabel = "SIGMA",
            description = "gan and r1: Gaussian noise of this standard deviation on every critic input, annealed "
                + "to 0 over the run (default: 0).")
    List<String> instanceNoise;

    @Option(names = "--real-label", split = ",", paramLabel = "T",
            description = "gan and r1: target of real samples (default: 1).")
    List<String> realLabel;

    @Option(names = "--init", split = ",", paramLabel = "SCHEME",
            description = "Initial weights: pytorch, he-uniform or dcgan (default: pytorch).")
    List<String> init;

    @Option(names = "--lr-decay", description = "Decay both learning rates linearly to 0 over each run.")
    boolean lrDecay;

    @Option(names = "--master",
            description = "Spark master: local[*] (embedded, the default), local[N], spark://HOST:PORT, yarn or "
                + "k8s://HOST:PORT; under spark-submit, the master it was given.")
    String master;

    @Option(names = "--out", defaultValue = "runs/sweep",
            description = "Output: a folder the driver and every executor share, or a Hadoop URI they can all write "
                + "(hdfs://..., s3a://..., with --conf spark.hadoop.* for its settings) (default: ${DEFAULT-VALUE}).")
    String out;

    @Option(names = "--threads-per-run", defaultValue = "1",
            description = "Cores per run: spark.task.cpus, and each run's jgrad and OpenBLAS threads, so runs never "
                + "oversubscribe an executor (default: ${DEFAULT-VALUE}).")
    int threadsPerRun;

    @Option(names = "--checkpoint-every", defaultValue = "0", paramLabel = "N",
            description = "Generator iterations between checkpoints, which a retried run continues from "
                + "(default: a twentieth of each run).")
    int checkpointEvery;

    @Option(names = "--conf", paramLabel = "KEY=VALUE",
            description = "Any further Spark setting, e.g. --conf spark.executor.memory=2g (repeatable).")
    Map<String, String> conf = new LinkedHashMap<>();

    @Spec
    CommandSpec spec;

    /** The program's arguments when it may start itself again (see {@link LocalThreads}); null otherwise. */
    String[] restart;

    @Override
    public Integer call() throws Exception {
        if (master == null) {
            // spark-submit passes its --master to the program as this property.
            master = System.getProperty("spark.master", "local[*]");
        }
        Grid grid = Grid.of(data, objectives, seeds, options(), lrDecay);
        Sweep.Settings settings = new Sweep.Settings(master, out, threadsPerRun, checkpointEvery, conf);
        grid.points().forEach(GridPoint::spec);
        if (restart != null && LocalThreads.isLocal(master) && LocalThreads.openBlasDiffers(threadsPerRun)
                && LocalThreads.canRestart()) {
            return LocalThreads.restart(SparkMain.class, restart, threadsPerRun);
        }
        LocalThreads.apply(master, threadsPerRun);
        PrintWriter console = spec.commandLine().getOut();
        Sweep.Result result = Sweep.run(grid, settings, console);
        String md = SweepSummary.writeAll(grid, result);
        String dir = result.out().isLocal() ? result.out().local().toString() : result.out().toString();
        console.println();
        console.println(md);
        long skipped = result.runs().stream().filter(RunReport::finishedEarlier).count();
        long resumed = result.runs().stream().filter(RunReport::resumed).count();
        long stopped = result.runs().stream().filter(RunReport::isStopped).count();
        long lost = result.attempts().stream().filter(a -> !a.succeeded()).count();
        console.printf(Locale.ROOT, "%d runs in %.1f s: %d trained, %d finished earlier, %d continued from a "
                + "checkpoint; %d task attempts lost and retried.%s%n", result.runs().size(), result.wallSeconds(),
                result.runs().size() - skipped - resumed, skipped, resumed, lost,
                stopped == 0 ? "" : " " + stopped + " stopped early on a non-finite value (see summary.md).");
        console.println("Summary: " + dir + "/summary.md and summary.csv");
        console.println("Timeline: " + dir + "/timeline.png and timeline.csv");
        return 0;
    }

    /** The training options given, by long name without dashes, in the order their folder names list them. */
    private Map<String, List<String>> options() {
        Map<String, List<String>> o = new LinkedHashMap<>();
        put(o, "iterations", iterations);
        put(o, "width", width);
        put(o, "batch-size", batchSize);
        put(o, "n-critic", nCritic);
        put(o, "lr", lr);
        put(o, "lr-critic", lrCritic);
        put(o, "lr-generator", lrGenerator);
        put(o, "beta1", beta1);
        put(o, "beta2", beta2);
        put(o, "lambda", lambda);
        put(o, "clip", clip);
        put(o, "instance-noise", instanceNoise);
        put(o, "real-label", realLabel);
        put(o, "init", init);
        return o;
    }

    private static void put(Map<String, List<String>> o, String name, List<String> values) {
        if (values != null) {
            o.put(name, values);
        }
    }
}
