package io.github.jgrad.wgan.cli;

import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import io.github.jgrad.wgan.data.TableColumn;
import io.github.jgrad.wgan.data.TableData;
import io.github.jgrad.wgan.data.TableSchema;
import io.github.jgrad.wgan.metrics.TableMetrics;
import io.github.jgrad.wgan.plot.TableFigures;
import io.github.jgrad.wgan.plot.Bounds;
import io.github.jgrad.wgan.plot.CriticMap;
import io.github.jgrad.wgan.plot.Curves;
import io.github.jgrad.wgan.plot.Histogram;
import io.github.jgrad.wgan.plot.ImageGrid;
import io.github.jgrad.wgan.train.Evaluator;
import io.github.jgrad.wgan.train.Experiment;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The pictures of a run folder, refreshed as training goes. */
final class RunPlots {
    static final String CRITIC_MAP = "critic_map.png";
    static final String SAMPLES = "samples.png";
    static final String LOSSES = "losses.png";
    static final String WASSERSTEIN = "wasserstein.png";
    static final String GRAD_NORMS = "grad_norms.png";
    /** The x axis of {@link #GRAD_NORMS}: what is counted. */
    static final String GRAD_NORMS_AXIS = "norm of the critic's gradient at points between real and fake samples";
    static final String COLUMNS = "columns.png";
    static final String CORRELATIONS = "correlations.png";

    private RunPlots() {
    }

    /** Per-column histograms and the two correlation matrices of a table run. */
    static void writeTable(Path dir, TableData table, Tensor fake, String name) throws IOException {
        TableSchema schema = table.schema();
        double[][] real = TableMetrics.columns(schema, table.training(), "real");
        double[][] synthetic = TableMetrics.columns(schema, fake, "synthetic");
        TableFigures.columns(dir.resolve(COLUMNS), "columns, real and synthetic: " + name, schema, real, synthetic);
        String[] labels = new String[schema.width()];
        for (int c = 0; c < schema.columns().size(); c++) {
            TableColumn col = schema.columns().get(c);
            for (int j = 0; j < col.width(); j++) {
                labels[schema.offset(c) + j] = col.categorical() ? col.name() + "=" + col.categories().get(j) : col.name();
            }
        }
        double diff = TableMetrics.evaluate(schema, table.training(), fake).get("corr_diff");
        TableFigures.correlations(dir.resolve(CORRELATIONS), String.format(java.util.Locale.ROOT,
                "correlations, real and synthetic (difference %.3f): %s", diff, name), labels,
                TableMetrics.correlations(real), TableMetrics.correlations(synthetic));
    }

    /** True when one sample is a point in the plane, which the critic map can show. */
    static boolean inPlane(Experiment run) {
        return run.data().sampleShape().equals(Shape.of(2));
    }

    /** Writes every picture of the run from its latest evaluation and its metrics so far. */
    static void write(Path dir, Experiment run, Evaluator.Snapshot snap, MetricsLog log) throws IOException {
        String name = run.spec().config().objective().id() + " on " + run.data().id() + ", iteration "
                + run.trainer().iteration();
        if (inPlane(run)) {
            run.trainer().critic().eval(); // evaluating must not advance spectral normalisation's estimate
            try {
                CriticMap.write(dir.resolve(CRITIC_MAP), run.trainer().critic(), snap.real(), snap.fake(),
                        Bounds.around(snap.real()), "critic and samples: " + name);
            } finally {
                run.trainer().critic().train();
            }
        } else if (run.table() != null) {
            writeTable(dir, run.table(), snap.fake(), name);
        } else if (run.data().sampleShape().rank() == 3) {
            Tensor fakes = snap.fake().slice(0, 0, Math.min(64, snap.fake().dim(0)));
            ImageGrid.write(dir.resolve(SAMPLES), fakes, 8, Math.max(1, 84 / fakes.dim(2)));
        }
        Map<String, double[][]> losses = new LinkedHashMap<>();
        losses.put("critic loss", log.series("critic_loss"));
        losses.put("generator loss", log.series("generator_loss"));
        String penalty = run.spec().config().objective().penaltyName();
        if (penalty != null) {
            losses.put(penalty, log.series("penalty"));
        }
        if (losses.get("critic loss")[0].length > 0) {
            Curves.write(dir.resolve(LOSSES), "losses: " + name, "generator iteration", losses);
            Map<String, double[][]> w = new LinkedHashMap<>();
            w.put("critic gap E[D(real)] - E[D(fake)]", log.series("wasserstein_estimate"));
            Curves.write(dir.resolve(WASSERSTEIN), "Wasserstein estimate: " + name, "generator iteration", w);
        }
        Histogram.write(dir.resolve(GRAD_NORMS), "critic gradient norms: " + name, GRAD_NORMS_AXIS,
                snap.gradientNorms().toDoubleArray(), 40, 1.0, "1, the Lipschitz bound");
    }
}
