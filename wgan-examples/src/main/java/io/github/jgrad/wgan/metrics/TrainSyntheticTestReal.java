package io.github.jgrad.wgan.metrics;

import io.github.jgrad.autodiff.CompositeOps;
import io.github.jgrad.autodiff.NoGrad;
import io.github.jgrad.autodiff.Var;
import io.github.jgrad.nn.Linear;
import io.github.jgrad.nn.Module;
import io.github.jgrad.nn.ReLU;
import io.github.jgrad.nn.Sequential;
import io.github.jgrad.nn.optim.Adam;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import io.github.jgrad.wgan.data.TableColumn;
import io.github.jgrad.wgan.data.TableSchema;

/**
 * Train on synthetic, test on real: a small model predicts one column from the others, once
 * trained on synthetic rows and once on real training rows, and both are scored on the same
 * held-out real rows. Synthetic rows are useful for the task to the degree the first score comes
 * close to the second. A categorical target is classified (score: accuracy), a numeric one
 * regressed (score: R squared).
 *
 * <p>The model is an MLP with one hidden layer of {@value #HIDDEN} ReLU units, trained full-batch
 * with Adam (learning rate 0.01) for {@value #STEPS} steps from a fixed seed, so the two scores
 * differ only by their training rows.
 */
public final class TrainSyntheticTestReal {
    static final int HIDDEN = 64;
    static final int STEPS = 300;

    private TrainSyntheticTestReal() {
    }

    /**
     * The two scores.
     *
     * @param target      the predicted column
     * @param measure     {@code accuracy} or {@code r2}
     * @param synthetic   the score of the model trained on synthetic rows
     * @param real        the score of the model trained on real training rows
     */
    public record Result(String target, String measure, double synthetic, double real) {
    }

    /**
     * Scores both models.
     *
     * @param target    index of the predicted column in {@code schema}
     * @param synthetic encoded synthetic rows (categorical blocks may hold probabilities)
     * @param train     encoded real training rows
     * @param test      encoded held-out real rows, at least one
     */
    public static Result evaluate(TableSchema schema, int target, Tensor synthetic, Tensor train, Tensor test) {
        if (test.dim(0) < 1) {
            throw new IllegalArgumentException("train-synthetic-test-real: no held-out rows (the table has under "
                    + io.github.jgrad.wgan.data.TableData.MIN_ROWS_FOR_HOLDOUT + " rows)");
        }
        TableColumn col = schema.columns().get(target);
        Task task = new Task(schema, target);
        double s = task.score(synthetic, test);
        double r = task.score(train, test);
        return new Result(col.name(), col.categorical() ? "accuracy" : "r2", s, r);
    }

    /** Features (every other column) and labels of encoded rows for one target column. */
    private static final class Task {
        private final TableSchema schema;
        private final int from;
        private final int to;
        private final boolean classify;

        Task(TableSchema schema, int target) {
            this.schema = schema;
            this.from = schema.offset(target);
            this.to = from + schema.columns().get(target).width();
            this.classify = schema.columns().get(target).categorical();
        }

        /** Trains on {@code train}, returns the score on {@code test}. */
        double score(Tensor train, Tensor test) {
            Tensor[] tr = split(train);
            Tensor[] te = split(test);
            int features = tr[0].dim(1);
            int outputs = to - from;
            Rng rng = new Rng(11);
            Module net = new Sequential(new Linear(features, HIDDEN, rng), new ReLU(), new Linear(HIDDEN, outputs, rng));
            Adam opt = new Adam(net.namedParameters(), 0.01);
            for (int step = 0; step < STEPS; step++) {
                Var out = net.forward(Var.constant(tr[0]));
                Var loss = classify
                        ? CompositeOps.logSoftmax(out, 1).mul(Var.constant(tr[1])).sum().div(-tr[1].dim(0))
                        : CompositeOps.mse(out, Var.constant(tr[1]));
                net.zeroGrad();
                loss.backward();
                opt.step();
            }
            Tensor pred;
            try (NoGrad ignored = NoGrad.enter()) {
                pred = net.forward(Var.constant(te[0])).value();
            }
            return classify ? accuracy(pred, te[1]) : rSquared(pred, te[1]);
        }

        /** {features, labels}: labels one-hot (hardened) for a category, the standardised value otherwise. */
        private Tensor[] split(Tensor rows) {
            int n = rows.dim(0);
            int w = schema.width();
            int k = to - from;
            double[] flat = rows.toDoubleArray();
            float[] x = new float[n * (w - k)];
            float[] y = new float[n * k];
            for (int i = 0; i < n; i++) {
                int xi = i * (w - k);
                for (int j = 0; j < w; j++) {
                    if (j < from || j >= to) {
                        x[xi++] = (float) flat[i * w + j];
                    }
                }
                if (classify) {
                    y[i * k + TableSchema.category(flat, i * w + from, k, null)] = 1f;
                } else {
                    y[i] = (float) flat[i * w + from];
                }
            }
            // Generated categorical features hold probabilities; the real ones are one-hot. Harden
            // them alike so that both models see features of one kind.
            hardenFeatures(x, n, w - k);
            return new Tensor[] {Tensor.wrap(x, Shape.of(n, w - k)), Tensor.wrap(y, Shape.of(n, k))};
        }

        private void hardenFeatures(float[] x, int n, int width) {
            double[] row = new double[width];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < width; j++) {
                    row[j] = x[i * width + j];
                }
                int at = 0;
                for (int c = 0; c < schema.columns().size(); c++) {
                    TableColumn col = schema.columns().get(c);
                    if (schema.offset(c) == from) {
                        continue;
                    }
                    if (col.categorical()) {
                        int best = TableSchema.category(row, at, col.width(), null);
                        for (int j = 0; j < col.width(); j++) {
                            x[i * width + at + j] = j == best ? 1f : 0f;
                        }
                    }
                    at += col.width();
                }
            }
        }
    }

    private static double accuracy(Tensor logits, Tensor oneHot) {
        Tensor p = logits.argmax(1, false);
        Tensor t = oneHot.argmax(1, false);
        int correct = 0;
        for (int i = 0; i < p.size(); i++) {
            correct += p.getDouble(i) == t.getDouble(i) ? 1 : 0;
        }
        return (double) correct / p.size();
    }

    private static double rSquared(Tensor pred, Tensor truth) {
        double mean = truth.mean().item();
        double sse = pred.sub(truth).square().sum().item();
        double sst = truth.sub(mean).square().sum().item();
        return sst > 0 ? 1 - sse / sst : Double.NaN;
    }
}
