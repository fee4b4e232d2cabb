package io.github.jgrad.nn;

import static io.github.jgrad.nn.LayerTestSupport.assertClose;
import static io.github.jgrad.nn.LayerTestSupport.f64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.jgrad.autodiff.Grad;
import io.github.jgrad.autodiff.GradCheck;
import io.github.jgrad.autodiff.Var;
import io.github.jgrad.tensor.Tensor;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ActivationsTest {
    private static final double LN3 = Math.log(3);

    private static Tensor eval(Module m, double... x) {
        return m.forward(Var.constant(f64(x, x.length))).value();
    }

    @Test
    void reluKeepsPositivesOnly() {
        assertClose(new double[] {0, 0, 0, 0.5, 3}, eval(new ReLU(), -2, -0.5, 0, 0.5, 3), 0);
    }

    @Test
    void leakyReluScalesNegativesBySlope() {
        assertClose(new double[] {-0.4, -0.1, 0.5, 3}, eval(new LeakyReLU(0.2), -2, -0.5, 0.5, 3), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> new LeakyReLU(Double.NaN));
    }

    @Test
    void tanhSigmoidAndSoftplusAtLogThree() {
        // tanh(ln 3) = (9 - 1) / (9 + 1); sigmoid(+-ln 3) = 3/4, 1/4; softplus(ln 3) = ln 4, softplus(0) = ln 2.
        assertClose(new double[] {-0.8, 0, 0.8}, eval(new Tanh(), -LN3, 0, LN3), 1e-15);
        assertClose(new double[] {0.25, 0.5, 0.75}, eval(new Sigmoid(), -LN3, 0, LN3), 1e-15);
        assertClose(new double[] {Math.log(4.0 / 3), Math.log(2), Math.log(4)}, eval(new Softplus(), -LN3, 0, LN3),
                1e-15);
        // No overflow for large inputs.
        assertClose(new double[] {0, 1000}, eval(new Softplus(), -1000, 1000), 1e-12);
    }

    @Test
    void eluIsIdentityAboveZeroAndSaturatesAtMinusAlphaBelow() {
        // 1.5 * (e^{-ln 2} - 1) = -0.75; e^{-1000} - 1 = -1 to double precision.
        assertClose(new double[] {-0.75, 0, 2, -1.5, 1000}, eval(new ELU(1.5), -Math.log(2), 0, 2, -1000, 1000),
                1e-15);
        assertEquals(1.0, new ELU().alpha());
        assertThrows(IllegalArgumentException.class, () -> new ELU(Double.POSITIVE_INFINITY));
    }

    @Test
    void eluDerivativesAtZeroAndFarOutAreFinite() {
        // PyTorch's convention: the x <= 0 branch owns 0, so the slope there is alpha.
        Var x = Var.leaf(f64(new double[] {0, 1000, -1000, -1, 1}, 5));
        Var y = new ELU(1.5).forward(x);
        Var g = Grad.grad(List.of(y.sum()), List.of(x), null, true, true, false).get(0);
        assertClose(new double[] {1.5, 1, 0, 1.5 * Math.exp(-1), 1}, g.value(), 1e-15);
        Var gg = Grad.grad(List.of(g.sum()), List.of(x), null, false, false, true).get(0);
        assertClose(new double[] {1.5, 0, 0, 1.5 * Math.exp(-1), 0}, gg.value(), 1e-15);
    }

    static Stream<Arguments> activations() {
        return Stream.of(
                Arguments.of("ReLU", (Supplier<Module>) ReLU::new),
                Arguments.of("LeakyReLU(0.2)", (Supplier<Module>) () -> new LeakyReLU(0.2)),
                Arguments.of("Tanh", (Supplier<Module>) Tanh::new),
                Arguments.of("Sigmoid", (Supplier<Module>) Sigmoid::new),
                Arguments.of("Softplus", (Supplier<Module>) Softplus::new),
                Arguments.of("ELU(1)", (Supplier<Module>) ELU::new),
                Arguments.of("ELU(0.7)", (Supplier<Module>) () -> new ELU(0.7)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void firstAndSecondDerivativesMatchFiniteDifferencesAwayFromKinks(String name, Supplier<Module> make) {
        Module m = make.get();
        Tensor x = f64(new double[] {-1.3, -0.4, 0.7, 2.1, 0.25, -2.2}, 2, 3);
        GradCheck.gradcheck(v -> m.forward(v[0]), x);
        GradCheck.gradgradcheck(v -> m.forward(v[0]), x);
        // Squared, so that the piecewise-linear ones have a non-zero second derivative to check too.
        GradCheck.gradgradcheck(v -> m.forward(v[0]).square(), x);
    }
}
