package io.github.jgrad.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void secondDerivativeOfCube() {
        Var x = Var.leaf(Tensor.scalar(2.0, DType.F64));
        Var y = x.pow(3);
        Var dy = Grad.grad(y, x, true);
        assertEquals(12.0, dy.item(), 1e-12);
        Var d2y = Grad.grad(dy, x, true);
        assertEquals(12.0, d2y.item(), 1e-12);
        Var d3y = Grad.grad(d2y, x, false);
        assertEquals(6.0, d3y.item(), 1e-12);
    }

    @Test
    void mlpGradGrad() {
        Rng rng = new Rng(1);
        Tensor w = rng.normal(DType.F64, Shape.of(3, 4), 0, 1);
        Tensor xin = rng.normal(DType.F64, Shape.of(2, 3), 0, 1);
        GradCheck.gradcheck(v -> v[0].matmul(v[1]).tanh().sum(), xin, w);
        GradCheck.gradgradcheck(v -> v[0].matmul(v[1]).tanh().sum(), xin, w);
        GradCheck.gradgradcheck(v -> v[0].matmul(v[1], false, false).softplus().mul(v[0].sum()), xin, w);
    }
}
