package io.github.jgrad.wgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.jgrad.autodiff.Var;
import io.github.jgrad.nn.Parameter;
import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import io.github.jgrad.nn.Module;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WassersteinLabelsTest {
    @Test
    void oneMinusOneLabelsGiveTheSameLossAndCriticGradientsAsTheDifferenceOfMeans() {
        Rng rng = new Rng(7);
        Module critic = Networks.toyMlp(2, 16, 1, rng);
        int n = 64;
        Tensor real = rng.normal(DType.F32, Shape.of(n, 2), 1, 1);
        Tensor fake = rng.normal(DType.F32, Shape.of(n, 2), -1, 2);

        Var difference = Objective.WGAN_GP.criticLoss(critic.forward(Var.constant(real)),
                critic.forward(Var.constant(fake)));
        List<Tensor> gradsDifference = gradients(critic, difference);

        Var mixed = critic.forward(Var.constant(Tensor.concat(0, real, fake)));
        Var labelled = WassersteinLabels.criticLoss(mixed, WassersteinLabels.realThenFake(n, DType.F32));
        List<Tensor> gradsLabelled = gradients(critic, labelled);

        assertEquals(difference.item(), labelled.item(), 1e-6 * Math.max(1, Math.abs(difference.item())));
        for (int p = 0; p < gradsDifference.size(); p++) {
            Tensor a = gradsDifference.get(p);
            Tensor b = gradsLabelled.get(p);
            double scale = Math.max(1e-3, a.abs().max().item());
            for (int i = 0; i < a.size(); i++) {
                assertEquals(a.getDouble(i), b.getDouble(i), 1e-5 * scale, "parameter " + p + " element " + i);
            }
        }
    }

    private static List<Tensor> gradients(Module critic, Var loss) {
        critic.zeroGrad();
        loss.backward();
        List<Tensor> out = new ArrayList<>();
        for (Parameter p : critic.parameters()) {
            out.add(p.var().grad().copy());
        }
        return out;
    }
}
