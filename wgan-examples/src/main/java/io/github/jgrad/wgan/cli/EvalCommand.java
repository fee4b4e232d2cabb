package io.github.jgrad.wgan.cli;

import io.github.jgrad.wgan.train.Evaluator;
import io.github.jgrad.wgan.train.Experiment;
import io.github.jgrad.wgan.train.TrainingCheckpoint;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code jgrad eval}: the metrics of a run's checkpoint. */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Print the metrics of a run's last checkpoint.")
final class EvalCommand implements Callable<Integer> {
    @Mixin
    RunOptions run;

    /** A count (modes or classes covered, modes in total) as a whole number; any other metric to four places. */
    static String format(String metric, double value) {
        boolean count = metric.endsWith("_covered") || metric.endsWith("_total");
        return count && value == Math.rint(value) ? String.valueOf((long) value)
                : String.format(Locale.ROOT, "%.4f", value);
    }

    @Override
    public Integer call() throws Exception {
        Experiment e = TrainingCheckpoint.resume(run.checkpoint(), 0);
        Map<String, Double> m = new Evaluator(e, TrainingSession.classifier(e, run.runDir)).evaluate().metrics();
        System.out.printf(Locale.ROOT, "%s on %s, iteration %d%n", e.spec().config().objective().id(), e.data().id(),
                e.trainer().iteration());
        if (e.table() != null) {
            System.out.print(Reports.tableSummary(e.table().schema(), m));
            m.forEach((k, v) -> {
                if (!k.contains("/")) {
                    System.out.printf(Locale.ROOT, "  %-16s %s%n", k, format(k, v));
                }
            });
        } else {
            m.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-16s %s%n", k, format(k, v)));
        }
        return 0;
    }
}
