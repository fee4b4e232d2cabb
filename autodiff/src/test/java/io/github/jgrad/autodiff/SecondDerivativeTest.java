package io.github.jgrad.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Second derivatives from the engine against closed forms and against finite differences of the gradient. */
class SecondDerivativeTest {
    private static final double[] POINTS = {-2.5, -1.0, -0.3, 0.0, 0.4, 1.2, 3.0};

    /** d2/dx2 of an elementwise f at each point: the diagonal of the Hessian of sum f(x). */
    private static double[] secondDerivative(Function<Var, Var> f, double[] at) {
        Var x = Var.leaf(Tensor.of(at.clone(), at.length));
        Var dy = Grad.grad(f.apply(x).sum(), x, true);
        return Grad.grad(dy.sum(), x, false).value().toDoubleArray();
    }

    private static void assertClosedForm(Function<Var, Var> f, DoubleUnaryOperator expected) {
        double[] got = secondDerivative(f, POINTS);
        for (int i = 0; i < POINTS.length; i++) {
            double want = expected.applyAsDouble(POINTS[i]);
            assertEquals(want, got[i], 1e-12 * Math.max(1, Math.abs(want)), "at x = " + POINTS[i]);
        }
    }

    @Test
    void cubeHasSecondDerivativeSixX() {
        assertClosedForm(x -> x.pow(3), x -> 6 * x);
    }

    @Test
    void tanhHasSecondDerivativeMinusTwoTanhTimesSech2() {
        assertClosedForm(Var::tanh, x -> {
            double t = Math.tanh(x);
            return -2 * t * (1 - t * t);
        });
    }

    @Test
    void sigmoidHasSecondDerivativeSTimesOneMinusSTimesOneMinusTwoS() {
        assertClosedForm(Var::sigmoid, x -> {
            double s = 1 / (1 + Math.exp(-x));
            return s * (1 - s) * (1 - 2 * s);
        });
    }

    @Test
    void softplusHasSecondDerivativeSigmoidPrime() {
        assertClosedForm(Var::softplus, x -> {
            double s = 1 / (1 + Math.exp(-x));
            return s * (1 - s);
        });
    }

    @Test
    void thirdDerivativeOfExpTimesXIsExpTimesXPlusThree() {
        // f = x e^x: f''' = (x + 3) e^x; three nested createGraph gradients
        Var x = Var.leaf(Tensor.of(POINTS.clone(), POINTS.length));
        Var d1 = Grad.grad(x.mul(x.exp()).sum(), x, true);
        Var d2 = Grad.grad(d1.sum(), x, true);
        double[] d3 = Grad.grad(d2.sum(), x, false).value().toDoubleArray();
        for (int i = 0; i < POINTS.length; i++) {
            double want = (POINTS[i] + 3) * Math.exp(POINTS[i]);
            assertEquals(want, d3[i], 1e-12 * Math.max(1, Math.abs(want)));
        }
    }

    // ------------------------------------------------------------------ Hessian-vector products

    /** grad f at x (a fresh graph each time). */
    private static Tensor gradient(Function<Var, Var> f, Tensor x) {
        Var xv = Var.leaf(x.copy());
        return Grad.grad(f.apply(xv), xv, false).value();
    }

    /** H v as grad_x of {@code <grad f(x), v>}, with the first gradient recorded (createGraph). */
    private static Tensor hvp(Function<Var, Var> f, Tensor x, Tensor v) {
        Var xv = Var.leaf(x.copy());
        Var g = Grad.grad(f.apply(xv), xv, true);
        Var inner = g.mul(Var.constant(v)).sum();
        return Grad.grad(inner, xv, false).value();
    }

    /** (grad f(x + h v) - grad f(x - h v)) / 2h. */
    private static Tensor centralDifferenceOfGradient(Function<Var, Var> f, Tensor x, Tensor v, double h) {
        Tensor plus = gradient(f, x.add(v.mul(h)));
        Tensor minus = gradient(f, x.sub(v.mul(h)));
        return plus.sub(minus).div(2 * h);
    }

    @Test
    void hessianVectorProductOfSumTanhAxMatchesFiniteDifferenceOfGradient() {
        Rng rng = new Rng(2024);
        Tensor a = rng.normal(DType.F64, Shape.of(5, 4), 0, 0.7);
        Var av = Var.constant(a);
        Function<Var, Var> f = x -> av.matmul(x).tanh().sum();
        for (int trial = 0; trial < 3; trial++) {
            Tensor x = rng.normal(DType.F64, Shape.of(4, 1), 0, 1);
            Tensor v = rng.normal(DType.F64, Shape.of(4, 1), 0, 1);
            Tensor hv = hvp(f, x, v);
            Tensor fd = centralDifferenceOfGradient(f, x, v, 1e-5);
            assertAllClose(fd, hv, 1e-8);
            // closed form: H = A^T diag(-2 tanh(Ax) (1 - tanh^2(Ax))) A
            Tensor t = a.matmul(x).tanh();
            Tensor d = t.mul(t.square().neg().add(1)).mul(-2.0);
            Tensor exact = a.matmul(d.mul(a.matmul(v)), true, false);
            assertAllClose(exact, hv, 1e-12);
        }
    }

    @Test
    void hessianVectorProductOfQuarticMatchesClosedFormAndFiniteDifference() {
        // f(x) = sum x^4 + (sum x^2)^2;  H = diag(12 x^2) + 4 (sum x^2) I + 8 x x^T
        Function<Var, Var> f = x -> x.pow(4).sum().add(x.square().sum().square());
        Rng rng = new Rng(7);
        Tensor x = rng.normal(DType.F64, Shape.of(5), 0, 1);
        Tensor v = rng.normal(DType.F64, Shape.of(5), 0, 1);
        Tensor hv = hvp(f, x, v);
        double s = x.square().sum().item();
        double xv = Fixtures.dot(x, v);
        Tensor exact = x.square().mul(12.0).mul(v).add(v.mul(4 * s)).add(x.mul(8 * xv));
        assertAllClose(exact, hv, 1e-12);
        assertAllClose(centralDifferenceOfGradient(f, x, v, 1e-5), hv, 1e-7);
    }

    @Test
    void hessianOfTwoInputFunctionHasSymmetricCrossTerms() {
        // f(x, y) = sum(x^2 * y^3): d2f/dxdy = 6 x y^2 whichever order the derivatives are taken in
        Var x = Var.leaf(Tensor.of(new double[] {0.5, -1.5}, 2));
        Var y = Var.leaf(Tensor.of(new double[] {2.0, 0.7}, 2));
        Var f = x.square().mul(y.pow(3)).sum();
        List<Var> g = Grad.grad(List.of(f), List.of(x, y), null, true, true, false);
        Tensor dxdy = Grad.grad(List.of(g.get(0).sum()), List.of(y), null, false, true, false).get(0).value();
        Tensor dydx = Grad.grad(List.of(g.get(1).sum()), List.of(x), null, false, true, false).get(0).value();
        Tensor exact = x.value().mul(y.value().square()).mul(6.0);
        assertAllClose(exact, dxdy, 1e-14);
        assertAllClose(exact, dydx, 1e-14);
    }

    static void assertAllClose(Tensor expected, Tensor actual, double tol) {
        assertEquals(expected.shape(), actual.shape());
        for (int i = 0; i < expected.size(); i++) {
            double e = expected.getDouble(i);
            assertEquals(e, actual.getDouble(i), tol * Math.max(1, Math.abs(e)), "element " + i);
        }
    }
}
