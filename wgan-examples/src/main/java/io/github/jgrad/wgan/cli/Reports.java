package io.github.jgrad.wgan.cli;

import io.github.jgrad.wgan.train.Evaluator;
import io.github.jgrad.wgan.train.Experiment;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** The text printed at the end of a run: its numbers and what each picture shows. */
final class Reports {
    private Reports() {
    }

    static String finalSummary(Experiment run, Evaluator.Snapshot snap, Path dir) {
        Map<String, Double> m = snap.metrics();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%nFinished %s on %s: %d generator iterations.%n",
                run.spec().config().objective().id(), run.spec().data(), run.trainer().iteration()));
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
        } else {
            sb.append("  ").append(RunPlots.SAMPLES).append("      a grid of generated digits\n");
        }
        sb.append("  ").append(RunPlots.LOSSES).append("       critic and generator losses over training\n");
        sb.append("  ").append(RunPlots.WASSERSTEIN).append("  the critic gap E[D(real)] - E[D(fake)], the Wasserstein estimate\n");
        sb.append("  ").append(RunPlots.GRAD_NORMS).append("   histogram of the critic's gradient norms between real and fake\n")
          .append("                   samples; a 1-Lipschitz critic keeps them at or below the marker at 1\n");
        sb.append("Metrics per logged iteration: ").append(abs.resolve("metrics.jsonl")).append('\n');
        return sb.toString();
    }
}
