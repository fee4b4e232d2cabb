package io.github.jgrad.wgan.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Line plots of training curves (losses, the Wasserstein estimate, metrics over iterations) as
 * PNG files, drawn with XChart: one line per named series, legend below the plot, optional
 * logarithmic y axis.
 */
public final class Curves {
    /** Image width in pixels. */
    public static final int WIDTH = 800;
    /** Image height in pixels. */
    public static final int HEIGHT = 500;
    /** Series with more points than this are drawn without markers (they would merge into a band). */
    static final int MARKER_LIMIT = 40;
    /** Series with more points than this are drawn with thinner lines. */
    static final int THIN_LINE_LIMIT = 1000;

    private Curves() {
    }

    /**
     * Writes the series as lines on linear axes, with no y axis title.
     *
     * @see #write(Path, String, String, String, Map, boolean)
     */
    public static void write(Path png, String title, String xLabel, Map<String, double[][]> series)
            throws IOException {
        write(png, title, xLabel, "", series, false);
    }

    /**
     * Writes the series as lines, with a logarithmic y axis if {@code logY}, with no y axis title.
     *
     * @see #write(Path, String, String, String, Map, boolean)
     */
    public static void write(Path png, String title, String xLabel, Map<String, double[][]> series, boolean logY)
            throws IOException {
        write(png, title, xLabel, "", series, logY);
    }

    /**
     * Writes one line per series.
     *
     * <p>A non-finite y (a loss that became NaN) leaves a gap in its line rather than failing the
     * whole figure; a point with a non-finite x is left out.
     *
     * @param png output file; parent folders are created, an existing file is replaced atomically
     * @param title figure title
     * @param xLabel x axis title, for example "generator iteration"
     * @param yLabel y axis title, or empty for none
     * @param series per name, in the map's iteration order: {@code {xs, ys}} of equal length
     * @param logY whether the y axis is logarithmic (every finite y must then be positive)
     * @throws IllegalArgumentException if there is no series, a series is empty or malformed, or
     *     {@code logY} is set and a series has a y value at or below zero
     * @throws IOException if the file cannot be written
     */
    public static void write(Path png, String title, String xLabel, String yLabel,
                             Map<String, double[][]> series, boolean logY) throws IOException {
        PngFiles.target(png);
        if (series == null || series.isEmpty()) {
            throw new IllegalArgumentException("curves: series must not be empty");
        }
        XYChart chart = ChartStyle.chart(WIDTH, HEIGHT, title, xLabel, yLabel);
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setMarkerSize(6);
        List<Legend.Entry> legend = new ArrayList<>();
        int finitePoints = 0;
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        int index = 0;
        for (Map.Entry<String, double[][]> e : series.entrySet()) {
            String name = e.getKey();
            double[][] xy = checkSeries(name, e.getValue(), logY);
            int finite = countFinite(xy);
            finitePoints += finite;
            double[][] shown = drawable(xy);
            for (double x : shown[0]) {
                xMin = Math.min(xMin, x);
                xMax = Math.max(xMax, x);
            }
            Color color = Style.PALETTE[index % Style.PALETTE.length];
            String label = finite == 0 ? name + " (no finite values)" : name;
            // XChart cannot add a series without points; an all-NaN series keeps its legend entry
            // (saying why nothing is drawn) through a single NaN point, which XChart skips.
            XYSeries s = finite == 0
                    ? chart.addSeries(label, new double[] {Double.NaN}, new double[] {Double.NaN})
                    : chart.addSeries(label, shown[0], shown[1]);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
            // Thin lines for long noisy series, so overlapping curves stay apart.
            float width = xy[0].length > THIN_LINE_LIMIT ? 1.1f : 1.8f;
            s.setLineStyle(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            s.setLineColor(color);
            s.setMarkerColor(color);
            s.setMarker(xy[0].length > MARKER_LIMIT ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
            legend.add(new Legend.Entry(label, color, Legend.Symbol.LINE));
            index++;
        }
        if (finitePoints == 0) {
            throw new IllegalArgumentException("curves: no series has a finite point");
        }
        if (xMax > xMin) {
            ChartStyle.roundXTicks(chart, xMin, xMax);
        }
        PngFiles.write(ChartStyle.render(chart, legend, WIDTH, HEIGHT), png);
    }

    private static double[][] checkSeries(String name, double[][] xy, boolean logY) {
        if (name == null) {
            throw new IllegalArgumentException("curves: series name must not be null");
        }
        if (xy == null || xy.length != 2 || xy[0] == null || xy[1] == null) {
            throw new IllegalArgumentException("curves: series '" + name + "' must be {xs, ys}");
        }
        if (xy[0].length != xy[1].length) {
            throw new IllegalArgumentException("curves: series '" + name + "' has " + xy[0].length
                    + " x values but " + xy[1].length + " y values");
        }
        if (xy[0].length == 0) {
            throw new IllegalArgumentException("curves: series '" + name + "' is empty");
        }
        if (logY) {
            for (int i = 0; i < xy[1].length; i++) {
                if (Double.isFinite(xy[1][i]) && xy[1][i] <= 0) {
                    throw new IllegalArgumentException("curves: log scale needs positive values, series '" + name
                            + "' has y[" + i + "] = " + xy[1][i]);
                }
            }
        }
        return xy;
    }

    /**
     * The series as XChart should draw it: a point with a non-finite x is dropped (it has no
     * place on the axis), a non-finite y becomes NaN, which XChart draws as a gap in the line.
     */
    private static double[][] drawable(double[][] xy) {
        int n = 0;
        for (double x : xy[0]) {
            if (Double.isFinite(x)) {
                n++;
            }
        }
        double[] xs = new double[n];
        double[] ys = new double[n];
        int k = 0;
        for (int i = 0; i < xy[0].length; i++) {
            if (Double.isFinite(xy[0][i])) {
                xs[k] = xy[0][i];
                ys[k++] = Double.isFinite(xy[1][i]) ? xy[1][i] : Double.NaN;
            }
        }
        return new double[][] {xs, ys};
    }

    private static int countFinite(double[][] xy) {
        int n = 0;
        for (int i = 0; i < xy[0].length; i++) {
            if (Double.isFinite(xy[0][i]) && Double.isFinite(xy[1][i])) {
                n++;
            }
        }
        return n;
    }
}
