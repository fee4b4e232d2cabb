package io.github.jgrad.wgan.plot;

import java.awt.BasicStroke;
import java.awt.Graphics2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;

/** Frame, outward tick marks, tick labels and axis titles around a Java2D plot area. */
final class Axes {
    static final int TICK_LENGTH = 5;
    private static final int TICK_COUNT = 6;

    private Axes() {
    }

    /** Draws the frame of {@code m}'s area and labelled ticks on its bottom and left sides. */
    static void draw(Graphics2D g, PixelMapping m, String xLabel, String yLabel) {
        Bounds b = m.bounds();
        g.setColor(Style.INK);
        g.setStroke(new BasicStroke(1f));
        g.draw(new Rectangle2D.Double(m.left() - 0.5, m.top() - 0.5, m.width() + 1, m.height() + 1));
        g.setFont(Style.TICK);
        int labelBaseline = m.bottom() + TICK_LENGTH + 4 + g.getFontMetrics().getAscent();
        double xStep = Ticks.step(b.xMin(), b.xMax(), TICK_COUNT);
        for (double x : Ticks.within(b.xMin(), b.xMax(), xStep)) {
            double px = m.px(x);
            g.draw(new Line2D.Double(px, m.bottom() + 0.5, px, m.bottom() + 0.5 + TICK_LENGTH));
            Style.centred(g, Ticks.label(x, xStep), px, labelBaseline);
        }
        double yStep = Ticks.step(b.yMin(), b.yMax(), TICK_COUNT);
        int widest = 0;
        for (double y : Ticks.within(b.yMin(), b.yMax(), yStep)) {
            double py = m.py(y);
            String label = Ticks.label(y, yStep);
            widest = Math.max(widest, g.getFontMetrics().stringWidth(label));
            g.draw(new Line2D.Double(m.left() - 0.5 - TICK_LENGTH, py, m.left() - 0.5, py));
            Style.rightAligned(g, label, m.left() - TICK_LENGTH - 4, py);
        }
        g.setFont(Style.LABEL);
        Style.centred(g, xLabel, m.left() + m.width() / 2.0, labelBaseline + g.getFontMetrics().getHeight() + 2);
        Style.vertical(g, yLabel, m.left() - TICK_LENGTH - 4 - widest - 10 - g.getFontMetrics().getAscent() / 2.0,
                m.top() + m.height() / 2.0);
    }
}
