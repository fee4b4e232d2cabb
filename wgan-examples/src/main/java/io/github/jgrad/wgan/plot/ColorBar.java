package io.github.jgrad.wgan.plot;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

/** A vertical colour scale with value ticks, the contour levels marked, and a title. */
final class ColorBar {
    static final int WIDTH = 18;

    private ColorBar() {
    }

    /**
     * Draws the bar in the pixel rectangle {@code (left, top, WIDTH, height)} of {@code image}:
     * {@code lo} at the bottom, {@code hi} at the top, thin lines at {@code levels}, and the
     * title reading upwards right of the tick labels.
     */
    static void draw(BufferedImage image, Graphics2D g, Colormap cmap, int left, int top, int height,
                     double lo, double hi, double[] levels, String title) {
        for (int r = 0; r < height; r++) {
            int rgb = cmap.rgb(1 - (r + 0.5) / height);
            for (int c = 0; c < WIDTH; c++) {
                image.setRGB(left + c, top + r, rgb);
            }
        }
        g.setStroke(new BasicStroke(1f));
        g.setColor(CriticMap.CONTOUR);
        for (double level : levels) {
            double y = top + (hi - level) / (hi - lo) * height;
            g.draw(new Line2D.Double(left, y, left + WIDTH, y));
        }
        g.setColor(Style.INK);
        g.draw(new Rectangle2D.Double(left - 0.5, top - 0.5, WIDTH + 1, height + 1));
        g.setFont(Style.TICK);
        double step = Ticks.step(lo, hi, 6);
        int widest = 0;
        for (double v : Ticks.within(lo, hi, step)) {
            double y = top + (hi - v) / (hi - lo) * height;
            g.draw(new Line2D.Double(left + WIDTH + 0.5, y, left + WIDTH + 0.5 + Axes.TICK_LENGTH, y));
            String label = Ticks.label(v, step);
            widest = Math.max(widest, g.getFontMetrics().stringWidth(label));
            Style.leftAligned(g, label, left + WIDTH + Axes.TICK_LENGTH + 4, y);
        }
        // The exact extremes, which the rounded tick values only bracket: for an unconstrained
        // critic the range itself is the finding.
        g.setFont(Style.SMALL);
        g.drawString("max " + Ticks.significant(hi, 4), left, top - 8);
        g.drawString("min " + Ticks.significant(lo, 4), left, top + height + 8 + g.getFontMetrics().getAscent());
        g.setFont(Style.LABEL);
        Style.vertical(g, title, left + WIDTH + Axes.TICK_LENGTH + 4 + widest + 10 + g.getFontMetrics().getAscent() / 2.0,
                top + height / 2.0);
    }
}
