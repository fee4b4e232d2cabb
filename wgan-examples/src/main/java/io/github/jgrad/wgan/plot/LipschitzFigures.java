package io.github.jgrad.wgan.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.QuadCurve2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;

/**
 * The explanatory figures of docs/lipschitz.md: Lipschitz cones moved along a function, the
 * gradient penalty as a function of the gradient norm, and the earth mover's picture of two
 * discrete distributions with the transport plan and a trained critic.
 */
public final class LipschitzFigures {
    private static final int PANEL = 440;
    private static final int MARGIN = 70;
    private static final Color CONE = new Color(0xD62728);
    private static final Color CURVE = new Color(0x1F77B4);

    private LipschitzFigures() {
    }

    /** A 1-D function with the title of its panel. */
    public record Panel(String title, DoubleUnaryOperator f) {
    }

    /**
     * One panel per function: its graph over {@code [xMin, xMax]} and, at each apex {@code x0},
     * the double cone {@code |y - f(x0)| > k |x - x0|} (shaded). A function is k-Lipschitz exactly
     * when its graph never enters the cone wherever the apex is put on it; the parts of the graph
     * inside a cone are drawn thick in red.
     */
    public static void cones(Path png, List<Panel> panels, double[] apexes, double k, double xMin, double xMax,
                             double yMin, double yMax) throws IOException {
        PngFiles.target(png);
        int width = panels.size() * (PANEL + MARGIN) + MARGIN / 2;
        int height = PANEL + 2 * MARGIN;
        BufferedImage image = Style.canvas(width, height);
        Graphics2D g = Style.begin(image);
        try {
            for (int p = 0; p < panels.size(); p++) {
                Panel panel = panels.get(p);
                PixelMapping m = new PixelMapping(new Bounds(xMin, xMax, yMin, yMax),
                        MARGIN + p * (PANEL + MARGIN), MARGIN - 20, PANEL, PANEL);
                g.setClip(m.left(), m.top(), m.width(), m.height());
                for (double x0 : apexes) {
                    double y0 = panel.f().applyAsDouble(x0);
                    double span = (yMax - yMin) * 4 / k;
                    Path2D up = new Path2D.Double();
                    up.moveTo(m.px(x0), m.py(y0));
                    up.lineTo(m.px(x0 - span), m.py(y0 + k * span));
                    up.lineTo(m.px(x0 + span), m.py(y0 + k * span));
                    up.closePath();
                    Path2D down = new Path2D.Double();
                    down.moveTo(m.px(x0), m.py(y0));
                    down.lineTo(m.px(x0 - span), m.py(y0 - k * span));
                    down.lineTo(m.px(x0 + span), m.py(y0 - k * span));
                    down.closePath();
                    g.setColor(new Color(0xD6, 0x27, 0x28, 32));
                    g.fill(up);
                    g.fill(down);
                    g.setColor(new Color(0xD6, 0x27, 0x28, 140));
                    g.setStroke(new BasicStroke(1f));
                    g.draw(up);
                    g.draw(down);
                }
                drawFunction(g, m, panel.f(), apexes, k);
                g.setClip(null);
                Axes.draw(g, m, "x", "f(x)");
                g.setFont(Style.LABEL);
                g.setColor(Style.INK);
                Style.centred(g, panel.title(), m.left() + m.width() / 2.0, m.top() - 14);
            }
        } finally {
            g.dispose();
        }
        PngFiles.write(image, png);
    }

