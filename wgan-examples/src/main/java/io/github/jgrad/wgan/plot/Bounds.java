package io.github.jgrad.wgan.plot;

import io.github.jgrad.tensor.Tensor;

/**
 * The rectangle of the plane a 2-D figure shows, in data coordinates.
 *
 * @param xMin left edge
 * @param xMax right edge, greater than {@code xMin}
 * @param yMin bottom edge
 * @param yMax top edge, greater than {@code yMin}
 */
public record Bounds(double xMin, double xMax, double yMin, double yMax) {
    /**
     * The square {@code [-2, 2]^2}, fixed so that frames of one run (and runs of different
     * objectives) share the same axes. The toy sets of the WGAN-GP code fit inside it:
     * 8gaussians and 25gaussians reach about 1.42 from the origin after their scaling, the swiss
     * roll about 1.9.
     */
    public static final Bounds TOY = new Bounds(-2, 2, -2, 2);

    /** Share of the data's extent added on every side by {@link #around}. */
    static final double PADDING = 0.1;

    /**
     * Checks that the edges are finite and ordered.
     *
     * @throws IllegalArgumentException naming the offending edges
     */
    public Bounds {
        if (!Double.isFinite(xMin) || !Double.isFinite(xMax) || !Double.isFinite(yMin) || !Double.isFinite(yMax)) {
            throw new IllegalArgumentException("bounds: edges must be finite, got " + describe(xMin, xMax, yMin, yMax));
        }
        if (!(xMin < xMax) || !(yMin < yMax)) {
            throw new IllegalArgumentException("bounds: need xMin < xMax and yMin < yMax, got "
                    + describe(xMin, xMax, yMin, yMax));
        }
    }

    /**
     * The smallest square, centred on the points, that holds every finite point of {@code sets}
     * with {@link #PADDING} of its side added on each edge. A square keeps circles round in a
     * square plot, which matters when the figure is read for gradient norms. Points with a
     * non-finite coordinate (a diverged generator) are skipped; if no finite point remains the
     * answer is {@link #TOY}, and a single point gets a unit square.
     *
     * @param sets point sets of shape {@code [n, 2]} ({@code n} may be 0)
     * @throws IllegalArgumentException if a set is null or not of shape {@code [n, 2]}
     */
    public static Bounds around(Tensor... sets) {
        if (sets == null) {
            throw new IllegalArgumentException("bounds: point sets must not be null");
        }
        double x0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < sets.length; s++) {
            Points.check(sets[s], "bounds: set " + s);
            double[] p = sets[s].toDoubleArray();
            for (int i = 0; i + 1 < p.length; i += 2) {
                if (Double.isFinite(p[i]) && Double.isFinite(p[i + 1])) {
                    x0 = Math.min(x0, p[i]);
                    x1 = Math.max(x1, p[i]);
                    y0 = Math.min(y0, p[i + 1]);
                    y1 = Math.max(y1, p[i + 1]);
                }
            }
        }
        if (x0 > x1) {
            return TOY;
        }
        double side = Math.max(x1 - x0, y1 - y0);
        side = side > 0 ? side * (1 + 2 * PADDING) : 1;
        double cx = (x0 + x1) / 2;
        double cy = (y0 + y1) / 2;
        return new Bounds(cx - side / 2, cx + side / 2, cy - side / 2, cy + side / 2);
    }

    /** {@code xMax - xMin}. */
    public double width() {
        return xMax - xMin;
    }

    /** {@code yMax - yMin}. */
    public double height() {
        return yMax - yMin;
    }

    /** True if (x, y) lies inside or on the edge. */
    public boolean contains(double x, double y) {
        return x >= xMin && x <= xMax && y >= yMin && y <= yMax;
    }

    private static String describe(double xMin, double xMax, double yMin, double yMax) {
        return "x [" + xMin + ", " + xMax + "], y [" + yMin + ", " + yMax + "]";
    }
}
