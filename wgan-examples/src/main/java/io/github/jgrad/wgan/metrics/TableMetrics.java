package io.github.jgrad.wgan.metrics;

import io.github.jgrad.tensor.Tensor;
import io.github.jgrad.wgan.data.TableColumn;
import io.github.jgrad.wgan.data.TableSchema;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How closely synthetic rows match real ones, column by column and jointly: the Wasserstein-1
 * distance of each numeric column's values (in the column's units, and on the standardised scale
 * where 0.1 means a tenth of a standard deviation), the total variation distance of each
 * categorical column's category shares, and the Frobenius norm of the difference of the two
 * correlation matrices (numeric columns and one indicator per category).
 *
 * <p>Rows are encoded as {@link TableSchema} encodes them. A generated categorical block holds
 * probabilities; it is first hardened to the most likely category, as export does.
 */
public final class TableMetrics {
    private TableMetrics() {
    }

    /**
     * Every metric by name: {@code w1/<column>} and {@code w1_std/<column>} per numeric column,
     * {@code tvd/<column>} per categorical column, their maxima {@code w1_std_max} and
     * {@code tvd_max}, the mean {@code w1_std_mean}, and {@code corr_diff}.
     *
     * @param real      encoded real rows {@code [N, width]}
     * @param synthetic encoded generated rows {@code [M, width]}
     */
    public static Map<String, Double> evaluate(TableSchema schema, Tensor real, Tensor synthetic) {
        double[][] r = columns(schema, real, "real");
        double[][] s = columns(schema, synthetic, "synthetic");
        Map<String, Double> m = new LinkedHashMap<>();
        double w1Max = 0;
        double w1Sum = 0;
        int numeric = 0;
        double tvdMax = 0;
        for (int c = 0; c < schema.columns().size(); c++) {
            TableColumn col = schema.columns().get(c);
            int at = schema.offset(c);
            if (col.categorical()) {
                double tvd = 0;
                for (int k = 0; k < col.width(); k++) {
                    tvd += Math.abs(mean(r[at + k]) - mean(s[at + k]));
                }
                tvd /= 2;
                m.put("tvd/" + col.name(), tvd);
                tvdMax = Math.max(tvdMax, tvd);
            } else {
                double w = wasserstein1(r[at], s[at]);
                m.put("w1/" + col.name(), w * col.std());
                m.put("w1_std/" + col.name(), w);
                w1Max = Math.max(w1Max, w);
                w1Sum += w;
                numeric++;
            }
        }
        if (numeric > 0) {
            m.put("w1_std_max", w1Max);
            m.put("w1_std_mean", w1Sum / numeric);
        }
        if (numeric < schema.columns().size()) {
            m.put("tvd_max", tvdMax);
        }
        m.put("corr_diff", frobenius(correlations(r), correlations(s)));
        return m;
    }

    /**
     * The encoded rows column by column, each categorical block hardened to a one-hot indicator
     * of its largest value.
     */
    public static double[][] columns(TableSchema schema, Tensor rows, String what) {
        int w = schema.width();
        if (rows.rank() != 2 || rows.dim(1) != w || rows.dim(0) < 2) {
            throw new IllegalArgumentException("TableMetrics: " + what + " rows must have shape [N >= 2, " + w + "], got "
                    + rows.shape());
        }
        int n = rows.dim(0);
        double[] flat = rows.toDoubleArray();
        double[][] out = new double[w][n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < schema.columns().size(); c++) {
                TableColumn col = schema.columns().get(c);
                int at = schema.offset(c);
                if (col.categorical()) {
                    out[at + TableSchema.category(flat, i * w + at, col.width(), null)][i] = 1;
                } else {
                    out[at][i] = flat[i * w + at];
                }
            }
        }
        return out;
    }

    /** The exact Wasserstein-1 distance between two 1-D empirical distributions. */
    public static double wasserstein1(double[] a, double[] b) {
        double[] x = a.clone();
        double[] y = b.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        return SlicedWasserstein.sortedW1(x, y);
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** Pearson correlations of the columns; a constant column correlates 0 with every other, 1 with itself. */
    public static double[][] correlations(double[][] cols) {
        int k = cols.length;
        int n = cols[0].length;
        double[][] centred = new double[k][];
        double[] norm = new double[k];
        for (int a = 0; a < k; a++) {
            double mu = mean(cols[a]);
            centred[a] = new double[n];
            double ss = 0;
            for (int i = 0; i < n; i++) {
                centred[a][i] = cols[a][i] - mu;
                ss += centred[a][i] * centred[a][i];
            }
            norm[a] = Math.sqrt(ss);
        }
        double[][] corr = new double[k][k];
        for (int a = 0; a < k; a++) {
            corr[a][a] = 1;
            for (int b = a + 1; b < k; b++) {
                double dot = 0;
                for (int i = 0; i < n; i++) {
                    dot += centred[a][i] * centred[b][i];
                }
                double v = norm[a] > 1e-12 && norm[b] > 1e-12 ? dot / (norm[a] * norm[b]) : 0;
                corr[a][b] = v;
                corr[b][a] = v;
            }
        }
        return corr;
    }

    private static double frobenius(double[][] a, double[][] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                s += (a[i][j] - b[i][j]) * (a[i][j] - b[i][j]);
            }
        }
        return Math.sqrt(s);
    }
}
