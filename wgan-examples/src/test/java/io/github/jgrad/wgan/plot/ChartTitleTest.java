package io.github.jgrad.wgan.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;

/** Chart titles stay inside the figure: a long one is set smaller, never cut at the edge. */
class ChartTitleTest {
    private static int width(String text, Font font) {
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            return g.getFontMetrics(font).stringWidth(text);
        } finally {
            g.dispose();
        }
    }

    @Test
    void aShortTitleKeepsTheHouseFont() {
        XYChart chart = ChartStyle.chart(Histogram.WIDTH, Histogram.HEIGHT, "losses", "x", "y");
        assertEquals("losses", chart.getTitle());
        assertEquals(Style.TITLE.getSize(), chart.getStyler().getChartTitleFont().getSize());
    }

    @Test
    void aLongRunNameIsSetSmallerAndFitsWhole() {
        String title = "critic gradient norms at interpolates: wgan-clip on 25gaussians, iteration 100000";
        assertTrue(width(title, Style.TITLE) > Histogram.WIDTH - 2 * ChartStyle.TITLE_MARGIN,
                "the case needs a title too wide for the house font");
        XYChart chart = ChartStyle.chart(Histogram.WIDTH, Histogram.HEIGHT, title, "x", "y");
        Font font = chart.getStyler().getChartTitleFont();
        assertEquals(title, chart.getTitle());
        assertTrue(font.getSize() < Style.TITLE.getSize(), "size " + font.getSize());
        assertTrue(width(title, font) <= Histogram.WIDTH - 2 * ChartStyle.TITLE_MARGIN, "width " + width(title, font));
    }
}
