package io.github.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jgrad.autodiff.GradCheck;
import io.github.jgrad.autodiff.Var;
import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

class DropoutTest {

    @Test
    void zeroesAboutAFractionPAndScalesSurvivorsByOneOverOneMinusP() {
        int n = 100_000;
        double p = 0.3;
        Var y = new Dropout(p, new Rng(1)).forward(Var.constant(Tensor.ones(DType.F32, Shape.of(n))));
        int zeros = 0;
        for (int i = 0; i < n; i++) {
            double v = y.value().getDouble(i);
            if (v == 0) {
                zeros++;
            } else {
                assertEquals(1 / (1 - p), v, 1e-6);
            }
        }
        // Binomial standard deviation of the rate: sqrt(p(1-p)/n) ~ 0.0014; allow 5 of them.
        assertEquals(p, zeros / (double) n, 0.0075);
    }

    @Test
    void evaluationModeIsTheIdentity() {
        Dropout d = new Dropout(0.5, new Rng(2));
        d.eval();
        Var x = Var.constant(Tensor.ones(DType.F32, Shape.of(10)));
        assertSame(x, d.forward(x));
        assertSame(x, new Dropout(0, new Rng(2)).forward(x));
    }

    @Test
    void theGradientIsTheSameMaskAndTheSameSeedGivesTheSameMask() {
        Tensor x = LayerTestSupport.randn(3, 4, 5);
        Var leaf = Var.leaf(x);
        Var y = new Dropout(0.5, new Rng(9)).forward(leaf);
        y.sum().backward();
        Tensor again = new Dropout(0.5, new Rng(9)).forward(Var.constant(x)).value();
        assertTrue(again.allClose(y.value(), 0, 0));
        for (int i = 0; i < x.size(); i++) {
            assertEquals(y.value().getDouble(i) / x.getDouble(i), leaf.grad().getDouble(i), 1e-12);
        }
        // A fresh generator with the same seed per call gives a fixed mask, so finite differences apply.
        GradCheck.gradcheck(v -> new Dropout(0.5, new Rng(9)).forward(v[0]), x);
        GradCheck.gradgradcheck(v -> new Dropout(0.5, new Rng(9)).forward(v[0]).square(), x);
    }

    @Test
    void probabilityMustBeInZeroToOne() {
        assertThrows(IllegalArgumentException.class, () -> new Dropout(-0.1, new Rng(0)));
        assertThrows(IllegalArgumentException.class, () -> new Dropout(1.0, new Rng(0)));
        assertThrows(IllegalArgumentException.class, () -> new Dropout(Double.NaN, new Rng(0)));
    }
}
