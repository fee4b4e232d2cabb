package io.github.jgrad.wgan.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jgrad.autodiff.CompositeOps;
import io.github.jgrad.autodiff.Grad;
import io.github.jgrad.autodiff.Var;
import io.github.jgrad.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraphExamplesTest {
    @Test
    void theCubesGradientGraphHasBackwardNodesAndItsSecondPassGivesSixX() {
        GraphExamples.Example cube = GraphExamples.cube();
        assertEquals(12.0, cube.explanations()[0].gradients().get(0).item(), 0);
        assertEquals(12.0, cube.explanations()[1].gradients().get(0).item(), 0);
        String dot = cube.picture().toDot();
        assertTrue(dot.contains("#ffc48a") && dot.contains("\"dy\" [label=\"dy = add\\nscalar\\nvalue 12\""), dot);
    }

    @Test
    void theCriticsExplainedGradientsAreTheEnginesAndItsPictureShowsThem() {
        GraphExamples.Example critic = GraphExamples.critic();
        // By hand: D = mean(w2 . relu(W1 x + b1) + b2) over x = (1, 2) and (-1, 0.5). Hidden
        // pre-activations are (-1, 3, 0.25) and (-1.5, 0.5, 1.5), so unit 0 is off at both and
        // dD/dw2 = mean of the activations = (0, 1.75, 0.875), dD/db2 = 1.
        Tensor dw2 = critic.explanations()[0].gradients().get(2).value();
        assertEquals(0, dw2.getDouble(0), 0);
        assertEquals(1.75, dw2.getDouble(1), 1e-12);
        assertEquals(0.875, dw2.getDouble(2), 1e-12);
        assertEquals(1, critic.explanations()[0].gradients().get(3).item(), 1e-12);
        String dot = critic.picture().toDot();
        assertTrue(dot.contains("grad [[0, 1.75, 0.875]]") && dot.contains("peripheries=2"), dot);
        assertTrue(dot.contains("label=\"x = [[1, 2], [-1, 0.5]]\""), dot);
    }

    @Test
    void thePenaltysSecondPassMatchesTheEngineAndItsGraphHoldsTheRecordedBackward() {
        GraphExamples.Example gp = GraphExamples.penalty();
        GraphExamples.SmallCritic c = GraphExamples.SmallCritic.docs();
        Var x = Var.leaf(GraphExamples.points());
        Var g = Grad.grad(List.of(c.forward(x).sum()), List.of(x), null, true, true, false).get(0);
        Var p = CompositeOps.norm(g, new int[] {1}, false, 1e-12).sub(1.0).square().mean();
        List<Var> expected = Grad.grad(List.of(p), List.of(c.w1(), c.b1(), c.w2(), c.b2()), null, false, false, true);
        for (int i = 0; i < 4; i++) {
            Tensor want = expected.get(i) == null ? null : expected.get(i).value();
            Tensor got = gp.explanations()[1].gradients().get(i).value();
            for (int k = 0; k < got.size(); k++) {
                assertEquals(want == null ? 0 : want.getDouble(k), got.getDouble(k), 1e-12);
            }
        }
        String dot = gp.picture().toDot();
        // grad_x = (mask * w2) W1 is made by the first pass; the penalty on top of it is not.
        assertTrue(dot.contains("\"grad_x\" [label=\"grad_x = matmul") && dot.contains("leaky_relu_backward"), dot);
        String gradLine = dot.lines().filter(l -> l.startsWith("  \"grad_x\" [")).findFirst().orElseThrow();
        assertTrue(gradLine.contains("#ffc48a"), gradLine);
        String pLine = dot.lines().filter(l -> l.startsWith("  \"P\" [")).findFirst().orElseThrow();
        assertTrue(pLine.contains("#cfe0ff"), pLine);
        assertFalse(dot.contains("0.bias"), "the biases reach the penalty only through ReLU's constant mask");
    }

    @Test
    void theToyCriticsLossIsSummarisedWithOneForwardAndOneBackwardBoxPerLinearLayer() {
        String dot = GraphExamples.summary().picture().toDot();
        assertTrue(dot.contains("37 values, summarised per layer"), dot);
        for (String layer : List.of("0", "2", "4")) {
            assertTrue(dot.contains("\"layer " + layer + " (forward)\" [label=\"layer " + layer
                    + " (forward)\\n2 values\\n1 x linear\\n1 x relu\""), dot);
            assertTrue(dot.contains("\"layer " + layer + " (backward)\""), dot);
        }
        assertTrue(dot.contains("\"layer 6 (backward)\" [label=\"layer 6 (backward)\\n2 values\\n1 x leaky_relu_backward\\n1 x matmul\""),
                dot);
    }
}
