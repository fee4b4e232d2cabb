package io.github.jgrad.wgan.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A histogram with a vertical reference line as a PNG, drawn with XChart. Made for the gradient
 * norms of the critic at interpolated points, where the marker at 1 is the Lipschitz target the
 * gradient penalty pulls towards: a well-trained WGAN-GP critic piles up near it, a clipped one
 * sits far below it.
 */
public final class Histogram {
    /** Image width in pixels. */
    public static final int WIDTH = 800;
    /** Image height in pixels. */
    public static final int HEIGHT = 500;

    static final Color BARS = new Color(0x1F77B4);
    static final Color BAR_FILL = new Color(0x7FAEDB);
    static final Color MARKER = new Color(0xD62728);
    static final BasicStroke MARKER_STROKE = new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {9f, 5f}, 0f);
    /** Space left and right of the bins, as a share of their span. */
    private static final double SIDE_ROOM = 0.04;
    /** Head room above the tallest bar, as a share of its height. */
    private static final double HEAD_ROOM = 0.08;

    private Histogram() {
    }

    /**
     * Writes the histogram of {@code values} with a marker line labelled "x = marker".
     *
     * @see #write(Path, String, String, double[], int, double, String)
     */
    public static void write(Path png, String title, double[] values, int bins, double marker) throws IOException {
        String shown = Double.isFinite(marker) ? BigDecimal.valueOf(marker).stripTrailingZeros().toPlainString() : "?";
        write(png, title, "value", values, bins, marker, "x = " + shown);
    }

    /**
     * Writes a histogram of {@code values} in {@code bins} equal bins with a dashed vertical line
     * at {@code marker}. The bins span the finite values and the marker together, so the marker
     * is always inside the plot, even when every value is far from it.
     *
     * @param png output file; parent folders are created, an existing file is replaced atomically
     * @param title figure title
     * @param xLabel x axis title, for example "gradient norm at interpolates"
     * @param values the sample; non-finite values are left out and counted in the legend
     * @param bins number of bins, at least 1
     * @param marker x position of the reference line, finite
     * @param markerLabel legend text for the reference line
     * @throws IllegalArgumentException if {@code values} has no finite value, {@code bins < 1}, or
     *     {@code marker} is not finite
     * @throws IOException if the file cannot be written
     */
    public static void write(Path png, String title, String xLabel, double[] values, int bins, double marker,
                             String markerLabel) throws IOException {
        PngFiles.target(png);
        if (bins < 1) {
            throw new IllegalArgumentException("histogram: bins must be at least 1, got " + bins);
        }
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("histogram: values must not be empty");
        }
        if (!Double.isFinite(marker)) {
            throw new IllegalArgumentException("histogram: marker must be finite, got " + marker);
        }
        Binned h = Binned.of(values, bins, marker);
        if (h.finite() == 0) {
            throw new IllegalArgumentException("histogram: values has no finite value among " + values.length);
        }
        XYChart chart = ChartStyle.chart(WIDTH, HEIGHT, title, xLabel, "count");
        double top = Math.max(1, h.maxCount()) * (1 + HEAD_ROOM);
        double lo = h.edges()[0];
        double hi = h.edges()[bins];
        // Room on both sides, so a marker at the extreme of the data is not hidden in the frame.
        double pad = (hi - lo) * SIDE_ROOM;
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(top);
        chart.getStyler().setXAxisMin(lo - pad);
        chart.getStyler().setXAxisMax(hi + pad);
        chart.getStyler().setYAxisDecimalPattern("#,##0");

        String label = String.format(Locale.ROOT, "n = %d", h.finite())
                + (h.dropped() > 0 ? " (" + h.dropped() + " non-finite left out)" : "");
        XYSeries bars = chart.addSeries(label, outlineX(h.edges()), outlineY(h.counts()));
        bars.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        bars.setMarker(SeriesMarkers.NONE);
        bars.setLineColor(BARS.darker());
        bars.setLineStyle(new BasicStroke(1f));
        bars.setFillColor(BAR_FILL);

        String markerName = markerLabel == null || markerLabel.isEmpty() ? "marker" : markerLabel;
        XYSeries line = chart.addSeries(markerName, new double[] {marker, marker}, new double[] {0, top});
        line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        line.setMarker(SeriesMarkers.NONE);
        line.setLineColor(MARKER);
        line.setLineStyle(MARKER_STROKE);
        ChartStyle.roundXTicks(chart, lo, hi);
        List<Legend.Entry> legend = List.of(new Legend.Entry(label, BAR_FILL, Legend.Symbol.BOX),
                new Legend.Entry(markerName, MARKER, Legend.Symbol.DASHED));
        PngFiles.write(ChartStyle.render(chart, legend, WIDTH, HEIGHT), png);
    }

    /**
     * x of the bars' outline: each bin is traced up its left edge, across, and down its right
     * edge, so the outline also separates neighbouring bars.
     */
    private static double[] outlineX(double[] edges) {
        int bins = edges.length - 1;
        double[] xs = new double[4 * bins];
        for (int b = 0; b < bins; b++) {
            xs[4 * b] = edges[b];
            xs[4 * b + 1] = edges[b];
            xs[4 * b + 2] = edges[b + 1];
            xs[4 * b + 3] = edges[b + 1];
        }
        return xs;
    }

    /** y of the bars' outline, matching {@link #outlineX}. */
    private static double[] outlineY(long[] counts) {
        double[] ys = new double[4 * counts.length];
        for (int b = 0; b < counts.length; b++) {
            ys[4 * b + 1] = counts[b];
            ys[4 * b + 2] = counts[b];
        }
        return ys;
    }
}
