package io.github.jgrad.wgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.jgrad.autodiff.Var;
import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

class GanStabilisersTest {
    @Test
    void oneSidedLabelSmoothingWeighsTheRealCrossEntropyTermsButNotTheFakeOne() {
        Var real = Var.constant(Tensor.of(new double[] {0.5, -1.0}, 2, 1));
        Var fake = Var.constant(Tensor.of(new double[] {2.0}, 1, 1));
        TrainConfig c = TrainConfig.defaults(Objective.GAN, true).withRealLabel(0.9);
        double sp = 0;
        for (double d : new double[] {0.5, -1.0}) {
            sp += 0.9 * Math.log1p(Math.exp(-d)) + 0.1 * Math.log1p(Math.exp(d));
        }
        double expected = sp / 2 + Math.log1p(Math.exp(2.0));
        assertEquals(expected, Objective.GAN.criticLoss(real, fake, c).item(), 1e-12);
    }

    @Test
    void instanceNoiseStartsAtItsLevelAndIsGoneAtTheEndOfTheRun() {
        TrainConfig c = TrainConfig.defaults(Objective.GAN, true).withIterations(100).withInstanceNoise(0.5);
        CriticControl control = Objective.GAN.control(c);
        Var x = Var.constant(Tensor.zeros(DType.F64, Shape.of(20000, 2)));
        Rng rng = new Rng(4);
        double stdStart = Math.sqrt(control.criticInput(x, 0, rng).value().square().mean().item());
        double stdHalf = Math.sqrt(control.criticInput(x, 50, rng).value().square().mean().item());
        long before = rng.state();
        Var end = control.criticInput(x, 100, rng);
        assertEquals(0.5, stdStart, 0.01);
        assertEquals(0.25, stdHalf, 0.005);
        assertSame(x, end, "no noise once annealed to 0");
        assertEquals(before, rng.state(), "no draw once annealed to 0");
        assertSame(CriticControl.NONE, Objective.GAN.control(c.withInstanceNoise(0)));
    }

    @Test
    void stabilisersAreRefusedForWassersteinObjectives() {
        TrainConfig c = TrainConfig.defaults(Objective.WGAN_GP, true);
        assertThrows(IllegalArgumentException.class, () -> c.withRealLabel(0.9));
        assertThrows(IllegalArgumentException.class, () -> c.withInstanceNoise(0.1));
        assertThrows(IllegalArgumentException.class, () -> TrainConfig.defaults(Objective.GAN, true).withRealLabel(0.3));
    }
}
