package io.github.jgrad.wgan.plot;

import io.github.jgrad.nn.Module;
import io.github.jgrad.tensor.Tensor;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A critic's value over a rectangle of the plane as a PNG: the value as colour (viridis), about
 * ten contour lines, the real and the generated samples as dots, a colour bar with the value
 * range, axes, a title and a legend. This is the picture of the WGAN papers' toy experiments:
 * where the critic rises towards the real data, and how smooth its slope is between the sets.
 */
public final class CriticMap {
    /** Image width in pixels. */
    public static final int WIDTH = 760;
    /** Image height in pixels. */
    public static final int HEIGHT = 660;
    /** Critic evaluations per side of the grid (all {@code GRID * GRID} in one batch). */
    public static final int GRID = 200;

    /** Colour of the real samples. */
    static final Color REAL = new Color(0xFF7F0E);
    /** Colour of the generated samples. */
    static final Color FAKE = new Color(0xFFFFFF);
    /** Contour lines: translucent white reads on both ends of viridis. */
    static final Color CONTOUR = new Color(255, 255, 255, 140);
    static final double DOT_RADIUS = 2.4;
    static final Color DOT_EDGE = new Color(0, 0, 0, 170);

    /** Largest square plot area, and where it sits on the canvas. */
    static final int AREA = 520;
    static final int AREA_LEFT = 84;
    static final int AREA_TOP = 74;

    private CriticMap() {
    }

    /**
     * Renders {@code critic} over {@code bounds} with the two sample sets and writes the PNG.
     *
     * @param png output file; parent folders are created, an existing file is replaced atomically
     * @param critic maps {@code [n, 2]} to {@code n} values ({@code [n, 1]} or {@code [n]})
     * @param real real samples, {@code [n, 2]}
     * @param fake generated samples, {@code [m, 2]}
     * @param bounds the data rectangle shown (see {@link Bounds#TOY} and {@link Bounds#around})
     * @param title figure title
     * @throws IllegalArgumentException if an argument is null or a tensor has the wrong shape
     * @throws IOException if the file cannot be written
     */
    public static void write(Path png, Module critic, Tensor real, Tensor fake, Bounds bounds, String title)
            throws IOException {
        write(png, critic, real, fake, bounds, title, GRID);
    }

    /**
     * As {@link #write(Path, Module, Tensor, Tensor, Bounds, String)}, evaluating the critic on a
     * {@code grid x grid} lattice instead of {@link #GRID}. The cost is one forward pass of
     * {@code grid^2} points: for the paper's 512-wide toy critic at 200, about a second or two
     * with OpenBLAS but tens of seconds on the pure-Java BLAS fallback. The colours are
     * interpolated between nodes, so 100 still looks smooth at a quarter of the cost.
     *
     * @param grid nodes per side, at least 2
     * @throws IllegalArgumentException as the other overload, or if {@code grid < 2}
     * @throws IOException if the file cannot be written
     */
    public static void write(Path png, Module critic, Tensor real, Tensor fake, Bounds bounds, String title, int grid)
            throws IOException {
        PngFiles.target(png);
        if (grid < 2) {
            throw new IllegalArgumentException("critic map: grid must be at least 2, got " + grid);
        }
        if (critic == null) {
            throw new IllegalArgumentException("critic map: critic must not be null");
        }
        Points.check(real, "critic map: real samples");
        Points.check(fake, "critic map: generated samples");
        if (bounds == null) {
            throw new IllegalArgumentException("critic map: bounds must not be null");
        }
        CriticField field = CriticField.evaluate(critic, bounds, grid);
        PngFiles.write(render(field, real, fake, bounds, title == null ? "" : title), png);
    }

    /** Where {@code bounds} lands on the canvas: the largest area of its aspect ratio inside the square. */
    static PixelMapping mapping(Bounds bounds) {
        double aspect = bounds.width() / bounds.height();
        int w = aspect >= 1 ? AREA : (int) Math.round(AREA * aspect);
        int h = aspect >= 1 ? (int) Math.round(AREA / aspect) : AREA;
        return new PixelMapping(bounds, AREA_LEFT + (AREA - w) / 2, AREA_TOP + (AREA - h) / 2, Math.max(w, 1), Math.max(h, 1));
    }

