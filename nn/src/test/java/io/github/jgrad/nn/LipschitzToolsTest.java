package io.github.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jgrad.autodiff.Var;
import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LipschitzToolsTest {
    private static final DType F64 = DType.F64;

    /** D(x) = sum over every pixel of w * x^2, so grad_x D = 2 w x, flattened per sample. */
    private static final class QuadraticCritic extends Module {
        private final Tensor w;

        QuadraticCritic(Tensor w) {
            this.w = w;
        }

        @Override
        public Var forward(Var x) {
            int n = x.shape().dim(0);
            return x.square().mul(Var.constant(w)).reshape(n, -1).sum(new int[] {1}, true);
        }
    }

    @Test
    void gradientNormIsTakenOverEachFlattenedSampleOfA4dInput() {
        Rng rng = new Rng(7);
        Tensor w = rng.normal(F64, Shape.of(3, 4, 5), 0, 1);
        Tensor x = rng.normal(F64, Shape.of(2, 3, 4, 5), 0, 1);
        GradientPenalty gp = new GradientPenalty(10.0, false, 0.0);
        GradientPenalty.Result r = gp.evaluate(new QuadraticCritic(w), x);
        assertEquals(Shape.of(2), r.gradientNorms().shape());
        double expectedPenalty = 0;
        for (int s = 0; s < 2; s++) {
            double sq = 0;
            for (int i = 0; i < 60; i++) {
                double g = 2 * w.getDouble(i) * x.getDouble(s * 60 + i);
                sq += g * g;
            }
            assertEquals(Math.sqrt(sq), r.gradientNorms().getDouble(s), 1e-12);
            expectedPenalty += (Math.sqrt(sq) - 1) * (Math.sqrt(sq) - 1) / 2;
        }
        assertEquals(10.0 * expectedPenalty, r.penalty().item(), 1e-9);
    }

    @Test
    void linearCriticHasGradientNormEqualToItsWeightNormAtEveryPoint() {
        Rng rng = new Rng(3);
        Linear critic = new Linear(5, 1, true, F64, rng);
        double wNorm = critic.weight().value().norm().item();
        Tensor real = rng.normal(F64, Shape.of(8, 5), 0, 1);
        Tensor fake = rng.normal(F64, Shape.of(8, 5), 3, 1);
        GradientPenalty.Result r = new GradientPenalty(1.0, false, 0.0).compute(critic, real, fake, rng);
        for (int i = 0; i < 8; i++) {
            assertEquals(wNorm, r.gradientNorms().getDouble(i), 1e-14);
        }
        assertEquals((wNorm - 1) * (wNorm - 1), r.penalty().item(), 1e-12);
        assertEquals(wNorm, LipschitzEstimate.of(critic, real), 1e-14);
    }

    @Test
    void interpolatesLieOnTheSegmentWithOneWeightPerSample() {
        Rng rng = new Rng(11);
        Tensor real = rng.normal(F64, Shape.of(6, 2, 3), 0, 1);
        Tensor fake = rng.normal(F64, Shape.of(6, 2, 3), 0, 1);
        Linear lin = new Linear(6, 1, true, F64, rng);
        Module critic = new Sequential(new Flatten(), lin);
        Tensor xHat = new GradientPenalty(1.0).compute(critic, real, fake, rng).interpolates();
        for (int s = 0; s < 6; s++) {
            // e = (xHat - fake) / (real - fake) must be the same for all 6 elements of sample s, and in [0, 1)
            double e0 = (xHat.getDouble(s * 6) - fake.getDouble(s * 6)) / (real.getDouble(s * 6) - fake.getDouble(s * 6));
            assertTrue(e0 >= 0 && e0 < 1, "weight " + e0);
            for (int j = 1; j < 6; j++) {
                int k = s * 6 + j;
                double e = (xHat.getDouble(k) - fake.getDouble(k)) / (real.getDouble(k) - fake.getDouble(k));
                assertEquals(e0, e, 1e-9);
            }
        }
    }

    private static Module mlp(Module activation, Rng rng) {
        return new Sequential(new Linear(2, 6, true, F64, rng), activation, new Linear(6, 6, true, F64, rng),
                activation, new Linear(6, 1, true, F64, rng));
    }

    @Test
    void penaltyGradientWithRespectToCriticWeightsMatchesFiniteDifferences() {
        for (Module act : new Module[] {new Tanh(), new LeakyReLU(0.2), new ReLU()}) {
            for (boolean oneSided : new boolean[] {false, true}) {
                Rng rng = new Rng(5);
                Module critic = mlp(act, rng);
                Tensor xHat = rng.normal(F64, Shape.of(4, 2), 0, 1);
                GradientPenalty gp = new GradientPenalty(0.7, oneSided, 1e-12);
                critic.zeroGrad();
                gp.evaluate(critic, xHat).penalty().backward();
                for (Map.Entry<String, Parameter> e : critic.namedParameters().entrySet()) {
                    Tensor w = e.getValue().value();
                    Tensor grad = e.getValue().grad();
                    for (int i = 0; i < w.size(); i++) {
                        double orig = w.getDouble(i);
                        double h = 1e-6;
                        w.setInPlace(i, orig + h);
                        double plus = gp.evaluate(critic, xHat).penalty().item();
                        w.setInPlace(i, orig - h);
                        double minus = gp.evaluate(critic, xHat).penalty().item();
                        w.setInPlace(i, orig);
                        double numeric = (plus - minus) / (2 * h);
                        double analytic = grad == null ? 0 : grad.getDouble(i);
                        assertEquals(numeric, analytic, 1e-6 + 1e-4 * Math.abs(numeric),
                                act + " oneSided=" + oneSided + " " + e.getKey() + "[" + i + "]");
                    }
                }
            }
        }
    }

    @Test
    void oneSidedPenaltyIgnoresNormsBelowOne() {
        Rng rng = new Rng(2);
        Linear small = new Linear(3, 1, true, F64, rng);
        small.weight().value().fillInPlace(0.1); // norm sqrt(0.03) < 1
        Tensor x = rng.normal(F64, Shape.of(5, 3), 0, 1);
        assertEquals(0.0, new GradientPenalty(10, true, 0).evaluate(small, x).penalty().item(), 0.0);
        double n = Math.sqrt(0.03);
        assertEquals(10 * (n - 1) * (n - 1), new GradientPenalty(10, false, 0).evaluate(small, x).penalty().item(), 1e-12);
    }

    @Test
    void zeroGradientGivesFiniteSecondDerivativeThanksToEpsInsideTheRoot() {
        Rng rng = new Rng(4);
        Linear critic = new Linear(3, 1, true, F64, rng);
        critic.weight().value().fillInPlace(0.0);
        Tensor x = rng.normal(F64, Shape.of(2, 3), 0, 1);
        critic.zeroGrad();
        new GradientPenalty(1.0, false, 1e-12).evaluate(critic, x).penalty().backward();
        for (double g : critic.weight().grad().toDoubleArray()) {
            assertTrue(Double.isFinite(g), "gradient " + g);
        }
    }

    @Test
    void weightClippingAfterAStepKeepsEveryParameterInsideTheBound() {
        Rng rng = new Rng(9);
        Module critic = mlp(new ReLU(), rng);
        WeightClipping clip = new WeightClipping(0.01);
        // a large step that pushes weights far outside the bound
        for (Parameter p : critic.parameters()) {
            p.value().addScaledInPlace(rng.normal(F64, p.value().shape(), 0, 1), 5.0);
        }
        clip.apply(critic);
        for (Parameter p : critic.parameters()) {
            for (double w : p.value().toDoubleArray()) {
                assertTrue(w >= -0.01 && w <= 0.01, "weight " + w);
            }
        }
        assertTrue(clip.fractionAtBounds(critic) > 0.9, "fraction " + clip.fractionAtBounds(critic));
    }

    @Test
    void fractionAtBoundsCountsFloat32WeightsClampedToTheBound() {
        Rng rng = new Rng(9);
        Linear critic = new Linear(4, 1, true, DType.F32, rng);
        critic.weight().value().setInPlace(0, 5).setInPlace(1, -5).setInPlace(2, 0).setInPlace(3, 0);
        critic.bias().value().setInPlace(0, 0);
        WeightClipping clip = new WeightClipping(0.01);
        clip.apply(critic);
        assertEquals(2.0 / 5.0, clip.fractionAtBounds(critic), 0.0);
    }

    @Test
    void spectralNormConvergesToUnitLargestSingularValue() {
        Rng rng = new Rng(21);
        Linear lin = new Linear(7, 5, true, F64, rng);
        SpectralNorm sn = new SpectralNorm(lin, 1, rng);
        Var x = Var.constant(rng.normal(F64, Shape.of(3, 7), 0, 1));
        for (int i = 0; i < 200; i++) {
            sn.forward(x);
        }
        Tensor wsn = sn.normalizedWeight().value();
        // largest singular value of W_sn by a long independent power iteration on W^T W
        Tensor v = rng.normal(F64, Shape.of(7, 1), 0, 1);
        for (int i = 0; i < 2000; i++) {
            v = wsn.matmul(wsn.matmul(v), true, false);
            v = v.div(v.norm().item());
        }
        double sigma = wsn.matmul(v).norm().item();
        assertEquals(1.0, sigma, 1e-3);
        assertTrue(sn.namedParameters().containsKey("weight_orig"));
        assertTrue(sn.namedBuffers().containsKey("weight_u") && sn.namedBuffers().containsKey("weight_v"));
    }

    @Test
    void spectralNormForwardIsTwiceDifferentiable() {
        Rng rng = new Rng(8);
        Linear lin = new Linear(3, 2, true, F64, rng);
        SpectralNorm sn = new SpectralNorm(lin, 1, rng);
        sn.eval(); // freeze u, v so the function is deterministic for finite differences
        Tensor x = rng.normal(F64, Shape.of(2, 3), 0, 1);
        io.github.jgrad.autodiff.GradCheck.gradcheck(v -> sn.forward(v[0]).tanh(), x);
        io.github.jgrad.autodiff.GradCheck.gradgradcheck(v -> sn.forward(v[0]).tanh(), x);
    }
}
