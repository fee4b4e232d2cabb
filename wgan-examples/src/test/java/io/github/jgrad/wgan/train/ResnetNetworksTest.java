package io.github.jgrad.wgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jgrad.autodiff.Var;
import io.github.jgrad.nn.GradientPenalty;
import io.github.jgrad.nn.Module;
import io.github.jgrad.nn.ResidualBlock;
import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ResnetNetworksTest {
    @Test
    void generatorAndCriticFitTwentyEightAndThirtyTwoPixelImages() {
        Rng rng = new Rng(1);
        for (int[] cs : new int[][] {{1, 28}, {3, 32}}) {
            Module g = Networks.resnetGenerator(16, cs[0], cs[1], rng);
            Module d = Networks.resnetCritic(cs[0], cs[1], rng);
            Var images = g.forward(Var.constant(rng.normal(DType.F32, Shape.of(2, 16), 0, 1)));
            assertEquals(Shape.of(2, cs[0], cs[1], cs[1]), images.shape());
            double max = images.value().abs().max().item();
            assertTrue(max <= 1, "tanh output, got " + max);
            assertEquals(Shape.of(2, 1), d.forward(images).shape());
            long blocks = d.modules().stream().filter(m -> m instanceof ResidualBlock).count();
            assertEquals(4, blocks);
        }
        assertThrows(IllegalArgumentException.class, () -> Networks.resnetCritic(1, 30, rng));
    }

    /**
     * The critic's gradient penalty reaches every critic weight matrix through the residual blocks
     * (the biases only move ReLU kinks, whose second derivative is zero, so they get none).
     */
    @Test
    void gradientPenaltyThroughTheResnetCriticReachesEveryWeight() {
        Rng rng = new Rng(2);
        Module d = Networks.resnetCritic(1, 28, rng);
        Tensor real = rng.normal(DType.F32, Shape.of(2, 1, 28, 28), 0, 1);
        Tensor fake = rng.normal(DType.F32, Shape.of(2, 1, 28, 28), 0, 1);
        d.zeroGrad();
        new GradientPenalty(10).compute(d, real, fake, rng).penalty().backward();
        int withGradient = 0;
        int total = 0;
        for (var e : d.namedParameters().entrySet()) {
            if (!e.getKey().endsWith("weight")) {
                continue;
            }
            total++;
            var p = e.getValue();
            if (p.var().grad() != null && p.var().grad().abs().max().item() > 0) {
                withGradient++;
            }
        }
        assertEquals(12, total, "1 stem + 3 + 3 + 2 + 2 block convolutions + 1 linear");
        assertEquals(total, withGradient, "every weight matrix gets a penalty gradient");
    }
}
