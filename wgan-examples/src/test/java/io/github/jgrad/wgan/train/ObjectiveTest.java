package io.github.jgrad.wgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.jgrad.autodiff.Var;
import io.github.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ObjectiveTest {
    private static Var v(float... x) {
        return Var.constant(Tensor.of(x, x.length, 1));
    }

    @Test
    void wassersteinLossesAreDifferencesOfMeans() {
        Var real = v(1, 2, 3);
        Var fake = v(-1, 0, 4);
        assertEquals(1.0 - 2.0, Objective.WGAN_GP.criticLoss(real, fake).item(), 1e-6);
        assertEquals(-1.0, Objective.WGAN.generatorLoss(fake).item(), 1e-6);
    }

    @Test
    void ganLossesAreBinaryCrossEntropyOnLogitsWithoutOverflow() {
        Var real = v(0, 2);
        Var fake = v(-1, 1000);
        double bceReal = (Math.log(2) + Math.log1p(Math.exp(-2))) / 2; // -log sigmoid(d)
        double bceFake = (Math.log1p(Math.exp(-1)) + 1000) / 2;        // -log(1 - sigmoid(d))
        assertEquals(bceReal + bceFake, Objective.GAN.criticLoss(real, fake).item(), 1e-3);
        double nonSaturating = (Math.log1p(Math.exp(1)) + Math.log1p(Math.exp(-1000))) / 2;
        assertEquals(nonSaturating, Objective.GAN.generatorLoss(fake).item(), 1e-5);
    }

    @Test
    void objectivesAreNamedAsOnTheCommandLine() {
        for (Objective o : Objective.values()) {
            assertEquals(o, Objective.fromId(o.id()));
        }
        assertThrows(IllegalArgumentException.class, () -> Objective.fromId("wgan-xx"));
    }
}
