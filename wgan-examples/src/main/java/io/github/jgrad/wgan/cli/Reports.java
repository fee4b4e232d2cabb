package io.github.jgrad.wgan.cli;

import io.github.jgrad.wgan.train.Evaluator;
import io.github.jgrad.wgan.train.Experiment;
import io.github.jgrad.wgan.data.TableColumn;
import io.github.jgrad.wgan.data.TableSchema;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** The text printed at the end of a run: its numbers and what each picture shows. */
final class Reports {
    private Reports() {
    }

    /**
     * A table run's utility figures: per column the Wasserstein-1 distance (in the column's units
     * and in standard deviations) or the total variation distance, then the correlation
     * difference and the train-synthetic-test-real scores.
     */
    static String tableSummary(TableSchema schema, Map<String, Double> m) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "  %-24s %14s %10s%n", "column", "W1 (units)", "W1 (std)"));
        for (TableColumn c : schema.columns()) {
            if (c.categorical()) {
                sb.append(String.format(Locale.ROOT, "  %-24s %14s %10s  TVD %.3f%n", c.name(), "", "",
                        m.get("tvd/" + c.name())));
            } else {
                sb.append(String.format(Locale.ROOT, "  %-24s %14.4g %10.3f%n", c.name(), m.get("w1/" + c.name()),
                        m.get("w1_std/" + c.name())));
            }
        }
        if (m.containsKey("w1_std_max")) {
            sb.append(String.format(Locale.ROOT, "  largest W1 %.3f std, mean %.3f std%n", m.get("w1_std_max"),
                    m.get("w1_std_mean")));
        }
        if (m.containsKey("tvd_max")) {
            sb.append(String.format(Locale.ROOT, "  largest TVD %.3f%n", m.get("tvd_max")));
        }
        sb.append(String.format(Locale.ROOT, "  correlation matrix difference (Frobenius) %.3f%n", m.get("corr_diff")));
        for (String measure : new String[] {"accuracy", "r2"}) {
            if (m.containsKey("tstr_" + measure)) {
                sb.append(String.format(Locale.ROOT, "  %s on held-out real rows: trained on synthetic %.3f, on real %.3f%n",
                        measure.equals("r2") ? "R^2" : "accuracy", m.get("tstr_" + measure), m.get("trtr_" + measure)));
            }
        }
        return sb.toString();
    }

    static String finalSummary(Experiment run, Evaluator.Snapshot snap, Path dir) {
        Map<String, Double> m = snap.metrics();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%nFinished %s on %s: %d generator iterations.%n",
                run.spec().config().objective().id(), run.data().id(), run.trainer().iteration()));
        if (m.containsKey("modes_covered")) {
            sb.append(String.format(Locale.ROOT, "  modes covered        %.0f of %.0f%n", m.get("modes_covered"),
                    m.get("modes_total")));
            sb.append(String.format(Locale.ROOT, "  high-quality samples %.1f %% (within 3 std of a mode centre)%n",
                    100 * m.get("high_quality")));
            sb.append(String.format(Locale.ROOT, "  reverse KL to uniform mode histogram %.3f%n", m.get("reverse_kl")));
        }
        if (m.containsKey("classes_covered")) {
            sb.append(String.format(Locale.ROOT, "  digit classes covered %.0f of 10, class-histogram KL %.3f, "
                    + "inception-like score %.2f%n", m.get("classes_covered"), m.get("class_kl"), m.get("inception_score")));
        }
        if (run.table() != null) {
            sb.append(tableSummary(run.table().schema(), m));
        }
        if (m.containsKey("nn_dist_generated")) {
            sb.append(String.format(Locale.ROOT, "  distance to the nearest training image (median): generated %.3f, "
                    + "held-out real %.3f (much lower for generated images would mean copying)%n",
                    m.get("nn_dist_generated"), m.get("nn_dist_heldout")));
        }
        sb.append(String.format(Locale.ROOT, "  sliced Wasserstein distance %.4f (real vs real floor %.4f)%n",
                m.get("swd"), m.get("swd_floor")));
        sb.append(String.format(Locale.ROOT, "  critic gradient norm at interpolates: mean %.3f, std %.3f%n",
                m.get("grad_norm_mean"), m.get("grad_norm_std")));
        Path abs = dir.toAbsolutePath().normalize();
        sb.append(String.format(Locale.ROOT, "%nPictures in %s:%n", abs));
        if (RunPlots.inPlane(run)) {
            sb.append("  ").append(RunPlots.CRITIC_MAP).append("   generated samples (white) over real samples (orange), on top\n")
              .append("                   of the critic's value as a colour map with its contours: the critic is\n")
              .append("                   high where data is real and falls off smoothly between the modes\n");
        } else if (run.table() != null) {
            sb.append("  ").append(RunPlots.COLUMNS).append("      each column's histogram, real (orange) and synthetic (blue)\n");
            sb.append("  ").append(RunPlots.CORRELATIONS).append(" the correlation matrices of real and synthetic rows\n");
        } else {
            sb.append("  ").append(RunPlots.SAMPLES).append("      a grid of generated images\n");
        }
        sb.append("  ").append(RunPlots.LOSSES).append("       critic and generator losses over training\n");
        sb.append("  ").append(RunPlots.WASSERSTEIN).append("  the critic gap E[D(real)] - E[D(fake)], the Wasserstein estimate\n");
        sb.append("  ").append(RunPlots.GRAD_NORMS).append("   histogram of the critic's gradient norms between real and fake\n")
          .append("                   samples; a 1-Lipschitz critic keeps them at or below the marker at 1\n");
        sb.append("Metrics per logged iteration: ").append(abs.resolve("metrics.jsonl")).append('\n');
        return sb.toString();
    }
}
