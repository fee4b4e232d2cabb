package io.github.jgrad.wgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.jgrad.autodiff.Var;
import io.github.jgrad.nn.Module;
import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ConvNetworksTest {
    @Test
    void theConvPairFitsEveryImageSizeItIsBuiltFor() {
        int[][] cases = {{8, 1}, {28, 1}, {32, 3}, {64, 3}};
        for (int[] c : cases) {
            int n = c[0];
            int ch = c[1];
            Rng rng = new Rng(1);
            Module g = Networks.convGenerator(128, ch, n, rng);
            Module d = Networks.convCritic(ch, n, rng);
            Tensor images = g.forward(Var.constant(rng.normal(DType.F32, Shape.of(2, 128), 0, 1))).value();
            assertEquals(Shape.of(2, ch, n, n), images.shape(), "generator for " + n);
            assertEquals(Shape.of(2, 1), d.forward(Var.constant(images)).value().shape(), "critic for " + n);
        }
    }

    @Test
    void at28PixelsTheyAreTheMnistConvPair() {
        Rng a = new Rng(3);
        Rng b = new Rng(3);
        assertEquals(Networks.mnistConvCritic(a).stateDict().keySet(), Networks.convCritic(1, 28, b).stateDict().keySet());
        assertEquals(Networks.mnistConvGenerator(a).stateDict().keySet(),
                Networks.convGenerator(128, 1, 28, b).stateDict().keySet());
    }
}
