package io.github.jgrad.wgan.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** XChart settings shared by the line and histogram figures, matching {@link Style}. */
final class ChartStyle {
    private static final String TICK_HELPER = "\u2063tick-helper";
    /** Space kept free on each side of a title, in pixels (the chart's padding and some air). */
    static final int TITLE_MARGIN = 24;

    private ChartStyle() {
    }

    /**
     * A white, framed XY chart with light grid lines and the house fonts and palette; no legend.
     * A long title is set in a smaller size (or, at the smallest, shortened with an ellipsis) so
     * that it never runs off the figure.
     */
    static XYChart chart(int width, int height, String title, String xLabel, String yLabel) {
        PngFiles.ensureHeadless();
        Graphics2D measure = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        String shownTitle = Style.fit(measure, Style.TITLE, title == null ? "" : title, width - 2 * TITLE_MARGIN);
        Font titleFont = measure.getFont();
        measure.dispose();
        XYChart chart = new XYChartBuilder().width(width).height(height)
                .title(shownTitle).xAxisTitle(xLabel == null ? "" : xLabel)
                .yAxisTitle(yLabel == null ? "" : yLabel).build();
        XYStyler s = chart.getStyler();
        s.setAntiAlias(true);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderVisible(true);
        s.setPlotBorderColor(Style.INK);
        s.setPlotGridLinesVisible(true);
        s.setPlotGridLinesColor(Style.GRID);
        s.setPlotGridLinesStroke(new BasicStroke(1f));
        s.setChartFontColor(Style.INK);
        s.setChartTitleFont(titleFont);
        s.setChartTitleBoxVisible(false);
        s.setChartTitlePadding(12);
        s.setChartPadding(16);
        s.setAxisTitleFont(Style.LABEL);
        s.setAxisTickLabelsFont(Style.TICK);
        s.setAxisTickLabelsColor(Style.INK);
        s.setAxisTickMarksColor(Style.INK);
        s.setAxisTickPadding(6);
        s.setAxisTitlePadding(10);
        s.setPlotMargin(0);
        s.setYAxisLabelAlignment(AxesChartStyler.TextAlignment.Right);
        s.setXAxisTickMarkSpacingHint(90);
        s.setLegendVisible(false);
        s.setSeriesColors(Style.PALETTE);
        s.setToolTipsEnabled(false);
        s.setXAxisTitleVisible(xLabel != null && !xLabel.isEmpty());
        s.setYAxisTitleVisible(yLabel != null && !yLabel.isEmpty());
        return chart;
    }

    /**
     * Makes XChart choose round x ticks. When all x values of all series are equally spaced
     * (iterations 0, 1, 2, ...), XChart 3.8 puts ticks only on data points and ends up with
     * labels such as 278, 556, 834. One invisible point (y is NaN, so nothing is drawn and no
     * axis range changes) off that lattice switches it back to its round-step ticks. Call after
     * adding the real series, so their palette colours stay in order.
     */
    static void roundXTicks(XYChart chart, double xMin, double xMax) {
        double x = xMin + (xMax - xMin) * 0.381966;
        XYSeries helper = chart.addSeries(TICK_HELPER, new double[] {x}, new double[] {Double.NaN});
        helper.setMarker(SeriesMarkers.NONE);
        helper.setShowInLegend(false);
    }

    /**
     * Paints {@code chart} above a legend of {@code entries} on a {@code width x height} image:
     * the chart gets the height the legend leaves.
     */
    static BufferedImage render(XYChart chart, List<Legend.Entry> entries, int width, int height) {
        BufferedImage image = Style.canvas(width, height);
        Graphics2D g = Style.begin(image);
        try {
            int legendHeight = entries.isEmpty() ? 0 : Legend.rows(g, entries, width - 40) * Legend.ROW_HEIGHT + 14;
            // XChart changes transform, clip and hints of the context it paints with: give it its own.
            Graphics2D forChart = image.createGraphics();
            try {
                chart.paint(forChart, width, height - legendHeight);
            } finally {
                forChart.dispose();
            }
            Legend.draw(g, entries, width / 2.0, height - legendHeight + 2, width - 40);
        } finally {
            g.dispose();
        }
        return image;
    }
}
