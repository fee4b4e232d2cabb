package io.github.jgrad.wgan.examples;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.jgrad.autodiff.Var;
import io.github.jgrad.nn.GradientPenalty;
import io.github.jgrad.nn.InputGradients;
import io.github.jgrad.nn.Module;
import io.github.jgrad.nn.Sequential;
import io.github.jgrad.nn.Sigmoid;
import io.github.jgrad.nn.WeightClipping;
import io.github.jgrad.nn.optim.Adam;
import io.github.jgrad.nn.optim.Optimizer;
import io.github.jgrad.nn.optim.RMSprop;
import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import io.github.jgrad.wgan.data.ToyData;
import io.github.jgrad.wgan.plot.Bounds;
import io.github.jgrad.wgan.plot.CriticMap;
import io.github.jgrad.wgan.plot.Curves;
import io.github.jgrad.wgan.plot.SideBySide;
import io.github.jgrad.wgan.train.NetworkInit;
import io.github.jgrad.wgan.train.Networks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The measurements behind the claims in {@code docs/lipschitz.md}, runnable with
 * {@code java -cp wgan-examples/target/jgrad.jar io.github.jgrad.wgan.examples.LipschitzClaims
 * OUT [ZOO]}: figures go to {@code OUT}, numbers to standard output. Every draw is seeded, so
 * the numbers are the same on every run (on one BLAS backend).
 *
 * <ol>
 *   <li>Vanishing gradients: two 1-D Gaussians far apart, a GAN discriminator and a WGAN-GP critic
 *       each trained to convergence on them; their outputs and input gradients over the line.</li>
 *   <li>Weight clipping: critics trained with c in {0.001, 0.01, 0.1} on 8gaussians against a
 *       fixed Gaussian, with the share of weights at the bound and how much of the gap a
 *       1-Lipschitz critic reaches they reach.</li>
 *   <li>Correlation: given the output folder of a {@code compare} run ({@code ZOO}), the Spearman
 *       correlation between each run's critic gap and its sliced Wasserstein distance to the
 *       data over the logged iterations.</li>
 * </ol>
 */
public final class LipschitzClaims {
    private static final int STEPS = 1500;
    private static final int BATCH = 256;

    private LipschitzClaims() {
    }

