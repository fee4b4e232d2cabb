package io.github.jgrad.wgan.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.jgrad.autodiff.Var;
import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The examples of docs/autodiff.md compute what the page says they compute. */
class AutodiffExamplesTest {
    @Test
    void cubeHasDerivatives3xSquaredAnd6x() {
        for (double x : new double[] {-1.5, 0.0, 2.0, 3.25}) {
            double[] d = AutodiffExamples.cubeDerivatives(x);
            assertEquals(3 * x * x, d[0], 1e-12);
            assertEquals(6 * x, d[1], 1e-12);
        }
    }

    @Test
    void penaltyGradientMatchesCentralDifferencesForEveryWeight() {
        AutodiffExamples.Critic critic = AutodiffExamples.Critic.random(2, 8, 1);
        Tensor points = new Rng(2).normal(DType.F64, Shape.of(4, 2), 0, 1);
        List<Var> grads = AutodiffExamples.penaltyGradients(critic, points);
        List<Var> params = critic.parameters();
        for (int p = 0; p < params.size(); p++) {
            Tensor w = params.get(p).value();
            for (int i = 0; i < w.size(); i++) {
                double orig = w.getDouble(i);
                double h = 1e-6;
                w.setInPlace(i, orig + h);
                double plus = AutodiffExamples.gradientPenalty(critic, points).item();
                w.setInPlace(i, orig - h);
                double minus = AutodiffExamples.gradientPenalty(critic, points).item();
                w.setInPlace(i, orig);
                double numeric = (plus - minus) / (2 * h);
                // null: the penalty does not depend on that parameter at all (b1, b2 of a ReLU critic)
                double analytic = grads.get(p) == null ? 0.0 : grads.get(p).value().getDouble(i);
                assertEquals(numeric, analytic, 1e-6 + 1e-4 * Math.abs(numeric),
                        "parameter " + p + " element " + i);
            }
        }
    }
}
