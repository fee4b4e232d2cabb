package io.github.jgrad.wgan.plot;

import io.github.jgrad.wgan.data.TableColumn;
import io.github.jgrad.wgan.data.TableSchema;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The two figures of a table run: one small histogram per column, real against synthetic (numeric
 * columns in their own units, categorical columns as category shares), and the correlation
 * matrices of real and synthetic rows side by side.
 *
 * <p>Both take columns as {@code TableMetrics.columns} gives them: one array per encoded value,
 * numeric values standardised, categorical blocks as 0/1 indicators.
 */
public final class TableFigures {
    private static final Color REAL = new Color(0xFF7F0E);
    private static final Color REAL_FILL = new Color(255, 127, 14, 110);
    private static final Color SYNTHETIC = new Color(0x1F77B4);
    private static final int PANEL_W = 260;
    private static final int PANEL_H = 170;
    private static final int BINS = 20;

    private TableFigures() {
    }

    /**
     * Writes one histogram per column in a grid, each with real (orange, filled) and synthetic
     * (blue outline) shares, so the two compare however many rows each has.
     */
    public static void columns(Path png, String title, TableSchema schema, double[][] real, double[][] synthetic)
            throws IOException {
        PngFiles.target(png);
        int k = schema.columns().size();
        int perRow = Math.min(k, k > 16 ? 8 : 4);
        int rows = (k + perRow - 1) / perRow;
        int top = 60;
        BufferedImage image = Style.canvas(perRow * PANEL_W + 20, top + rows * PANEL_H + 10);
        Graphics2D g = Style.begin(image);
        try {
            g.setFont(Style.TITLE);
            Style.centred(g, Style.fit(g, Style.TITLE, title, image.getWidth() - 20), image.getWidth() / 2.0, 26);
            g.setFont(Style.SMALL);
            legendEntry(g, REAL_FILL, REAL, "real", image.getWidth() / 2.0 - 90, 44);
            legendEntry(g, Color.WHITE, SYNTHETIC, "synthetic", image.getWidth() / 2.0 + 10, 44);
            for (int c = 0; c < k; c++) {
                double x0 = 10 + (c % perRow) * PANEL_W;
                double y0 = top + (c / perRow) * PANEL_H;
                panel(g, schema.columns().get(c), schema.offset(c), real, synthetic, x0, y0);
            }
        } finally {
            g.dispose();
        }
        PngFiles.write(image, png);
    }

    private static void legendEntry(Graphics2D g, Color fill, Color line, String text, double x, double cy) {
        g.setColor(fill);
        g.fill(new Rectangle2D.Double(x, cy - 6, 18, 12));
        g.setColor(line);
        g.draw(new Rectangle2D.Double(x, cy - 6, 18, 12));
        g.setColor(Style.INK);
        Style.leftAligned(g, text, x + 24, cy);
    }

    private static void panel(Graphics2D g, TableColumn col, int at, double[][] real, double[][] synthetic,
                              double x0, double y0) {
        double left = x0 + 8;
        double right = x0 + PANEL_W - 12;
        double bottom = y0 + PANEL_H - 28;
        double plotTop = y0 + 22;
        g.setFont(Style.SMALL);
        g.setColor(Style.INK);
        Style.centred(g, Style.fit(g, Style.SMALL, col.name(), PANEL_W - 16), (left + right) / 2, y0 + 14);
        double[] r;
        double[] s;
        String lo;
        String hi;
        if (col.categorical()) {
            r = new double[col.width()];
            s = new double[col.width()];
            for (int j = 0; j < col.width(); j++) {
                r[j] = mean(real[at + j]);
                s[j] = mean(synthetic[at + j]);
            }
            lo = col.categories().get(0);
            hi = col.width() > 1 ? col.categories().get(col.width() - 1) : "";
        } else {
            double min = Math.min(min(real[at]), min(synthetic[at]));
            double max = Math.max(max(real[at]), max(synthetic[at]));
            if (!(max > min)) {
                max = min + 1;
            }
            r = shares(real[at], min, max);
            s = shares(synthetic[at], min, max);
            lo = col.format(col.original(min));
            hi = col.format(col.original(max));
        }
        double peak = 0;
        for (int j = 0; j < r.length; j++) {
            peak = Math.max(peak, Math.max(r[j], s[j]));
        }
        peak = peak > 0 ? peak * 1.1 : 1;
        double bw = (right - left) / r.length;
        Path2D outline = new Path2D.Double();
        outline.moveTo(left, bottom);
        for (int j = 0; j < r.length; j++) {
            double hr = (bottom - plotTop) * r[j] / peak;
            g.setColor(REAL_FILL);
            g.fill(new Rectangle2D.Double(left + j * bw, bottom - hr, bw, hr));
            double hs = (bottom - plotTop) * s[j] / peak;
            outline.lineTo(left + j * bw, bottom - hs);
            outline.lineTo(left + (j + 1) * bw, bottom - hs);
        }
        outline.lineTo(right, bottom);
        g.setColor(SYNTHETIC);
        g.setStroke(new BasicStroke(1.6f));
        g.draw(outline);
        g.setColor(Style.INK);
        g.setStroke(new BasicStroke(1f));
        g.draw(new java.awt.geom.Line2D.Double(left, bottom, right, bottom));
        g.setFont(Style.SMALL);
        Style.leftAligned(g, Style.fit(g, Style.SMALL, lo, (right - left) / 2 - 4), left, bottom + 12);
        Style.rightAligned(g, Style.fit(g, Style.SMALL, hi, (right - left) / 2 - 4), right, bottom + 12);
    }

