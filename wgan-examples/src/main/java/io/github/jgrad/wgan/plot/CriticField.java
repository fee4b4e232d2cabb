package io.github.jgrad.wgan.plot;

import io.github.jgrad.autodiff.NoGrad;
import io.github.jgrad.autodiff.Var;
import io.github.jgrad.nn.Module;
import io.github.jgrad.nn.Parameter;
import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import java.util.List;

/**
 * A critic's values on a square grid of nodes spanning a {@link Bounds} (edges included), with
 * the value range the colour scale uses and the contour levels drawn on it.
 */
final class CriticField {
    /** Share of the value range kept free of contour levels at each end (a level at the very
     * minimum would trace the plot's edge rather than any feature of the critic). */
    private static final double LEVEL_MARGIN = 0.01;

    final double[] xs;
    final double[] ys;
    /** Row-major: {@code values[j * n + i]} is the critic at {@code (xs[i], ys[j])}. */
    final double[] values;
    /** Bottom of the colour scale. */
    final double lo;
    /** Top of the colour scale, greater than {@link #lo}. */
    final double hi;

    CriticField(double[] xs, double[] ys, double[] values) {
        this.xs = xs;
        this.ys = ys;
        this.values = values;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (min > max) {
            min = 0;
            max = 1;
        } else if (!(max - min > 1e-12 * Math.max(1, Math.abs(max)))) {
            // A constant critic (a freshly zeroed last layer) still needs a non-empty scale.
            double pad = Math.max(Math.abs(max) * 0.05, 1e-3);
            min -= pad;
            max += pad;
        }
        this.lo = min;
        this.hi = max;
    }

    /**
     * Evaluates {@code critic} once, on all {@code n * n} grid nodes in a single batch, with no
     * graph recorded. The input has the dtype of the critic's first parameter (float32 for a
     * critic without parameters), so a float64 critic in a gradient check is plotted as it is.
     *
     * @throws IllegalArgumentException if the critic does not return one value per point
     */
    static CriticField evaluate(Module critic, Bounds b, int n) {
        double[] xs = linspace(b.xMin(), b.xMax(), n);
        double[] ys = linspace(b.yMin(), b.yMax(), n);
        List<Parameter> params = critic.parameters();
        DType dtype = params.isEmpty() ? DType.F32 : params.get(0).value().dtype();
        Tensor grid = Tensor.zeros(dtype, Shape.of(n * n, 2));
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                int k = 2 * (j * n + i);
                grid.setInPlace(k, xs[i]).setInPlace(k + 1, ys[j]);
            }
        }
        Tensor out;
        NoGrad scope = NoGrad.enter();
        try {
            out = critic.forward(Var.constant(grid)).value();
        } finally {
            scope.close();
        }
        if (out.size() != n * n) {
            throw new IllegalArgumentException("critic: must return one value per point, got shape "
                    + out.shape() + " for input [" + (n * n) + ", 2]");
        }
        return new CriticField(xs, ys, out.toDoubleArray());
    }

    /** {@code n} evenly spaced numbers from {@code a} to {@code b}, both included. */
    static double[] linspace(double a, double b, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = i == n - 1 ? b : a + (b - a) * i / (n - 1);
        }
        return out;
    }

    /** The critic at (x, y), bilinearly interpolated between the four surrounding nodes. */
    double at(double x, double y) {
        int n = xs.length;
        double gx = clamp((x - xs[0]) / (xs[n - 1] - xs[0]) * (n - 1), n - 1);
        double gy = clamp((y - ys[0]) / (ys[ys.length - 1] - ys[0]) * (ys.length - 1), ys.length - 1);
        int i = Math.min((int) gx, n - 2);
        int j = Math.min((int) gy, ys.length - 2);
        double fx = gx - i;
        double fy = gy - j;
        double v00 = values[j * n + i];
        double v10 = values[j * n + i + 1];
        double v01 = values[(j + 1) * n + i];
        double v11 = values[(j + 1) * n + i + 1];
        return (v00 * (1 - fx) + v10 * fx) * (1 - fy) + (v01 * (1 - fx) + v11 * fx) * fy;
    }

    /** Where {@code v} falls on the colour scale: 0 at {@link #lo}, 1 at {@link #hi}. */
    double scale(double v) {
        return (v - lo) / (hi - lo);
    }

    /** About ten nice contour levels strictly inside the value range. */
    double[] levels() {
        double step = Ticks.step(lo, hi, 10);
        double margin = (hi - lo) * LEVEL_MARGIN;
        return Ticks.within(lo + margin, hi - margin, step);
    }

    private static double clamp(double g, int max) {
        return Double.isNaN(g) ? 0 : Math.max(0, Math.min(max, g));
    }
}
