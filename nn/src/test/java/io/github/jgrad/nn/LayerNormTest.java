package io.github.jgrad.nn;

import static io.github.jgrad.nn.LayerTestSupport.assertClose;
import static io.github.jgrad.nn.LayerTestSupport.f64;
import static io.github.jgrad.nn.LayerTestSupport.randn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jgrad.autodiff.GradCheck;
import io.github.jgrad.autodiff.Var;
import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class LayerNormTest {

    @Test
    void normalisesEachRowWithTheBiasedVarianceThenScalesAndShifts() {
        // Row [1, 2, 3, 4]: mean 2.5, biased variance 1.25. Row [0, 0, 0, 8]: mean 2, variance 12.
        LayerNorm ln = new LayerNorm(new int[] {4}, 1e-5, true, DType.F64);
        LayerTestSupport.set(ln.weight(), 1, 2, 1, 0.5);
        LayerTestSupport.set(ln.bias(), 0, 0, 1, -1);
        Var y = ln.forward(Var.constant(f64(new double[] {1, 2, 3, 4, 0, 0, 0, 8}, 2, 4)));
        double s1 = Math.sqrt(1.25 + 1e-5);
        double s2 = Math.sqrt(12 + 1e-5);
        assertClose(new double[] {
            -1.5 / s1, 2 * -0.5 / s1, 0.5 / s1 + 1, 0.5 * 1.5 / s1 - 1,
            -2 / s2, 2 * -2 / s2, -2 / s2 + 1, 0.5 * 6 / s2 - 1}, y.value(), 1e-12);
    }

    @Test
    void normalisesOverSeveralTrailingAxes() {
        // normalizedShape [2, 2]: each [2, 2] block of a [2, 2, 2] input is one group of four.
        LayerNorm ln = new LayerNorm(new int[] {2, 2}, 1e-5, false, DType.F64);
        Var y = ln.forward(Var.constant(f64(new double[] {1, 2, 3, 4, 10, 10, 10, 14}, 2, 2, 2)));
        double s1 = Math.sqrt(1.25 + 1e-5);
        double s2 = Math.sqrt(3 + 1e-5);
        assertClose(new double[] {-1.5 / s1, -0.5 / s1, 0.5 / s1, 1.5 / s1, -1 / s2, -1 / s2, -1 / s2, 3 / s2},
                y.value(), 1e-12);
    }

    @Test
    void startsAsThePlainNormalisationWithPyTorchNames() {
        LayerNorm ln = new LayerNorm(3);
        assertEquals(List.of("weight", "bias"), List.copyOf(ln.namedParameters().keySet()));
        assertClose(new double[] {1, 1, 1}, ln.weight().value(), 0);
        assertClose(new double[] {0, 0, 0}, ln.bias().value(), 0);
        assertEquals(DType.F32, ln.weight().value().dtype());
        assertTrue(new LayerNorm(new int[] {3}, 1e-5, false, DType.F32).namedParameters().isEmpty());
    }

    @Test
    void firstAndSecondDerivativesMatchFiniteDifferences() {
        LayerNorm ln = new LayerNorm(new int[] {2, 3}, 1e-5, true, DType.F64);
        Tensor x = randn(1, 2, 2, 3);
        Tensor w = randn(2, 2, 3);
        Tensor b = randn(3, 2, 3);
        GradCheck.gradcheck(v -> ln.forwardWith(v[0], v[1], v[2]), x, w, b);
        GradCheck.gradgradcheck(v -> ln.forwardWith(v[0], v[1], v[2]), x, w, b);
    }

    @Test
    void forwardRoutesGradientsToItsOwnParameters() {
        LayerNorm ln = new LayerNorm(new int[] {4}, 1e-5, true, DType.F64);
        LayerTestSupport.set(ln.weight(), 0.5, -1, 2, 1.5);
        LayerTestSupport.set(ln.bias(), 0.1, 0.2, 0.3, 0.4);
        ModuleGradCheck.checkModule(ln, randn(5, 3, 4));
    }
}