    static BufferedImage render(CriticField field, Tensor real, Tensor fake, Bounds bounds, String title) {
        BufferedImage image = Style.canvas(WIDTH, HEIGHT);
        Graphics2D g = Style.begin(image);
        try {
            PixelMapping m = mapping(bounds);
            paintField(image, field, m);
            double[] levels = field.levels();
            java.awt.Shape savedClip = g.getClip();
            g.clipRect(m.left(), m.top(), m.width(), m.height());
            paintContours(g, field, m, levels);
            int realOutside = paintDots(g, m, real, REAL);
            int fakeOutside = paintDots(g, m, fake, FAKE);
            g.setClip(savedClip);
            Axes.draw(g, m, "x", "y");
            ColorBar.draw(image, g, Colormap.VIRIDIS, AREA_LEFT + AREA + 22, m.top(), m.height(),
                    field.lo, field.hi, levels, "critic value");
            paintHeader(g, title, legendLabel("real", real, realOutside), legendLabel("generated", fake, fakeOutside));
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void paintField(BufferedImage image, CriticField field, PixelMapping m) {
        int[] row = new int[m.width()];
        for (int r = 0; r < m.height(); r++) {
            double y = m.dataY(m.top() + r + 0.5);
            for (int c = 0; c < m.width(); c++) {
                row[c] = Colormap.VIRIDIS.rgb(field.scale(field.at(m.dataX(m.left() + c + 0.5), y)));
            }
            image.setRGB(m.left(), m.top() + r, m.width(), 1, row, 0, m.width());
        }
    }

    private static void paintContours(Graphics2D g, CriticField field, PixelMapping m, double[] levels) {
        g.setColor(CONTOUR);
        g.setStroke(new BasicStroke(1.1f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        for (double level : levels) {
            Path2D.Double path = new Path2D.Double();
            for (MarchingSquares.Segment s : MarchingSquares.contour(field.values, field.xs, field.ys, level)) {
                path.moveTo(m.px(s.x0()), m.py(s.y0()));
                path.lineTo(m.px(s.x1()), m.py(s.y1()));
            }
            g.draw(path);
        }
    }

    /** Draws the finite points of {@code pts}; returns how many fall outside the bounds or are not finite. */
    private static int paintDots(Graphics2D g, PixelMapping m, Tensor pts, Color fill) {
        double[] p = pts.toDoubleArray();
        g.setStroke(new BasicStroke(0.6f));
        int outside = 0;
        Ellipse2D.Double dot = new Ellipse2D.Double();
        for (int i = 0; i + 1 < p.length; i += 2) {
            if (!m.bounds().contains(p[i], p[i + 1])) {
                outside++;
                continue;
            }
            dot.setFrame(m.px(p[i]) - DOT_RADIUS, m.py(p[i + 1]) - DOT_RADIUS, 2 * DOT_RADIUS, 2 * DOT_RADIUS);
            g.setColor(fill);
            g.fill(dot);
            g.setColor(DOT_EDGE);
            g.draw(dot);
        }
        return outside;
    }

    private static String legendLabel(String name, Tensor pts, int outside) {
        int n = pts.dim(0);
        return outside == 0 ? name + " (" + n + ")" : name + " (" + n + ", " + outside + " outside)";
    }

    /** Title on top, and below it a one-line legend, so neither covers the map. */
    private static void paintHeader(Graphics2D g, String title, String realLabel, String fakeLabel) {
        g.setColor(Style.INK);
        String shown = Style.fit(g, Style.TITLE, title, WIDTH - 40);
        Style.centred(g, shown, WIDTH / 2.0, 30);
        Legend.draw(g, List.of(new Legend.Entry(realLabel, REAL, Legend.Symbol.DOT),
                new Legend.Entry(fakeLabel, FAKE, Legend.Symbol.DOT)), AREA_LEFT + AREA / 2.0, 42, WIDTH - 40);
    }
}
