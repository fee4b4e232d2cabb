package io.github.jgrad.nn;

import static io.github.jgrad.nn.LayerTestSupport.assertClose;
import static io.github.jgrad.nn.LayerTestSupport.f64;
import static io.github.jgrad.nn.LayerTestSupport.randn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jgrad.autodiff.GradCheck;
import io.github.jgrad.autodiff.Var;
import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConvTranspose2dTest {

    private static ConvTranspose2d f64ConvT(int in, int out, int k, int s, int p, int op, int d, boolean bias) {
        return new ConvTranspose2d(in, out, k, s, p, op, d, bias, DType.F64, new Rng(9));
    }

    @Test
    void strideOneSumsOverlappingKernelCopies() {
        // Each pixel of [[1, 2], [3, 4]] adds itself times a 2x2 block of ones; overlaps add up.
        ConvTranspose2d t = f64ConvT(1, 1, 2, 1, 0, 0, 1, true);
        LayerTestSupport.set(t.weight(), 1, 1, 1, 1);
        LayerTestSupport.set(t.bias(), 0.25);
        Var y = t.forward(Var.constant(f64(new double[] {1, 2, 3, 4}, 1, 1, 2, 2)));
        assertClose(new double[] {1.25, 3.25, 2.25, 4.25, 10.25, 6.25, 3.25, 7.25, 4.25}, y.value(), 1e-12);
    }

    @Test
    void strideTwoPlacesNonOverlappingBlocks() {
        // Kernel [[1, 2], [3, 4]] at stride 2: pixel v fills its own 2x2 block with v * kernel.
        ConvTranspose2d t = f64ConvT(1, 1, 2, 2, 0, 0, 1, false);
        LayerTestSupport.set(t.weight(), 1, 2, 3, 4);
        Var y = t.forward(Var.constant(f64(new double[] {1, -1, 2, 0}, 1, 1, 2, 2)));
        assertClose(new double[] {
            1, 2, -1, -2,
            3, 4, -3, -4,
            2, 4, 0, 0,
            6, 8, 0, 0}, y.value(), 1e-12);
    }

    @ParameterizedTest(name = "k={0} stride={1} pad={2} outputPadding={3} dilation={4}")
    @CsvSource({"4,2,1,0,1", "3,2,1,1,1", "3,1,0,0,2", "3,1,1,1,2", "2,3,0,2,1", "3,2,2,1,2", "1,1,0,0,1",
        "2,1,0,1,3"})
    void matchesTheScatterDefinition(int k, int s, int p, int op, int d) {
        ConvTranspose2d t = f64ConvT(2, 3, k, s, p, op, d, true);
        Tensor x = randn(12, 2, 2, 4, 3);
        Tensor expected = ConvReference.convTranspose2d(x, t.weight().value(), t.bias().value(), s, p, op, d);
        Var y = t.forward(Var.constant(x));
        assertEquals(Shape.of(2, 3, t.outputSize(4), t.outputSize(3)), y.shape());
        assertClose(expected, y.value(), 1e-12);
    }

    @Test
    void isTheAdjointOfConv2dWithTheSameWeight() {
        // <conv(x), u> == <x, convT(u)> when convT uses conv's weight ([out, in, k, k] read as [in', out', k, k]).
        Conv2d conv = new Conv2d(2, 3, 3, 2, 1, 1, false, DType.F64, new Rng(1));
        ConvTranspose2d t = f64ConvT(3, 2, 3, 2, 1, 1, 1, false);
        t.weight().value().copyFromInPlace(conv.weight().value());
        Tensor x = randn(2, 2, 2, 6, 6);
        Tensor u = randn(3, 2, 3, 3, 3);
        Tensor cx = conv.forward(Var.constant(x)).value();
        Tensor tu = t.forward(Var.constant(u)).value();
        assertEquals(x.shape(), tu.shape());
        double lhs = cx.mul(u).sum().item();
        double rhs = x.mul(tu).sum().item();
        assertEquals(lhs, rhs, 1e-10 * Math.max(1, Math.abs(lhs)));
    }

    @Test
    void aSubstituteWeightKeepsTheLayersBias() {
        ConvTranspose2d t = f64ConvT(2, 3, 3, 2, 1, 1, 1, true);
        Tensor x = randn(6, 2, 2, 3, 3);
        Tensor w = randn(7, 2, 3, 3, 3);
        assertClose(ConvReference.convTranspose2d(x, w, t.bias().value(), 2, 1, 1, 1),
                t.forwardWith(Var.constant(x), Var.constant(w)).value(), 1e-12);
        assertThrows(IllegalArgumentException.class,
                () -> t.forwardWith(Var.constant(x), Var.constant(randn(7, 3, 2, 3, 3))));
    }

    @Test
    void mnistGeneratorLayersDoubleTheImage() {
        ConvTranspose2d up1 = new ConvTranspose2d(8, 4, 4, 2, 1, new Rng(0));
        ConvTranspose2d up2 = new ConvTranspose2d(4, 1, 4, 2, 1, new Rng(1));
        Var y = up2.forward(up1.forward(Var.constant(Tensor.zeros(DType.F32, Shape.of(2, 8, 7, 7)))));
        assertEquals(Shape.of(2, 1, 28, 28), y.shape());
    }

    @Test
    void outputSizeFollowsThePyTorchFormula() {
        assertEquals(10, f64ConvT(1, 1, 3, 2, 1, 1, 1, false).outputSize(5));
        assertEquals(9, f64ConvT(1, 1, 3, 2, 1, 0, 1, false).outputSize(5));
        assertEquals(9, f64ConvT(1, 1, 3, 1, 0, 0, 2, false).outputSize(5));
        assertEquals(8, f64ConvT(1, 1, 3, 1, 1, 1, 2, false).outputSize(5));
    }

    @Test
    void outputPaddingMustBeBelowStrideOrDilation() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> f64ConvT(1, 1, 3, 2, 1, 2, 1, false));
        assertTrue(e.getMessage().contains("outputPadding 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> f64ConvT(1, 1, 3, 1, 0, 1, 1, false));
        f64ConvT(1, 1, 3, 1, 0, 1, 2, false); // allowed by the dilation, as in PyTorch
        assertThrows(IllegalArgumentException.class, () -> f64ConvT(1, 1, 3, 2, 0, -1, 1, false));
    }

    @ParameterizedTest(name = "k={0} stride={1} pad={2} outputPadding={3} dilation={4}")
    @CsvSource({"3,2,1,1,1", "2,1,1,0,2", "2,1,0,1,2"})
    void firstAndSecondDerivativesMatchFiniteDifferences(int k, int s, int p, int op, int d) {
        ConvTranspose2d t = f64ConvT(2, 2, k, s, p, op, d, true);
        Tensor x = randn(3, 2, 2, 3, 3);
        Tensor w = t.weight().value().copy();
        Tensor b = t.bias().value().copy();
        GradCheck.gradcheck(v -> t.forwardWith(v[0], v[1], v[2]), x, w, b);
        GradCheck.gradgradcheck(v -> t.forwardWith(v[0], v[1], v[2]), x, w, b);
    }

    @Test
    void forwardRoutesGradientsToItsOwnParameters() {
        ModuleGradCheck.checkModule(f64ConvT(2, 2, 3, 2, 1, 1, 1, true), randn(4, 1, 2, 2, 2));
    }

    @Test
    void defaultInitUsesPyTorchsFanInForTheTransposedLayout() {
        // PyTorch computes fan-in from weight.size(1) * k * k = outChannels * k * k for this layer.
        ConvTranspose2d t = new ConvTranspose2d(16, 2, 3, new Rng(5));
        double bound = 1 / Math.sqrt(2 * 3 * 3);
        double max = 0;
        Tensor w = t.weight().value();
        for (int i = 0; i < w.size(); i++) {
            max = Math.max(max, Math.abs(w.getDouble(i)));
        }
        assertTrue(max <= bound && max > 0.9 * bound, "max |w| " + max + ", bound " + bound);
        assertEquals(Shape.of(16, 2, 3, 3), w.shape());
    }
}
