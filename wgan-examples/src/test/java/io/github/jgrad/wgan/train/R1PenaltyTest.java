package io.github.jgrad.wgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jgrad.autodiff.GradCheck;
import io.github.jgrad.autodiff.Var;
import io.github.jgrad.nn.Linear;
import io.github.jgrad.nn.Module;
import io.github.jgrad.nn.Parameter;
import io.github.jgrad.nn.Sequential;
import io.github.jgrad.nn.Tanh;
import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

class R1PenaltyTest {
    @Test
    void linearCriticsPenaltyIsHalfGammaTimesTheSquaredWeightNorm() {
        Rng rng = new Rng(1);
        Linear critic = new Linear(3, 1, true, DType.F64, rng);
        Tensor real = rng.normal(DType.F64, Shape.of(5, 3), 0, 1);
        double w2 = critic.weight().value().square().sum().item(); // the gradient is w at every x
        assertEquals(10.0 / 2 * w2, R1Objective.penalty(critic, real, 10.0).item(), 1e-12);
    }

    /**
     * The penalty's gradient with respect to the critic's weights needs a second backward pass
     * through the critic's input gradient; it must match central differences of the penalty in
     * float64 (a tanh critic, so that the second derivatives are not zero almost everywhere).
     */
    @Test
    void r1DoubleBackwardGradientMatchesFiniteDifferences() {
        Rng rng = new Rng(2);
        Module critic = new Sequential(new Linear(2, 6, true, DType.F64, rng), new Tanh(),
                new Linear(6, 1, true, DType.F64, rng));
        Tensor real = rng.normal(DType.F64, Shape.of(4, 2), 0, 1);
        double gamma = 3.0;
        critic.zeroGrad();
        R1Objective.penalty(critic, real, gamma).backward();
        double eps = GradCheck.EPS;
        int checked = 0;
        for (Parameter p : critic.parameters()) {
            Tensor w = p.value();
            // The output bias does not move the input gradient, so the engine gives it no gradient at all.
            Tensor analytic = p.var().grad() == null ? Tensor.zeros(DType.F64, w.shape()) : p.var().grad().copy();
            for (int i = 0; i < w.size(); i++) {
                double orig = w.getDouble(i);
                w.setInPlace(i, orig + eps);
                double plus = R1Objective.penalty(critic, real, gamma).item();
                w.setInPlace(i, orig - eps);
                double minus = R1Objective.penalty(critic, real, gamma).item();
                w.setInPlace(i, orig);
                double numeric = (plus - minus) / (2 * eps);
                assertEquals(numeric, analytic.getDouble(i), GradCheck.ATOL + GradCheck.RTOL * Math.abs(numeric),
                        "d penalty / d " + p + "[" + i + "]");
                checked += Math.abs(numeric) > 1e-4 ? 1 : 0;
            }
        }
        assertTrue(checked > 10, "most weight derivatives of the penalty are non-zero, got " + checked);
    }

    /** The same check through GradCheck, with the input as the variable: gradient and gradient of gradient. */
    @Test
    void r1PenaltyAsAFunctionOfTheDataPassesGradcheckAndGradgradcheck() {
        Rng rng = new Rng(3);
        Module critic = new Sequential(new Linear(2, 5, true, DType.F64, rng), new Tanh(),
                new Linear(5, 1, true, DType.F64, rng));
        Tensor real = rng.normal(DType.F64, Shape.of(3, 2), 0, 1);
        java.util.function.Function<Var[], Var> penaltyOfData = v -> {
            Var g = io.github.jgrad.autodiff.Grad.grad(java.util.List.of(critic.forward(v[0]).sum()),
                    java.util.List.of(v[0]), null, true, true, false).get(0);
            return g.square().sum().mul(0.5);
        };
        GradCheck.gradcheck(penaltyOfData, real);
        GradCheck.gradgradcheck(penaltyOfData, real);
    }
}