    /** Runs all three (the third only when a compare folder is given). */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: LipschitzClaims OUT_DIR [COMPARE_DIR]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        vanishingGradients(out);
        clipping(out);
        if (args.length > 1) {
            correlation(Path.of(args[1]), out);
        }
    }

    // ---- 1. vanishing gradients ---------------------------------------------------------------

    /** Real samples {@code N(3, 0.5^2)}, fake {@code N(-3, 0.5^2)}, as {@code [n, 1]}. */
    private static Tensor line(Rng rng, int n, double mean) {
        return rng.normal(DType.F32, Shape.of(n, 1), mean, 0.5);
    }

    /** Both critics, trained to convergence; returns the numbers printed and plotted. */
    static Map<String, Double> vanishingGradients(Path out) throws IOException {
        Rng rng = new Rng(11);
        Module gan = Networks.toyMlp(1, 64, 1, NetworkInit.PYTORCH, rng);
        Module wgan = Networks.toyMlp(1, 64, 1, NetworkInit.PYTORCH, rng);
        Optimizer ganOpt = new Adam(gan.namedParameters(), 1e-3, 0.5, 0.9);
        Optimizer wganOpt = new Adam(wgan.namedParameters(), 1e-3, 0.5, 0.9);
        GradientPenalty gp = new GradientPenalty(10.0);
        for (int s = 0; s < STEPS; s++) {
            Tensor real = line(rng, BATCH, 3);
            Tensor fake = line(rng, BATCH, -3);
            Var dr = gan.forward(Var.constant(real));
            Var df = gan.forward(Var.constant(fake));
            step(gan, ganOpt, dr.neg().softplus().mean().add(df.softplus().mean()));
            Var wr = wgan.forward(Var.constant(real));
            Var wf = wgan.forward(Var.constant(fake));
            step(wgan, wganOpt, wf.mean().sub(wr.mean()).add(gp.compute(wgan, real, fake, rng).penalty()));
        }
        Module probability = new Sequential(gan, new Sigmoid());
        Tensor fakes = line(new Rng(12), 1000, -3);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("gan_prob_grad_at_fakes", InputGradients.norms(probability, fakes).mean().item());
        m.put("gan_logit_grad_at_fakes", InputGradients.norms(gan, fakes).mean().item());
        m.put("gan_prob_at_fakes", probability.forward(Var.constant(fakes)).value().mean().item());
        m.put("wgan_grad_at_fakes", InputGradients.norms(wgan, fakes).mean().item());

        int n = 241;
        double[] xs = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = -6 + 12.0 * i / (n - 1);
        }
        Tensor grid = Tensor.of(xs, n, 1).to(DType.F32);
        double[] prob = probability.forward(Var.constant(grid)).value().toDoubleArray();
        double[] critic = wgan.forward(Var.constant(grid)).value().toDoubleArray();
        double[] probGrad = InputGradients.norms(probability, grid).toDoubleArray();
        double[] criticGrad = InputGradients.norms(wgan, grid).toDoubleArray();
        double[] realDensity = new double[n];
        double[] fakeDensity = new double[n];
        for (int i = 0; i < n; i++) {
            realDensity[i] = Math.exp(-0.5 * Math.pow((xs[i] - 3) / 0.5, 2));
            fakeDensity[i] = Math.exp(-0.5 * Math.pow((xs[i] + 3) / 0.5, 2));
        }
        Map<String, double[][]> values = new LinkedHashMap<>();
        values.put("real density (scaled)", new double[][] {xs, realDensity});
        values.put("fake density (scaled)", new double[][] {xs, fakeDensity});
        values.put("GAN discriminator sigmoid(D(x))", new double[][] {xs, prob});
        values.put("WGAN-GP critic D(x), min-max scaled", new double[][] {xs, minMax(critic)});
        Curves.write(out.resolve("vanishing-gradients-outputs.png"), "Optimal critics for N(-3, 0.5) -> N(3, 0.5)",
                "x", "output", values, false);
        Map<String, double[][]> grads = new LinkedHashMap<>();
        grads.put("GAN |d sigmoid(D)/dx|", new double[][] {xs, floor(probGrad)});
        grads.put("WGAN-GP critic |dD/dx|", new double[][] {xs, floor(criticGrad)});
        Curves.write(out.resolve("vanishing-gradients-gradients.png"), "Input gradients of the two critics (log scale)",
                "x", "|gradient|", grads, true);
        System.out.printf(Locale.ROOT, "vanishing gradients: at the fake samples (mean over 1000), GAN discriminator "
                        + "sigmoid(D) = %.3g with |d sigmoid(D)/dx| = %.3g (logit |dD/dx| = %.3g); WGAN-GP critic "
                        + "|dD/dx| = %.3f%n", m.get("gan_prob_at_fakes"), m.get("gan_prob_grad_at_fakes"),
                m.get("gan_logit_grad_at_fakes"), m.get("wgan_grad_at_fakes"));
        return m;
    }

    private static double[] minMax(double[] v) {
        double lo = Arrays.stream(v).min().orElse(0);
        double hi = Arrays.stream(v).max().orElse(1);
        return Arrays.stream(v).map(x -> (x - lo) / Math.max(hi - lo, 1e-30)).toArray();
    }

    /** Keeps a log-scale plot finite: gradients below 1e-12 are drawn at 1e-12. */
    private static double[] floor(double[] v) {
        return Arrays.stream(v).map(x -> Math.max(x, 1e-12)).toArray();
    }

    private static void step(Module m, Optimizer opt, Var loss) {
        m.zeroGrad();
        loss.backward();
        opt.step();
    }

    // ---- 2. weight clipping -------------------------------------------------------------------

    /** The fixed "generator" the critics are trained against: {@code N(0, 0.3^2 I)}. */
    private static Tensor blob(Rng rng, int n) {
        return rng.normal(DType.F32, Shape.of(n, 2), 0, 0.3);
    }

    /** One critic per clipping bound and one with a gradient penalty; returns rows of numbers per name. */
    static Map<String, double[]> clipping(Path out) throws IOException {
        Map<String, double[]> rows = new LinkedHashMap<>();
        List<Path> maps = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        double[] bounds = {0.001, 0.01, 0.1, Double.NaN};
        double reference = Double.NaN;
        // The gradient-penalty critic (NaN bound) runs first, to be the reference of the others.
        for (double c : new double[] {Double.NaN, 0.001, 0.01, 0.1}) {
            Rng rng = new Rng(21);
            Module critic = Networks.toyMlp(2, 128, 1, NetworkInit.PYTORCH, rng);
            boolean clipped = !Double.isNaN(c);
            WeightClipping clip = clipped ? new WeightClipping(c) : null;
            GradientPenalty gp = new GradientPenalty(10.0);
            Optimizer opt = clipped ? new RMSprop(critic.namedParameters(), 5e-4)
                    : new Adam(critic.namedParameters(), 1e-3, 0.5, 0.9);
            if (clipped) {
                clip.apply(critic);
            }
            for (int s = 0; s < STEPS; s++) {
                Tensor real = ToyData.EIGHT_GAUSSIANS.sample(BATCH, rng);
                Tensor fake = blob(rng, BATCH);
                Var loss = critic.forward(Var.constant(fake)).mean().sub(critic.forward(Var.constant(real)).mean());
                if (!clipped) {
                    loss = loss.add(gp.compute(critic, real, fake, rng).penalty());
                }
                step(critic, opt, loss);
                if (clipped) {
                    clip.apply(critic);
                }
            }
            Rng eval = new Rng(22);
            Tensor real = ToyData.EIGHT_GAUSSIANS.sample(2000, eval);
            Tensor fake = blob(eval, 2000);
            double gap = critic.forward(Var.constant(real)).value().mean().item()
                    - critic.forward(Var.constant(fake)).value().mean().item();
            Tensor e = eval.uniform(DType.F32, Shape.of(2000, 1), 0, 1);
            Tensor points = Tensor.concat(0, real, fake, fake.add(real.sub(fake).mul(e)));
            double lipschitz = InputGradients.norms(critic, points).max().item();
            double normalised = gap / lipschitz;
            if (!clipped) {
                reference = normalised;
            }
            double atBound = clipped ? clip.fractionAtBounds(critic) : Double.NaN;
            String name = clipped ? "clip c=" + c : "gradient penalty";
            rows.put(name, new double[] {atBound, gap, lipschitz, normalised, normalised / reference});
            System.out.printf(Locale.ROOT, "clipping: %-16s weights at the bound %s, critic gap %.4g, max |grad| %.4g, "
                            + "gap / max|grad| %.4f (%.0f %% of the penalised critic's)%n", name,
                    clipped ? String.format(Locale.ROOT, "%.1f %%", 100 * atBound) : "-", gap, lipschitz, normalised,
                    100 * normalised / reference);
            Path map = out.resolve("clipping-" + (clipped ? "c" + c : "gp") + ".png");
            CriticMap.write(map, critic, real.slice(0, 0, 500), fake.slice(0, 0, 500), Bounds.around(real, fake), name);
            maps.add(map);
            captions.add(name);
        }
        SideBySide.write(out.resolve("clipping-critic-maps.png"), maps, captions, 2);
        for (Path p : maps) {
            Files.deleteIfExists(p);
        }
        return rows;
    }

    // ---- 3. correlation -----------------------------------------------------------------------

    /** Spearman correlation of critic gap and SWD over every run under {@code compareDir}/8gaussians. */
    static void correlation(Path compareDir, Path out) throws IOException {
        Path data = compareDir.resolve("8gaussians");
        List<Path> runs;
        try (var s = Files.list(data)) {
            runs = s.filter(p -> Files.exists(p.resolve("metrics.jsonl"))).sorted().toList();
        }
        Map<String, double[][]> plotted = new LinkedHashMap<>();
        for (Path run : runs) {
            List<double[]> rows = new ArrayList<>();
            for (String line : Files.readAllLines(run.resolve("metrics.jsonl"), StandardCharsets.UTF_8)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonObject o = JsonParser.parseString(line).getAsJsonObject();
                double it = number(o.get("iteration"));
                double w = number(o.get("wasserstein_estimate"));
                double swd = number(o.get("swd"));
                if (Double.isFinite(w) && Double.isFinite(swd)) {
                    rows.add(new double[] {it, w, swd});
                }
            }
            double[] w = rows.stream().mapToDouble(r -> r[1]).toArray();
            double[] swd = rows.stream().mapToDouble(r -> r[2]).toArray();
            System.out.printf(Locale.ROOT, "correlation: %-22s Spearman(critic gap, SWD) = %+.2f over %d evaluations%n",
                    run.getFileName(), spearman(w, swd), w.length);
            String name = run.getFileName().toString();
            if (name.equals("wgan-gp-seed1") || name.equals("gan-seed1")) {
                double[] its = rows.stream().mapToDouble(r -> r[0]).toArray();
                plotted.put(name + " critic gap / max", new double[][] {its, scaled(w)});
                plotted.put(name + " SWD / max", new double[][] {its, scaled(swd)});
            }
        }
        if (!plotted.isEmpty()) {
            Curves.write(out.resolve("correlation.png"), "Critic gap and sliced Wasserstein distance over a run",
                    "generator iteration", "fraction of the run's maximum", plotted, false);
        }
    }

    private static double number(JsonElement e) {
        return e == null || e.isJsonNull() ? Double.NaN : e.getAsDouble();
    }

    private static double[] scaled(double[] v) {
        double hi = Arrays.stream(v).map(Math::abs).max().orElse(1);
        return Arrays.stream(v).map(x -> x / Math.max(hi, 1e-30)).toArray();
    }

    /** Spearman's rank correlation (ties get their average rank). */
    public static double spearman(double[] a, double[] b) {
        return pearson(ranks(a), ranks(b));
    }

    private static double[] ranks(double[] v) {
        Integer[] idx = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (x, y) -> Double.compare(v[x], v[y]));
        double[] r = new double[v.length];
        for (int i = 0; i < v.length;) {
            int j = i;
            while (j + 1 < v.length && v[idx[j + 1]] == v[idx[i]]) {
                j++;
            }
            for (int k = i; k <= j; k++) {
                r[idx[k]] = (i + j) / 2.0 + 1;
            }
            i = j + 1;
        }
        return r;
    }

    private static double pearson(double[] a, double[] b) {
        double ma = Arrays.stream(a).average().orElse(0);
        double mb = Arrays.stream(b).average().orElse(0);
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
