package io.github.jgrad.wgan.plot;

import java.util.ArrayList;
import java.util.List;

/**
 * Contour lines of a function sampled on a rectangular grid, by marching squares: each grid cell
 * is classified by which of its four corners lie at or above the level, and crossed by zero, one
 * or two segments whose end points are placed on the cell edges by linear interpolation.
 */
public final class MarchingSquares {
    /**
     * One piece of a contour line, from (x0, y0) to (x1, y1), in the grid's coordinates.
     *
     * @param x0 first end, x
     * @param y0 first end, y
     * @param x1 second end, x
     * @param y1 second end, y
     */
    public record Segment(double x0, double y0, double x1, double y1) {
    }

    // Edges of a cell: 0 bottom (bl-br), 1 right (br-tr), 2 top (tl-tr), 3 left (bl-tl).
    // For each corner pattern (bit 1 bl, 2 br, 4 tr, 8 tl set when at or above the level),
    // the edge pairs joined by a segment. Saddles 5 and 10 are resolved separately.
    private static final int[][] EDGES = {
        {}, {3, 0}, {0, 1}, {3, 1}, {1, 2}, {}, {0, 2}, {3, 2},
        {3, 2}, {0, 2}, {}, {1, 2}, {3, 1}, {0, 1}, {3, 0}, {},
    };

    private MarchingSquares() {
    }

    /**
     * The segments of the contour {@code f = level}.
     *
     * <p>Cells with a non-finite corner are skipped, so a critic that overflowed in one region
     * still gets contours elsewhere. In the two ambiguous "saddle" cells (diagonal corners on the
     * same side) the mean of the four corners decides whether the high corners connect through
     * the centre.
     *
     * @param values row-major samples, {@code values[j * xs.length + i] = f(xs[i], ys[j])}
     * @param xs increasing x coordinates of the grid columns, at least 2
     * @param ys increasing y coordinates of the grid rows, at least 2
     * @param level the value whose contour is wanted
     * @return the segments, in no particular order (empty if the level is never crossed)
     * @throws IllegalArgumentException if the sizes do not match or the grid is smaller than 2x2
     */
    public static List<Segment> contour(double[] values, double[] xs, double[] ys, double level) {
        if (values == null || xs == null || ys == null) {
            throw new IllegalArgumentException("contour: values, xs and ys must not be null");
        }
        int nx = xs.length;
        int ny = ys.length;
        if (nx < 2 || ny < 2) {
            throw new IllegalArgumentException("contour: grid must be at least 2x2, got " + nx + "x" + ny);
        }
        if ((long) nx * ny != values.length) {
            throw new IllegalArgumentException("contour: " + values.length + " values for a " + nx + "x" + ny + " grid");
        }
        List<Segment> out = new ArrayList<>();
        double[] ex = new double[4];
        double[] ey = new double[4];
        for (int j = 0; j + 1 < ny; j++) {
            for (int i = 0; i + 1 < nx; i++) {
                double bl = values[j * nx + i];
                double br = values[j * nx + i + 1];
                double tl = values[(j + 1) * nx + i];
                double tr = values[(j + 1) * nx + i + 1];
                if (!Double.isFinite(bl) || !Double.isFinite(br) || !Double.isFinite(tl) || !Double.isFinite(tr)) {
                    continue;
                }
                int code = (bl >= level ? 1 : 0) | (br >= level ? 2 : 0) | (tr >= level ? 4 : 0) | (tl >= level ? 8 : 0);
                if (code == 0 || code == 15) {
                    continue;
                }
                double x0 = xs[i];
                double x1 = xs[i + 1];
                double y0 = ys[j];
                double y1 = ys[j + 1];
                // Crossing points on the four edges (only the crossed ones are used).
                ex[0] = lerp(x0, x1, bl, br, level);
                ey[0] = y0;
                ex[1] = x1;
                ey[1] = lerp(y0, y1, br, tr, level);
                ex[2] = lerp(x0, x1, tl, tr, level);
                ey[2] = y1;
                ex[3] = x0;
                ey[3] = lerp(y0, y1, bl, tl, level);
                int[] pairs = code == 5 || code == 10 ? saddle(code, (bl + br + tl + tr) / 4 >= level) : EDGES[code];
                for (int p = 0; p < pairs.length; p += 2) {
                    out.add(new Segment(ex[pairs[p]], ey[pairs[p]], ex[pairs[p + 1]], ey[pairs[p + 1]]));
                }
            }
        }
        return out;
    }

    /** Edge pairs of a saddle cell; {@code centreHigh} says the centre is at or above the level. */
    private static int[] saddle(int code, boolean centreHigh) {
        // Code 5 has bl and tr high. A high centre joins them, cutting off the low corners br
        // (segment bottom-right) and tl (left-top); a low centre cuts off bl and tr instead.
        // Code 10 is the mirror image: a high centre joins br and tl, cutting off bl and tr.
        boolean cutOffBrAndTl = code == 5 ? centreHigh : !centreHigh;
        return cutOffBrAndTl ? new int[] {0, 1, 3, 2} : new int[] {3, 0, 1, 2};
    }

    /** The point between a (value fa) and b (value fb) where the linear interpolant equals level. */
    private static double lerp(double a, double b, double fa, double fb, double level) {
        double d = fb - fa;
        return d == 0 ? (a + b) / 2 : a + (b - a) * (level - fa) / d;
    }
}
