package io.github.jgrad.wgan.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

/**
 * A legend laid out in centred rows, wrapping when entries do not fit one line. Drawn by this
 * package rather than by XChart, whose horizontal legend sets entries on uneven baselines.
 */
final class Legend {
    /** How an entry's symbol is drawn. */
    enum Symbol {
        /** A short solid line. */
        LINE,
        /** A short dashed line. */
        DASHED,
        /** A filled square with a darker edge. */
        BOX,
        /** A dot with a dark edge, as in the critic maps. */
        DOT,
    }

    /**
     * One legend entry.
     *
     * @param label the text
     * @param color the symbol's colour
     * @param symbol the symbol's shape
     */
    record Entry(String label, Color color, Symbol symbol) {
    }

    static final int ROW_HEIGHT = 22;
    private static final int SYMBOL_WIDTH = 28;
    private static final int SYMBOL_GAP = 7;
    private static final int ENTRY_GAP = 26;

    private Legend() {
    }

    /** Rows needed to show {@code entries} within {@code maxWidth}. */
    static int rows(Graphics2D g, List<Entry> entries, double maxWidth) {
        return layout(g, entries, maxWidth).size();
    }

    /** Draws {@code entries} in rows centred on {@code cx}, the first row centred on {@code top + ROW_HEIGHT / 2}. */
    static void draw(Graphics2D g, List<Entry> entries, double cx, double top, double maxWidth) {
        g.setFont(Style.TICK);
        double cy = top + ROW_HEIGHT / 2.0;
        for (List<Entry> row : layout(g, entries, maxWidth)) {
            double x = cx - width(g, row) / 2.0;
            for (Entry e : row) {
                symbol(g, e, x, cy);
                g.setColor(Style.INK);
                Style.leftAligned(g, e.label(), x + SYMBOL_WIDTH + SYMBOL_GAP, cy);
                x += entryWidth(g, e) + ENTRY_GAP;
            }
            cy += ROW_HEIGHT;
        }
    }

    private static List<List<Entry>> layout(Graphics2D g, List<Entry> entries, double maxWidth) {
        g.setFont(Style.TICK);
        List<List<Entry>> rows = new ArrayList<>();
        List<Entry> row = new ArrayList<>();
        double used = 0;
        for (Entry e : entries) {
            double w = entryWidth(g, e);
            if (!row.isEmpty() && used + ENTRY_GAP + w > maxWidth) {
                rows.add(row);
                row = new ArrayList<>();
                used = 0;
            }
            used += (row.isEmpty() ? 0 : ENTRY_GAP) + w;
            row.add(e);
        }
        if (!row.isEmpty()) {
            rows.add(row);
        }
        return rows;
    }

    private static double width(Graphics2D g, List<Entry> row) {
        double w = 0;
        for (Entry e : row) {
            w += entryWidth(g, e);
        }
        return w + ENTRY_GAP * (row.size() - 1);
    }

    private static double entryWidth(Graphics2D g, Entry e) {
        return SYMBOL_WIDTH + SYMBOL_GAP + g.getFontMetrics().stringWidth(e.label());
    }

    private static void symbol(Graphics2D g, Entry e, double x, double cy) {
        Stroke saved = g.getStroke();
        g.setColor(e.color());
        switch (e.symbol()) {
            case LINE -> {
                g.setStroke(new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.draw(new Line2D.Double(x + 2, cy, x + SYMBOL_WIDTH - 2, cy));
            }
            case DASHED -> {
                g.setStroke(Histogram.MARKER_STROKE);
                g.draw(new Line2D.Double(x, cy, x + SYMBOL_WIDTH, cy));
            }
            case BOX -> {
                Rectangle2D.Double box = new Rectangle2D.Double(x + 6, cy - 7, 16, 14);
                g.fill(box);
                g.setColor(e.color().darker());
                g.setStroke(new BasicStroke(1f));
                g.draw(box);
            }
            case DOT -> {
                double r = CriticMap.DOT_RADIUS * 1.6;
                Ellipse2D.Double dot = new Ellipse2D.Double(x + SYMBOL_WIDTH / 2.0 - r, cy - r, 2 * r, 2 * r);
                g.fill(dot);
                g.setColor(CriticMap.DOT_EDGE);
                g.setStroke(new BasicStroke(0.8f));
                g.draw(dot);
            }
            default -> throw new IllegalStateException("unknown symbol " + e.symbol());
        }
        g.setStroke(saved);
    }
}
