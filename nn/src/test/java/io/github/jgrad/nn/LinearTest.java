package io.github.jgrad.nn;

import static io.github.jgrad.nn.LayerTestSupport.assertClose;
import static io.github.jgrad.nn.LayerTestSupport.f64;
import static io.github.jgrad.nn.LayerTestSupport.randn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jgrad.autodiff.GradCheck;
import io.github.jgrad.autodiff.Var;
import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinearTest {

    @Test
    void computesXTimesWeightTransposedPlusBias() {
        Linear lin = new Linear(2, 3, true, DType.F64, new Rng(0));
        LayerTestSupport.set(lin.weight(), 1, 2, 3, 4, 5, 6);
        LayerTestSupport.set(lin.bias(), 0.5, -0.5, 1);
        Var y = lin.forward(Var.constant(f64(new double[] {1, -1, 2, 0.5}, 2, 2)));
        assertClose(new double[] {-0.5, -1.5, 0, 3.5, 7.5, 14}, y.value(), 1e-12);
    }

    @Test
    void firstAndSecondDerivativesMatchFiniteDifferences() {
        Linear lin = new Linear(3, 2, true, DType.F64, new Rng(1));
        Tensor x = randn(2, 4, 3);
        GradCheck.gradcheck(v -> lin.forward(v[0]), x);
        GradCheck.gradgradcheck(v -> lin.forward(v[0]).square(), x);
        ModuleGradCheck.checkModule(lin, x);
    }

    @Test
    void defaultInitIsUniformWithinOneOverSqrtIn() {
        Linear lin = new Linear(16, 64, new Rng(3));
        double bound = 0.25;
        for (Tensor t : List.of(lin.weight().value(), lin.bias().value())) {
            for (int i = 0; i < t.size(); i++) {
                assertTrue(Math.abs(t.getDouble(i)) <= bound);
            }
        }
        assertEquals(Shape.of(64, 16), lin.weight().value().shape());
        assertNull(new Linear(2, 2, false, DType.F32, new Rng(0)).bias());
    }
}