    private static void drawFunction(Graphics2D g, PixelMapping m, DoubleUnaryOperator f, double[] apexes, double k) {
        int n = 1200;
        double lo = m.bounds().xMin();
        double step = m.bounds().width() / n;
        for (int i = 0; i < n; i++) {
            double xa = lo + i * step;
            double xb = xa + step;
            double xm = (xa + xb) / 2;
            boolean inside = false;
            for (double x0 : apexes) {
                double d = Math.abs(xm - x0);
                inside |= d > 1e-9 && Math.abs(f.applyAsDouble(xm) - f.applyAsDouble(x0)) > k * d * (1 + 1e-9);
            }
            g.setColor(inside ? CONE : CURVE);
            g.setStroke(new BasicStroke(inside ? 4f : 2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(new Line2D.Double(m.px(xa), m.py(f.applyAsDouble(xa)), m.px(xb), m.py(f.applyAsDouble(xb))));
        }
        g.setColor(Style.INK);
        for (double x0 : apexes) {
            double px = m.px(x0);
            double py = m.py(f.applyAsDouble(x0));
            g.fill(new java.awt.geom.Ellipse2D.Double(px - 4, py - 4, 8, 8));
        }
    }

    /**
     * The two-sided penalty {@code lambda (n - 1)^2} and the one-sided {@code lambda max(0, n - 1)^2}
     * against the gradient norm {@code n} on {@code [0, nMax]}.
     */
    public static void penalty(Path png, double lambda, double nMax) throws IOException {
        int count = 301;
        double[] xs = new double[count];
        double[] two = new double[count];
        double[] one = new double[count];
        for (int i = 0; i < count; i++) {
            double n = nMax * i / (count - 1);
            xs[i] = n;
            two[i] = lambda * (n - 1) * (n - 1);
            one[i] = n > 1 ? lambda * (n - 1) * (n - 1) : 0;
        }
        Map<String, double[][]> series = new LinkedHashMap<>();
        series.put("two-sided: \u03bb (\u2016\u2207D\u2016 - 1)\u00b2", new double[][] {xs, two});
        series.put("one-sided: \u03bb max(0, \u2016\u2207D\u2016 - 1)\u00b2", new double[][] {xs, one});
        Curves.write(png, "gradient penalty per sample (\u03bb = " + Ticks.significant(lambda, 3) + ")",
                "gradient norm \u2016\u2207D(x\u0302)\u2016", "penalty", series, false);
    }

    /**
     * The earth mover's picture: P's masses as bars up, Q's as bars down, the moves of the
     * transport plan as arcs labelled with their mass; below, the trained critic and an optimal
     * one (slope -1 where P has more mass to the left, +1 where Q has), each shifted to mean 0
     * over the plotted range so that their shapes can be compared.
     *
     * @param moves each {@code {from, to, mass}}
     * @param xs where the critics are evaluated
     * @param critic the trained critic at {@code xs}
     * @param optimal an optimal critic at {@code xs}
     * @param caption a line under the title (the distance and the estimate)
     */
    public static void earthMover(Path png, double[] pPoints, double[] pWeights, double[] qPoints, double[] qWeights,
                                  double[][] moves, double[] xs, double[] critic, double[] optimal, String caption)
            throws IOException {
        PngFiles.target(png);
        int width = 900;
        int height = 780;
        BufferedImage image = Style.canvas(width, height);
        Graphics2D g = Style.begin(image);
        double xMin = xs[0];
        double xMax = xs[xs.length - 1];
        try {
            g.setFont(Style.TITLE);
            Style.centred(g, "earth mover's distance: transport plan and critic", width / 2.0, 30);
            g.setFont(Style.LABEL);
            Style.centred(g, caption, width / 2.0, 54);
            PixelMapping top = new PixelMapping(new Bounds(xMin, xMax, -0.6, 1.0), 80, 80, width - 120, 300);
            drawMasses(g, top, pPoints, pWeights, qPoints, qWeights, moves);
            Axes.draw(g, top, "x", "mass (P up, Q down)");
            double[] c = centred(critic);
            double[] o = centred(optimal);
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < xs.length; i++) {
                lo = Math.min(lo, Math.min(c[i], o[i]));
                hi = Math.max(hi, Math.max(c[i], o[i]));
            }
            double pad = 0.1 * (hi - lo);
            PixelMapping bottom = new PixelMapping(new Bounds(xMin, xMax, lo - pad, hi + pad), 80, 450, width - 120, 230);
            g.setClip(bottom.left(), bottom.top(), bottom.width(), bottom.height());
            polyline(g, bottom, xs, o, new Color(0x7F7F7F), new BasicStroke(2f, BasicStroke.CAP_BUTT,
                    BasicStroke.JOIN_ROUND, 1f, new float[] {8f, 6f}, 0f));
            polyline(g, bottom, xs, c, new Color(0x2CA02C), new BasicStroke(2.5f));
            g.setClip(null);
            Axes.draw(g, bottom, "x", "critic f(x)");
            g.setFont(Style.SMALL);
            List<Legend.Entry> legend = List.of(
                    new Legend.Entry("trained critic (WGAN-GP)", new Color(0x2CA02C), Legend.Symbol.LINE),
                    new Legend.Entry("an optimal 1-Lipschitz critic", new Color(0x7F7F7F), Legend.Symbol.DASHED),
                    new Legend.Entry("P", Style.PALETTE[0], Legend.Symbol.LINE),
                    new Legend.Entry("Q", Style.PALETTE[1], Legend.Symbol.LINE));
            Legend.draw(g, legend, width / 2.0, 742, width - 40);
        } finally {
            g.dispose();
        }
        PngFiles.write(image, png);
    }

    private static void drawMasses(Graphics2D g, PixelMapping m, double[] pPoints, double[] pWeights,
                                   double[] qPoints, double[] qWeights, double[][] moves) {
        g.setColor(Style.GRID);
        g.draw(new Line2D.Double(m.left(), m.py(0), m.right(), m.py(0)));
        g.setFont(Style.SMALL);
        bars(g, m, pPoints, pWeights, 1, Style.PALETTE[0]);
        bars(g, m, qPoints, qWeights, -1, Style.PALETTE[1]);
        g.setStroke(new BasicStroke(1.6f));
        for (double[] move : moves) {
            double x0 = m.px(move[0]);
            double x1 = m.px(move[1]);
            double base = m.py(0);
            double lift = 30 + 18 * Math.abs(move[1] - move[0]);
            g.setColor(new Color(0x444444));
            g.draw(new QuadCurve2D.Double(x0, base, (x0 + x1) / 2, base - 2 * lift, x1, base));
            double dir = Math.signum(x1 - x0);
            Path2D head = new Path2D.Double();
            head.moveTo(x1, base);
            head.lineTo(x1 - dir * 9, base - 9);
            head.lineTo(x1 - dir * 2, base - 12);
            head.closePath();
            g.fill(head);
            Style.centred(g, Ticks.significant(move[2], 2), (x0 + x1) / 2, base - lift - 4);
        }
    }

    private static void bars(Graphics2D g, PixelMapping m, double[] points, double[] weights, int sign, Color color) {
        for (int i = 0; i < points.length; i++) {
            double px = m.px(points[i]);
            g.setColor(color);
            double y0 = m.py(0);
            double y1 = m.py(sign * weights[i]);
            g.fill(new java.awt.geom.Rectangle2D.Double(px - 9, Math.min(y0, y1), 18, Math.abs(y1 - y0)));
            g.setColor(Style.INK);
            double labelY = sign > 0 ? y1 - 6 : y1 + 16;
            Style.centred(g, Ticks.significant(weights[i], 2), px, labelY);
        }
    }

    private static void polyline(Graphics2D g, PixelMapping m, double[] xs, double[] ys, Color color, BasicStroke stroke) {
        Path2D path = new Path2D.Double();
        for (int i = 0; i < xs.length; i++) {
            if (i == 0) {
                path.moveTo(m.px(xs[i]), m.py(ys[i]));
            } else {
                path.lineTo(m.px(xs[i]), m.py(ys[i]));
            }
        }
        g.setColor(color);
        g.setStroke(stroke);
        g.draw(path);
    }

    private static double[] centred(double[] ys) {
        double mean = 0;
        for (double y : ys) {
            mean += y / ys.length;
        }
        double[] out = new double[ys.length];
        for (int i = 0; i < ys.length; i++) {
            out[i] = ys[i] - mean;
        }
        return out;
    }
}
