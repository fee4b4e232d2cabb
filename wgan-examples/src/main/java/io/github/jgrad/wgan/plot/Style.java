package io.github.jgrad.wgan.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/** The one look shared by every figure: fonts, colours, and text placement helpers. */
final class Style {
    /** Figure title. */
    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
    /** Axis titles and panel captions. */
    static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 15);
    /** Tick labels and legend entries. */
    static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    /** Secondary annotations. */
    static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    /** Smallest size a long title may shrink to before it is cut with an ellipsis. */
    static final int MIN_TITLE_SIZE = 11;

    static final Color INK = new Color(0x222222);
    static final Color GRID = new Color(0xE3E3E3);

    /**
     * Series colours: matplotlib's "tab10", which readers of ML papers already associate with
     * default plots, and whose first few colours stay apart for common colour-vision deficiencies.
     */
    static final Color[] PALETTE = {
        new Color(0x1F77B4), new Color(0xFF7F0E), new Color(0x2CA02C), new Color(0xD62728),
        new Color(0x9467BD), new Color(0x8C564B), new Color(0xE377C2), new Color(0x7F7F7F),
        new Color(0xBCBD22), new Color(0x17BECF),
    };

    private Style() {
    }

    /** A white RGB canvas with antialiasing on for shapes and text. */
    static BufferedImage canvas(int width, int height) {
        PngFiles.ensureHeadless();
        return new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    }

    /** A graphics context on {@code image}, cleared to white, antialiased; the caller disposes it. */
    static Graphics2D begin(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(INK);
        return g;
    }

    /** Draws {@code text} centred horizontally on {@code cx} with its baseline at {@code baseline}. */
    static void centred(Graphics2D g, String text, double cx, double baseline) {
        FontMetrics fm = g.getFontMetrics();
        g.drawString(text, (float) (cx - fm.stringWidth(text) / 2.0), (float) baseline);
    }

    /** Draws {@code text} right-aligned at {@code right}, vertically centred on {@code cy}. */
    static void rightAligned(Graphics2D g, String text, double right, double cy) {
        FontMetrics fm = g.getFontMetrics();
        g.drawString(text, (float) (right - fm.stringWidth(text)), (float) (cy + (fm.getAscent() - fm.getDescent()) / 2.0));
    }

    /** Draws {@code text} left-aligned at {@code left}, vertically centred on {@code cy}. */
    static void leftAligned(Graphics2D g, String text, double left, double cy) {
        FontMetrics fm = g.getFontMetrics();
        g.drawString(text, (float) left, (float) (cy + (fm.getAscent() - fm.getDescent()) / 2.0));
    }

    /** Draws {@code text} rotated a quarter turn anticlockwise (reading upwards), centred on (cx, cy). */
    static void vertical(Graphics2D g, String text, double cx, double cy) {
        AffineTransform saved = g.getTransform();
        FontMetrics fm = g.getFontMetrics();
        g.translate(cx, cy);
        g.rotate(-Math.PI / 2);
        g.drawString(text, (float) (-fm.stringWidth(text) / 2.0), (float) ((fm.getAscent() - fm.getDescent()) / 2.0));
        g.setTransform(saved);
    }

    /**
     * Sets a font of {@code base}'s family and style, shrunk from its size until {@code text}
     * fits {@code maxWidth}, and returns the text to draw: {@code text} itself, or when even the
     * smallest size is too wide, a prefix ending in an ellipsis. Long run names would otherwise
     * run off the figure.
     */
    static String fit(Graphics2D g, Font base, String text, double maxWidth) {
        for (int size = base.getSize(); size >= MIN_TITLE_SIZE; size--) {
            g.setFont(base.deriveFont((float) size));
            if (g.getFontMetrics().stringWidth(text) <= maxWidth) {
                return text;
            }
        }
        FontMetrics fm = g.getFontMetrics();
        String cut = text;
        while (!cut.isEmpty() && fm.stringWidth(cut + "\u2026") > maxWidth) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "\u2026";
    }
}
