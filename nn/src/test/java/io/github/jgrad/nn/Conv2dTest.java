package io.github.jgrad.nn;

import static io.github.jgrad.nn.LayerTestSupport.assertClose;
import static io.github.jgrad.nn.LayerTestSupport.f64;
import static io.github.jgrad.nn.LayerTestSupport.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jgrad.autodiff.GradCheck;
import io.github.jgrad.autodiff.Var;
import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Conv2dTest {

    private static Conv2d f64Conv(int in, int out, int k, int s, int p, int d, boolean bias) {
        return new Conv2d(in, out, k, s, p, d, bias, DType.F64, new Rng(7));
    }

    @Test
    void twoByTwoDifferenceKernelGivesHandComputedValues() {
        // x = 1..9 in a 3x3 grid; kernel [[1, 0], [0, -1]] computes x[i][j] - x[i+1][j+1] = -4 everywhere.
        Conv2d conv = f64Conv(1, 1, 2, 1, 0, 1, true);
        LayerTestSupport.set(conv.weight(), 1, 0, 0, -1);
        LayerTestSupport.set(conv.bias(), 0.5);
        Var y = conv.forward(Var.constant(f64(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}, 1, 1, 3, 3)));
        assertClose(new double[] {-3.5, -3.5, -3.5, -3.5}, y.value(), 1e-12);
        assertEquals(Shape.of(1, 1, 2, 2), y.shape());
    }

    @Test
    void paddingReadsZerosAtTheBorder() {
        // All-ones 3x3 kernel over a 2x2 image of ones with padding 1: every output sees all 4 pixels.
        Conv2d conv = f64Conv(1, 1, 3, 1, 1, 1, false);
        LayerTestSupport.set(conv.weight(), 1, 1, 1, 1, 1, 1, 1, 1, 1);
        Var y = conv.forward(Var.constant(Tensor.ones(DType.F64, Shape.of(1, 1, 2, 2))));
        assertClose(new double[] {4, 4, 4, 4}, y.value(), 1e-12);
    }

    @ParameterizedTest(name = "k={0} stride={1} pad={2} dilation={3}")
    @CsvSource({"3,1,0,1", "3,2,1,1", "3,1,2,2", "2,2,0,1", "4,2,1,1", "1,1,0,1", "2,3,1,2"})
    void matchesTheNaiveConvolutionLoop(int k, int s, int p, int d) {
        Conv2d conv = f64Conv(2, 3, k, s, p, d, true);
        Tensor x = randn(11, 2, 2, 5, 6);
        Tensor expected = ConvReference.conv2d(x, conv.weight().value(), conv.bias().value(), s, p, d);
        Var y = conv.forward(Var.constant(x));
        assertClose(expected, y.value(), 1e-12);
        assertEquals(conv.outputSize(5), y.shape().dim(2));
        assertEquals(conv.outputSize(6), y.shape().dim(3));
    }

    @Test
    void float32LayerAgreesWithTheFloat64Reference() {
        Conv2d conv = new Conv2d(2, 3, 3, 2, 1, new Rng(3));
        Tensor x = randn(5, 2, 2, 5, 5);
        Tensor expected = ConvReference.conv2d(x, conv.weight().value().to(DType.F64),
                conv.bias().value().to(DType.F64), 2, 1, 1);
        Var y = conv.forward(Var.constant(x.to(DType.F32)));
        assertEquals(DType.F32, y.dtype());
        assertClose(expected, y.value(), 1e-5);
    }

    @ParameterizedTest(name = "k={0} stride={1} pad={2} dilation={3}")
    @CsvSource({"3,2,1,1", "3,1,1,2"})
    void firstAndSecondDerivativesMatchFiniteDifferences(int k, int s, int p, int d) {
        Conv2d conv = f64Conv(2, 2, k, s, p, d, true);
        Tensor x = randn(1, 2, 2, 5, 5);
        Tensor w = conv.weight().value().copy();
        Tensor b = conv.bias().value().copy();
        GradCheck.gradcheck(v -> conv.forwardWith(v[0], v[1], v[2]), x, w, b);
        GradCheck.gradgradcheck(v -> conv.forwardWith(v[0], v[1], v[2]), x, w, b);
    }

    @Test
    void forwardRoutesGradientsToItsOwnParameters() {
        ModuleGradCheck.checkModule(f64Conv(2, 2, 3, 2, 1, 1, true), randn(2, 2, 2, 4, 4));
    }

    @Test
    void aSubstituteWeightKeepsTheLayersBias() {
        // The WeightedLayer contract that spectral normalisation relies on.
        Conv2d conv = f64Conv(2, 3, 3, 2, 1, 1, true);
        Tensor x = randn(6, 2, 2, 5, 5);
        Tensor w = randn(7, 3, 2, 3, 3);
        assertClose(ConvReference.conv2d(x, w, conv.bias().value(), 2, 1, 1),
                conv.forwardWith(Var.constant(x), Var.constant(w)).value(), 1e-12);
        assertThrows(IllegalArgumentException.class,
                () -> conv.forwardWith(Var.constant(x), Var.constant(randn(7, 3, 2, 2, 2))));
    }

    @Test
    void withoutBiasThereIsOnlyAWeight() {
        Conv2d conv = f64Conv(2, 3, 3, 1, 0, 1, false);
        assertNull(conv.bias());
        assertEquals(List.of("weight"), List.copyOf(conv.namedParameters().keySet()));
        Tensor x = randn(4, 1, 2, 4, 4);
        assertClose(ConvReference.conv2d(x, conv.weight().value(), null, 1, 0, 1),
                conv.forward(Var.constant(x)).value(), 1e-12);
    }

    @Test
    void defaultInitIsUniformWithinOneOverSqrtFanIn() {
        Conv2d conv = new Conv2d(4, 8, 3, new Rng(1));
        assertArrayEquals(new int[] {8, 4, 3, 3}, conv.weight().value().shape().toArray());
        double bound = 1 / Math.sqrt(4 * 3 * 3);
        for (Tensor t : List.of(conv.weight().value(), conv.bias().value())) {
            double max = 0;
            for (int i = 0; i < t.size(); i++) {
                max = Math.max(max, Math.abs(t.getDouble(i)));
            }
            assertTrue(max <= bound, "max |value| " + max + " exceeds " + bound);
            assertTrue(max > 0.7 * bound, "values should spread up to the bound, max " + max);
        }
        Conv2d again = new Conv2d(4, 8, 3, new Rng(1));
        assertArrayEquals(conv.weight().value().toFloatArray(), again.weight().value().toFloatArray());
    }

    @Test
    void mnistCriticLayerHalvesTheImage() {
        Conv2d conv = new Conv2d(1, 64, 4, 2, 1, new Rng(0));
        Var y = conv.forward(Var.constant(Tensor.zeros(DType.F32, Shape.of(2, 1, 28, 28))));
        assertEquals(Shape.of(2, 64, 14, 14), y.shape());
    }
}
