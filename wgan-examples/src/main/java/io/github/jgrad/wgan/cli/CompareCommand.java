package io.github.jgrad.wgan.cli;

import io.github.jgrad.wgan.plot.SideBySide;
import io.github.jgrad.wgan.data.ToyData;
import io.github.jgrad.wgan.train.NetworkInit;
import io.github.jgrad.wgan.train.Objective;
import io.github.jgrad.wgan.train.RunSpec;
import io.github.jgrad.wgan.train.TrainConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jgrad compare}: several objectives (and seeds) on the same toy data, one summary table
 * and side-by-side figures of the critics and of their gradient norms.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Train several objectives on the same data and compare them: summary.md with the metrics "
            + "(median over seeds), critic_maps.png and grad_norms.png side by side.",
            "REFERENCE.md's table at its own settings (constant rate, PyTorch's initialisation): compare --data "
                + "8gaussians,25gaussians,swissroll --objectives wgan-gp,wgan-clip,gan --seeds 1,2,3 --iterations 6000 "
                + "--width 512",
            "Runs already in --out are reused (finished) or continued (unfinished), so an interrupted comparison "
                + "picks up where it stopped, and comparisons of different data sets may share one --out."})
final class CompareCommand implements Callable<Integer> {
    @Option(names = "--data", split = ",", defaultValue = "8gaussians",
            description = "Toy data sets, comma-separated (default: ${DEFAULT-VALUE}).")
    List<String> data;

    @Option(names = "--objectives", split = ",", defaultValue = "gan,wgan,wgan-clip,wgan-gp",
            completionCandidates = ObjectiveNames.class,
            description = "Objectives, comma-separated, any of: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    List<String> objectives;

    @Option(names = "--seeds", split = ",", defaultValue = "1", description = "Seeds, comma-separated (default: ${DEFAULT-VALUE}).")
    List<Long> seeds;

    @Option(names = "--iterations", defaultValue = "1000", description = "Generator iterations per run (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--width", defaultValue = "256", description = "Hidden width of the toy MLPs (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--lr", description = "One learning rate for every objective (default: each objective's own).")
    Double lr;

    @Option(names = "--init", paramLabel = "SCHEME", defaultValue = "pytorch",
            description = "Initial weights: pytorch, he-uniform or dcgan, as for train (default: ${DEFAULT-VALUE}).")
    String init;

    @Option(names = "--lr-decay", description = "Decay every learning rate linearly to 0 over each run.")
    boolean lrDecay;

    @Option(names = "--out", defaultValue = "runs/compare", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--no-progress", description = "No progress bars.")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        List<Objective> objs = new ArrayList<>();
        for (String o : objectives) {
            objs.add(Objective.fromId(o.trim()));
        }
        for (String d : data) {
            if ("mnist".equals(d)) {
                throw new IllegalArgumentException("compare works on the toy sets; train MNIST runs with 'jgrad train'");
            }
            // Every setting is checked before the first run, not after hours of the earlier ones.
            ToyData.fromId(d);
            for (Objective o : objs) {
                spec(d, o, seeds.isEmpty() ? 1 : seeds.get(0));
            }
        }
        StringBuilder md = new StringBuilder("# jgrad compare\n\n");
        md.append(String.format(Locale.ROOT, "%d generator iterations, toy MLP width %d, seeds %s.%n%n",
                iterations, width, seeds));
        md.append("| data | objective | seed | modes | high quality | reverse KL | SWD | SWD floor | mean grad norm | mean D(real) |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|\n");
        StringBuilder medians = new StringBuilder("\n## Medians over seeds\n\n| data | objective | modes | high quality | SWD |\n|---|---|---|---|---|\n");
        for (String d : data) {
            List<Path> maps = new ArrayList<>();
            List<Path> norms = new ArrayList<>();
            List<String> captions = new ArrayList<>();
            for (Objective o : objs) {
                List<Map<String, Double>> finals = new ArrayList<>();
                for (long seed : seeds) {
                    Path dir = out.resolve(d).resolve(o.id() + "-seed" + seed);
                    System.out.println("== " + o.id() + " on " + d + ", seed " + seed + " -> " + dir);
                    Map<String, Double> m = runOne(d, o, seed, dir);
                    finals.add(m);
                    md.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %.4f | %.4f | %.3f | %.3g |%n",
                            d, o.id(), seed, fmt(m.get("modes_covered"), "%.0f"), pct(m.get("high_quality")),
                            fmt(m.get("reverse_kl"), "%.3f"), m.get("swd"), m.get("swd_floor"),
                            m.get("grad_norm_mean"), m.get("critic_real")));
                    if (seed == seeds.get(0)) {
                        maps.add(dir.resolve(RunPlots.CRITIC_MAP));
                        norms.add(dir.resolve(RunPlots.GRAD_NORMS));
                        captions.add(o.id());
                    }
                }
                medians.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.4f |%n", d, o.id(),
                        fmt(median(finals, "modes_covered"), "%.0f"), pct(median(finals, "high_quality")),
                        median(finals, "swd")));
            }
            SideBySide.write(out.resolve(d).resolve("critic_maps.png"), maps, captions, Math.min(2, maps.size()));
            SideBySide.write(out.resolve(d).resolve("grad_norms.png"), norms, captions, Math.min(2, norms.size()));
        }
        md.append(medians);
        Files.createDirectories(out);
        Files.writeString(out.resolve("summary.md"), md.toString(), StandardCharsets.UTF_8);
        System.out.println(md);
        System.out.println("Summary: " + out.resolve("summary.md").toAbsolutePath().normalize());
        System.out.println("Figures: critic_maps.png and grad_norms.png in each data folder under "
                + out.toAbsolutePath().normalize());
        return 0;
    }

    /** The run of one data set, objective and seed; its constructors reject impossible settings. */
    private RunSpec spec(String d, Objective o, long seed) {
        TrainConfig c = TrainConfig.defaults(o, true).withIterations(iterations).withSeed(seed).withLrDecay(lrDecay)
                .withInit(NetworkInit.fromId(init));
        if (lr != null) {
            c = c.withLearningRates(lr, lr);
        }
        return new RunSpec(d, "toy", width, null, c);
    }

    /**
     * Trains one run in {@code dir}, or picks it up there ({@link RunFolder}), so an interrupted
     * comparison resumes where it stopped and several comparisons on different data sets can
     * share one {@code --out}. A comparison checkpoints each run only at its end.
     */
    private Map<String, Double> runOne(String d, Objective o, long seed, Path dir) throws IOException {
        return RunFolder.trainOrContinue(spec(d, o, seed), dir, iterations, System.out, !noProgress).metrics();
    }

    private static double median(List<Map<String, Double>> rows, String key) {
        double[] v = rows.stream().mapToDouble(r -> r.getOrDefault(key, Double.NaN)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String fmt(Double v, String f) {
        return v == null || Double.isNaN(v) ? "-" : String.format(Locale.ROOT, f, v);
    }

    private static String pct(Double v) {
        return v == null || Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f %%", 100 * v);
    }
}