    private static double[] shares(double[] v, double min, double max) {
        double[] out = new double[BINS];
        for (double x : v) {
            int b = (int) Math.floor((x - min) / (max - min) * BINS);
            out[Math.max(0, Math.min(BINS - 1, b))] += 1.0 / v.length;
        }
        return out;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) {
            m = Math.min(m, x);
        }
        return m;
    }

    private static double max(double[] v) {
        double m = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            m = Math.max(m, x);
        }
        return m;
    }

    /**
     * Writes the two correlation matrices side by side on a blue (-1) - white (0) - red (+1)
     * scale, with the Frobenius norm of their difference in the title. Rows and columns are the
     * encoded values: numeric columns, then one per category, labelled when there are few.
     */
    public static void correlations(Path png, String title, String[] labels, double[][] real, double[][] synthetic)
            throws IOException {
        PngFiles.target(png);
        int k = real.length;
        int cell = Math.max(4, Math.min(28, 560 / Math.max(1, k)));
        boolean labelled = k <= 24;
        int margin = labelled ? 150 : 20;
        int side = k * cell;
        int width = 2 * (margin + side) + 60;
        int height = 70 + side + (labelled ? 20 : 30) + 40;
        BufferedImage image = Style.canvas(width, height);
        Graphics2D g = Style.begin(image);
        try {
            g.setFont(Style.TITLE);
            Style.centred(g, Style.fit(g, Style.TITLE, title, width - 20), width / 2.0, 26);
            double[][][] both = {real, synthetic};
            String[] captions = {"real", "synthetic"};
            for (int p = 0; p < 2; p++) {
                double x0 = margin + p * (margin + side + 40);
                double y0 = 60;
                g.setFont(Style.LABEL);
                g.setColor(Style.INK);
                Style.centred(g, captions[p], x0 + side / 2.0, y0 - 6);
                for (int i = 0; i < k; i++) {
                    for (int j = 0; j < k; j++) {
                        g.setColor(diverging(both[p][i][j]));
                        g.fill(new Rectangle2D.Double(x0 + j * cell, y0 + i * cell, cell, cell));
                    }
                    if (labelled) {
                        g.setFont(Style.SMALL);
                        g.setColor(Style.INK);
                        Style.rightAligned(g, Style.fit(g, Style.SMALL, labels[i], margin - 10), x0 - 4,
                                y0 + i * cell + cell / 2.0);
                    }
                }
                g.setColor(Style.INK);
                g.draw(new Rectangle2D.Double(x0, y0, side, side));
            }
            // the scale
            double sx = width / 2.0 - 150;
            double sy = 60 + side + 20;
            for (int i = 0; i < 300; i++) {
                g.setColor(diverging(-1 + 2 * i / 299.0));
                g.fill(new Rectangle2D.Double(sx + i, sy, 1.5, 12));
            }
            g.setColor(Style.INK);
            g.setFont(Style.SMALL);
            Style.rightAligned(g, "-1", sx - 4, sy + 6);
            Style.leftAligned(g, "+1", sx + 304, sy + 6);
            Style.centred(g, String.format(Locale.ROOT, "correlation (%d x %d)", k, k), width / 2.0, sy + 28);
        } finally {
            g.dispose();
        }
        PngFiles.write(image, png);
    }

    /** Blue for -1, white for 0, red for +1 (linear in each half); grey for NaN. */
    static Color diverging(double v) {
        if (Double.isNaN(v)) {
            return new Color(Colormap.NAN_RGB);
        }
        double t = Math.max(-1, Math.min(1, v));
        int[] end = t < 0 ? new int[] {0x21, 0x66, 0xAC} : new int[] {0xB2, 0x18, 0x2B};
        double f = Math.abs(t);
        return new Color((int) Math.round(255 + (end[0] - 255) * f), (int) Math.round(255 + (end[1] - 255) * f),
                (int) Math.round(255 + (end[2] - 255) * f));
    }
}
