package io.github.jgrad.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExplainTest {
    @Test
    void cubeIsExplainedStepByStepWithTheRuleAndTheSumsWhereGradientsMeet() {
        Var x = Var.leaf(Tensor.scalar(2.0, DType.F64));
        Var y = x.mul(x).mul(x);
        Explain.Explanation e = Explain.backward(y).name(x, "x").name(y, "y").run();
        String expected = String.join("\n",
                "backward from y, seeded with gradient 1",
                "step 1: y = mul(t1, x)  scalar, value 8",
                "  gradient in: 1",
                "  rule:        " + Op.MUL.backwardRule(),
                "  to t1: 2",
                "  to x: 4",
                "step 2: t1 = mul(x, x)  scalar, value 4",
                "  gradient in: 2",
                "  rule:        " + Op.MUL.backwardRule(),
                "  to x: 4  (added to what it had: now 8)",
                "  to x: 4  (added to what it had: now 12)",
                "result:",
                "  dy/dx = 12",
                "");
        assertEquals(expected, e.text());
        assertEquals(12.0, e.gradients().get(0).item(), 0);
        assertNull(x.grad(), "explaining does not accumulate into leaves");
    }

    @Test
    void withCreateGraphTheSecondDerivativeCanBeExplainedInTurn() {
        Var x = Var.leaf(Tensor.scalar(2.0, DType.F64));
        Var y = x.mul(x).mul(x);
        Var dy = Explain.backward(y).createGraph(true).wrt(x).gradients().get(0);
        assertTrue(dy.requiresGrad());
        Explain.Explanation second = Explain.backward(dy).name(x, "x").run();
        assertEquals(12.0, second.gradients().get(0).item(), 1e-12); // 6x
        assertTrue(second.text().endsWith("/dx = 12\n"), second.text());
        // The explained pass left the graph alive: the engine can still run through it.
        assertEquals(12.0, Grad.grad(y, x, false).item(), 1e-12);
    }

    @Test
    void twoLayerCriticGradientsEqualTheEnginesAndReluBlocksWhatItMasks() {
        Rng rng = new Rng(5);
        Var w1 = Var.leaf(rng.normal(DType.F64, Shape.of(3, 2), 0, 1));
        Var b1 = Var.leaf(rng.normal(DType.F64, Shape.of(3), 0, 1));
        Var w2 = Var.leaf(rng.normal(DType.F64, Shape.of(1, 3), 0, 1));
        Var x = Var.leaf(rng.normal(DType.F64, Shape.of(4, 2), 0, 1), false);
        Var d = LinalgOps.linear(LinalgOps.linear(x, w1, b1).relu(), w2, null).mean();
        Explain.Explanation e = Explain.backward(d).name(w1, "W1").name(b1, "b1").name(w2, "w2").run();
        List<Var> expected = Grad.grad(List.of(d), List.of(w1, b1, w2), null, false, true, false);
        for (int i = 0; i < 3; i++) {
            Tensor want = expected.get(i).value();
            Tensor got = e.gradients().get(i).value();
            for (int k = 0; k < want.size(); k++) {
                assertEquals(want.getDouble(k), got.getDouble(k), 1e-12);
            }
        }
        assertTrue(e.text().contains("rule:        " + Op.RELU.backwardRule()), e.text());
        assertTrue(e.text().contains("rule:        " + Op.LINEAR.backwardRule()), e.text());
        assertTrue(e.text().contains("dt4/dW1 = [[0, 0], ["), e.text()); // unit 0 and 2 are off for every sample
    }

    @Test
    void aConstantOutputHasNoBackwardToExplain() {
        Var c = Var.constant(Tensor.scalar(1.0, DType.F64));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Explain.backward(c.exp()));
        assertTrue(e.getMessage().contains("does not require a gradient"), e.getMessage());
        Var v = Var.leaf(Tensor.ones(2, 2));
        e = assertThrows(IllegalArgumentException.class, () -> Explain.backward(v.exp()));
        assertTrue(e.getMessage().contains("[2, 2]") && e.getMessage().contains("sum"), e.getMessage());
    }
}
