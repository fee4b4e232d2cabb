package io.github.jgrad.wgan.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jgrad.autodiff.NoGrad;
import io.github.jgrad.autodiff.Var;
import io.github.jgrad.nn.Linear;
import io.github.jgrad.nn.Module;
import io.github.jgrad.nn.Parameter;
import io.github.jgrad.nn.ReLU;
import io.github.jgrad.nn.Sequential;
import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CriticMapTest {
    @TempDir
    Path dir;

    private static final Tensor NONE = Tensor.zeros(0, 2);

    /** A critic without parameters computing {@code f} from the [n, 2] input. */
    private static Module critic(Function<Tensor, Tensor> f) {
        return new Module() {
            @Override
            public Var forward(Var x) {
                return Var.constant(f.apply(x.value()));
            }
        };
    }

    /** f(x, y) = x, as a float32 linear layer without bias. */
    private static Module xCritic() {
        Linear lin = new Linear(2, 1, false, DType.F32, new Rng(1));
        lin.weight().value().setInPlace(0, 1).setInPlace(1, 0);
        return lin;
    }

    @Test
    void writesAPngOfTheDocumentedSize() throws IOException {
        Rng rng = new Rng(3);
        Module mlp = new Sequential(new Linear(2, 16, rng), new ReLU(), new Linear(16, 1, rng));
        Path png = dir.resolve("map.png");
        CriticMap.write(png, mlp, rng.normal(DType.F32, Shape.of(50, 2), 0, 1),
                rng.normal(DType.F32, Shape.of(40, 2), 0, 1), Bounds.TOY, "a random critic");
        Pixels.read(png, CriticMap.WIDTH, CriticMap.HEIGHT);
        assertEquals(List.of("map.png"), Pixels.names(dir));
    }

    @Test
    void aCriticRisingToTheRightIsColouredFromTheScaleMinimumAtTheLeftEdgeToItsMaximumAtTheRight()
            throws IOException {
        Path png = dir.resolve("x.png");
        CriticMap.write(png, xCritic(), NONE, NONE, Bounds.TOY, "f(x, y) = x");
        BufferedImage img = Pixels.read(png, CriticMap.WIDTH, CriticMap.HEIGHT);
        PixelMapping m = CriticMap.mapping(Bounds.TOY);
        for (int row : new int[] {m.top() + 100, m.top() + m.height() / 2 + 7, m.bottom() - 40}) {
            Pixels.assertColor(Colormap.VIRIDIS.rgb(0), Pixels.rgb(img, m.left(), row), 2, "left edge, row " + row);
            Pixels.assertColor(Colormap.VIRIDIS.rgb(1), Pixels.rgb(img, m.right() - 1, row), 2, "right edge, row " + row);
            // Between contour lines (at multiples of 0.5) the colour follows the value: x = 0.25.
            int col = (int) Math.floor(m.px(0.25));
            double x = m.dataX(col + 0.5);
            Pixels.assertColor(Colormap.VIRIDIS.rgb((x + 2) / 4), Pixels.rgb(img, col, row), 2, "x = 0.25, row " + row);
        }
    }

    @Test
    void aCriticRisingUpwardsHasItsMaximumColourAtTheTop() throws IOException {
        Path png = dir.resolve("y.png");
        CriticMap.write(png, critic(t -> t.slice(1, 1, 2)), NONE, NONE, Bounds.TOY, "f(x, y) = y");
        BufferedImage img = Pixels.read(png);
        PixelMapping m = CriticMap.mapping(Bounds.TOY);
        int col = m.left() + 200;
        Pixels.assertColor(Colormap.VIRIDIS.rgb(1), Pixels.rgb(img, col, m.top()), 2, "top edge");
        Pixels.assertColor(Colormap.VIRIDIS.rgb(0), Pixels.rgb(img, col, m.bottom() - 1), 2, "bottom edge");
    }

    @Test
    void contourLinesLieWhereTheCriticCrossesTheirLevel() throws IOException {
        // f = x has levels at multiples of 0.5; the column through x = -1 carries a line, drawn
        // in translucent white, so it is lighter than the colour map there.
        Path png = dir.resolve("contour.png");
        CriticMap.write(png, xCritic(), NONE, NONE, Bounds.TOY, "levels");
        BufferedImage img = Pixels.read(png);
        PixelMapping m = CriticMap.mapping(Bounds.TOY);
        int col = (int) Math.floor(m.px(-1.0));
        int row = m.top() + m.height() / 2 + 7;
        int under = Colormap.VIRIDIS.rgb(0.25);
        int a = Pixels.rgb(img, col - 1, row);
        int b = Pixels.rgb(img, col, row);
        assertTrue(Pixels.distance(under, a) > 30 || Pixels.distance(under, b) > 30,
                "no contour line at x = -1: " + Pixels.hex(a) + " " + Pixels.hex(b) + " over " + Pixels.hex(under));
        // Half way between two levels there is none.
        int between = (int) Math.floor(m.px(-0.75));
        Pixels.assertColor(Colormap.VIRIDIS.rgb((m.dataX(between + 0.5) + 2) / 4), Pixels.rgb(img, between, row), 2,
                "between levels");
    }

    @Test
    void samplesAreDotsAtTheirMappedPixels() throws IOException {
        Path png = dir.resolve("dots.png");
        Tensor real = Tensor.of(new double[] {0.5, -0.7, -1.5, -1.5}, 2, 2);
        Tensor fake = Tensor.of(new double[] {-1.0, 0.8}, 1, 2);
        CriticMap.write(png, xCritic(), real, fake, Bounds.TOY, "dots");
        BufferedImage img = Pixels.read(png);
        PixelMapping m = CriticMap.mapping(Bounds.TOY);
        int realRgb = CriticMap.REAL.getRGB() & 0xFFFFFF;
        int fakeRgb = CriticMap.FAKE.getRGB() & 0xFFFFFF;
        assertEquals(realRgb, Pixels.rgb(img, (int) Math.floor(m.px(0.5)), (int) Math.floor(m.py(-0.7))));
        assertEquals(realRgb, Pixels.rgb(img, (int) Math.floor(m.px(-1.5)), (int) Math.floor(m.py(-1.5))));
        assertEquals(fakeRgb, Pixels.rgb(img, (int) Math.floor(m.px(-1.0)), (int) Math.floor(m.py(0.8))));
        // Away from the dots the map shows through.
        int empty = Pixels.rgb(img, (int) Math.floor(m.px(1.2)), (int) Math.floor(m.py(1.2)));
        assertTrue(Pixels.distance(empty, realRgb) > 40 && Pixels.distance(empty, fakeRgb) > 40);
    }

    @Test
    void dataToPixelMappingPutsTheBoundsOnThePlotAreaEdgesWithYUpwards() {
        PixelMapping m = CriticMap.mapping(Bounds.TOY);
        assertEquals(CriticMap.AREA_LEFT, m.px(-2), 1e-9);
        assertEquals(CriticMap.AREA_LEFT + CriticMap.AREA, m.px(2), 1e-9);
        assertEquals(CriticMap.AREA_TOP, m.py(2), 1e-9);
        assertEquals(CriticMap.AREA_TOP + CriticMap.AREA, m.py(-2), 1e-9);
        assertEquals(CriticMap.AREA_LEFT + CriticMap.AREA / 2.0, m.px(0), 1e-9);
        assertEquals(0.75, m.dataX(m.px(0.75)), 1e-12);
        assertEquals(-1.25, m.dataY(m.py(-1.25)), 1e-12);
    }

    @Test
    void wideBoundsKeepTheirAspectRatio() {
        PixelMapping m = CriticMap.mapping(new Bounds(0, 4, 0, 2));
        assertEquals(CriticMap.AREA, m.width());
        assertEquals(CriticMap.AREA / 2, m.height());
        assertEquals(m.px(1) - m.px(0), m.py(0) - m.py(1), 1e-9, "one data unit spans the same pixels on both axes");
    }

    @Test
    void theCriticIsEvaluatedOnceOnTheWholeGridWithoutGraphInItsParameterDtype() {
        List<String> calls = new ArrayList<>();
        Module f64 = new Module() {
            {
                registerParameter("w", new Parameter(Tensor.zeros(DType.F64, Shape.of(1))));
            }

            @Override
            public Var forward(Var x) {
                calls.add(x.shape() + " " + x.dtype() + " grad=" + NoGrad.isGradEnabled());
                return Var.constant(x.value().slice(1, 0, 1));
            }
        };
        CriticField field = CriticField.evaluate(f64, Bounds.TOY, 200);
        assertEquals(List.of("[40000, 2] F64 grad=false"), calls);
        assertEquals(-2, field.lo, 1e-12);
        assertEquals(2, field.hi, 1e-12);
        // Node (i, j) is (xs[i], ys[j]), row-major by y.
        assertEquals(field.xs[7], field.values[3 * 200 + 7], 1e-12);

        calls.clear();
        Module none = new Module() {
            @Override
            public Var forward(Var x) {
                calls.add(x.shape() + " " + x.dtype());
                return Var.constant(x.value().slice(1, 0, 1).reshape(x.shape().dim(0)));
            }
        };
        CriticField.evaluate(none, Bounds.TOY, 5);
        assertEquals(List.of("[25, 2] F32"), calls);
    }

    @Test
    void flatOrNonFiniteCriticsStillRender() throws IOException {
        Path flat = dir.resolve("flat.png");
        CriticMap.write(flat, critic(t -> Tensor.zeros(t.dim(0), 1)), NONE, NONE, Bounds.TOY, "constant");
        Pixels.read(flat, CriticMap.WIDTH, CriticMap.HEIGHT);

        Path holes = dir.resolve("nan.png");
        Module nanLeft = critic(t -> {
            double[] v = new double[t.dim(0)];
            for (int i = 0; i < v.length; i++) {
                double x = t.get(i, 0);
                v[i] = x < 0 ? Double.NaN : 1e7 * x;
            }
            return Tensor.of(v, v.length, 1);
        });
        CriticMap.write(holes, nanLeft, NONE, NONE, Bounds.TOY, "NaN on the left, 1e7 x on the right");
        BufferedImage img = Pixels.read(holes);
        PixelMapping m = CriticMap.mapping(Bounds.TOY);
        assertEquals(Colormap.NAN_RGB, Pixels.rgb(img, m.left() + 10, m.top() + 260));
        Pixels.assertColor(Colormap.VIRIDIS.rgb(1), Pixels.rgb(img, m.right() - 1, m.top() + 260), 2, "right edge");
    }

    @Test
    void badArgumentsAreRejectedWithTheProblemNamed() {
        Path png = dir.resolve("bad.png");
        Module c = xCritic();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CriticMap.write(png, c, Tensor.zeros(5, 3), NONE, Bounds.TOY, "t"));
        assertTrue(e.getMessage().contains("real samples") && e.getMessage().contains("[5, 3]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> CriticMap.write(png, c, NONE, Tensor.zeros(2, 2, 2), Bounds.TOY, "t"));
        assertTrue(e.getMessage().contains("generated samples") && e.getMessage().contains("[n, 2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CriticMap.write(png, null, NONE, NONE, Bounds.TOY, "t"));
        assertTrue(e.getMessage().contains("critic"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CriticMap.write(png, c, NONE, NONE, null, "t"));
        assertTrue(e.getMessage().contains("bounds"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CriticMap.write(png, c, NONE, NONE, Bounds.TOY, "t", 1));
        assertTrue(e.getMessage().contains("grid"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> CriticMap.write(png, critic(t -> Tensor.zeros(3, 1)), NONE, NONE, Bounds.TOY, "t"));
        assertTrue(e.getMessage().contains("one value per point"), e.getMessage());
        assertFalse(png.toFile().exists());
    }
}
