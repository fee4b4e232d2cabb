package io.github.jgrad.wgan.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarchingSquaresTest {
    private static double[] grid(double[] xs, double[] ys, java.util.function.DoubleBinaryOperator f) {
        double[] v = new double[xs.length * ys.length];
        for (int j = 0; j < ys.length; j++) {
            for (int i = 0; i < xs.length; i++) {
                v[j * xs.length + i] = f.applyAsDouble(xs[i], ys[j]);
            }
        }
        return v;
    }

    @Test
    void theContourOfXSquaredPlusYSquaredAtRSquaredIsTheCircleOfRadiusR() {
        double[] xs = CriticField.linspace(-2, 2, 200);
        double[] ys = CriticField.linspace(-2, 2, 200);
        double spacing = xs[1] - xs[0];
        double r = 1.3;
        List<MarchingSquares.Segment> segs = MarchingSquares.contour(grid(xs, ys, (x, y) -> x * x + y * y), xs, ys, r * r);
        double length = 0;
        for (MarchingSquares.Segment s : segs) {
            assertEquals(r, Math.hypot(s.x0(), s.y0()), spacing, "end point off the circle");
            assertEquals(r, Math.hypot(s.x1(), s.y1()), spacing, "end point off the circle");
            length += Math.hypot(s.x1() - s.x0(), s.y1() - s.y0());
        }
        // The segments close the circle: their total length is its circumference.
        assertEquals(2 * Math.PI * r, length, 0.01 * 2 * Math.PI * r);
    }

    @Test
    void aLinearFieldGivesAStraightLineAtTheLevel() {
        double[] xs = CriticField.linspace(0, 1, 11);
        double[] ys = CriticField.linspace(0, 1, 5);
        List<MarchingSquares.Segment> segs = MarchingSquares.contour(grid(xs, ys, (x, y) -> x), xs, ys, 0.33);
        assertEquals(4, segs.size(), "one segment per row of cells");
        for (MarchingSquares.Segment s : segs) {
            assertEquals(0.33, s.x0(), 1e-12);
            assertEquals(0.33, s.x1(), 1e-12);
        }
    }

    @Test
    void aLevelOutsideTheRangeHasNoContour() {
        double[] xs = {0, 1, 2};
        double[] ys = {0, 1};
        assertTrue(MarchingSquares.contour(new double[] {0, 1, 2, 0, 1, 2}, xs, ys, 5).isEmpty());
    }

    @Test
    void aSaddleCellGetsTwoSegmentsDecidedByItsCentre() {
        double[] xs = {0, 1};
        double[] ys = {0, 1};
        // bl and tr high (1), br and tl low (0); mean 0.5 >= 0.4 joins the high corners, so the
        // segments cut off the low corners br and tl.
        List<MarchingSquares.Segment> segs = MarchingSquares.contour(new double[] {1, 0, 0, 1}, xs, ys, 0.4);
        assertEquals(2, segs.size());
        for (MarchingSquares.Segment s : segs) {
            double mx = (s.x0() + s.x1()) / 2;
            double my = (s.y0() + s.y1()) / 2;
            assertTrue(Math.abs(mx - my) > 0.5, "segment should sit near the br or tl corner, midpoint " + mx + "," + my);
        }
        segs = MarchingSquares.contour(new double[] {1, 0, 0, 1}, xs, ys, 0.6);
        for (MarchingSquares.Segment s : segs) {
            double mx = (s.x0() + s.x1()) / 2;
            double my = (s.y0() + s.y1()) / 2;
            assertTrue(Math.abs(mx - my) < 0.5, "segment should cut off bl or tr, midpoint " + mx + "," + my);
        }
    }

    @Test
    void cellsWithANonFiniteCornerAreSkipped() {
        double[] xs = {0, 1, 2};
        double[] ys = {0, 1};
        double[] v = {0, 1, Double.NaN, 0, 1, 2};
        List<MarchingSquares.Segment> segs = MarchingSquares.contour(v, xs, ys, 0.5);
        assertEquals(1, segs.size());
        assertEquals(0.5, segs.get(0).x0(), 1e-12);
    }

    @Test
    void mismatchedSizesAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MarchingSquares.contour(new double[5], new double[] {0, 1}, new double[] {0, 1}, 0));
        assertTrue(e.getMessage().contains("5 values for a 2x2 grid"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> MarchingSquares.contour(new double[2], new double[] {0}, new double[] {0, 1}, 0));
        assertTrue(e.getMessage().contains("at least 2x2"), e.getMessage());
    }
}
