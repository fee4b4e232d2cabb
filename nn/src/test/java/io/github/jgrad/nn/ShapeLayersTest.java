package io.github.jgrad.nn;

import static io.github.jgrad.nn.LayerTestSupport.assertClose;
import static io.github.jgrad.nn.LayerTestSupport.randn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.jgrad.autodiff.GradCheck;
import io.github.jgrad.autodiff.Var;
import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ShapeLayersTest {

    @Test
    void flattenMergesEverythingAfterTheBatchAxisInRowMajorOrder() {
        Tensor x = Tensor.arange(0, 12, 1, DType.F64).reshape(2, 3, 2);
        Var y = new Flatten().forward(Var.constant(x));
        assertEquals(Shape.of(2, 6), y.shape());
        assertClose(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, y.value(), 0);
        assertThrows(IllegalArgumentException.class,
                () -> new Flatten().forward(Var.constant(Tensor.zeros(DType.F64, Shape.of(3)))));
    }

    @Test
    void reshapeKeepsTheBatchAxisAndInfersMinusOne() {
        Tensor x = Tensor.arange(0, 12, 1, DType.F64).reshape(2, 6);
        Var y = new Reshape(3, -1).forward(Var.constant(x));
        assertEquals(Shape.of(2, 3, 2), y.shape());
        assertEquals(7.0, y.value().get(1, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Reshape(5).forward(Var.constant(x)));
    }

    @Test
    void derivativesMatchFiniteDifferences() {
        Tensor x = randn(1, 2, 3, 2);
        GradCheck.gradcheck(v -> new Flatten().forward(v[0]), x);
        GradCheck.gradgradcheck(v -> new Flatten().forward(v[0]).square(), x);
        GradCheck.gradcheck(v -> new Reshape(2, 3).forward(v[0]), x);
        GradCheck.gradgradcheck(v -> new Reshape(2, 3).forward(v[0]).square(), x);
    }
}
