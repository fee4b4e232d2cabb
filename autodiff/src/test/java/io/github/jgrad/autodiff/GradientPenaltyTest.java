package io.github.jgrad.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * The WGAN-GP penalty {@code P = mean_n (||grad_x D(x_hat_n)||_2 - 1)^2}, with the norm over each
 * flattened sample, differentiated with respect to the critic's weights through a
 * createGraph gradient, against central finite differences of P recomputed from scratch.
 */
class GradientPenaltyTest {
    private static final int N = 4;
    private static final int[] SAMPLE = {2, 3};   // each sample is a 2 x 3 "image", flattened by the critic
    private static final int D = 6;
    private static final int H = 5;

    enum Activation {
        RELU(Var::relu), LEAKY_RELU_0_2(v -> v.leakyRelu(0.2)),
        /** Smooth, so that P also depends on b1 (for ReLU-like critics it does not). */
        TANH(Var::tanh);

        final UnaryOperator<Var> fn;

        Activation(UnaryOperator<Var> fn) {
            this.fn = fn;
        }
    }

    /** W1 (H x D), b1 (H), W2 (1 x H), b2 (1). */
    record Critic(Tensor w1, Tensor b1, Tensor w2, Tensor b2, Activation act) {
        List<Tensor> params() {
            return List.of(w1, b1, w2, b2);
        }

        /** D(x) = W2 act(W1 flat(x) + b1) + b2, one output per sample: (N, 1). */
        static Var forward(Var x, List<Var> p, Activation act) {
            Var flat = x.reshape(x.shape().dim(0), -1);
            Var h = flat.matmul(p.get(0), false, true).add(p.get(1));
            return act.fn.apply(h).matmul(p.get(2), false, true).add(p.get(3));
        }

        /** Pre-activations at x, to keep finite differences away from the ReLU kink. */
        Tensor preActivations(Tensor x) {
            return x.reshape(N, -1).matmul(w1, false, true).add(b1);
        }
    }

    /** x_hat = eps x_real + (1 - eps) x_fake with one eps ~ U[0,1] per sample. */
    private static Tensor interpolate(Rng rng) {
        Tensor real = rng.normal(DType.F64, Shape.of(N, SAMPLE[0], SAMPLE[1]), 0, 1);
        Tensor fake = rng.normal(DType.F64, Shape.of(N, SAMPLE[0], SAMPLE[1]), 0.5, 1.5);
        Tensor eps = rng.uniform(DType.F64, Shape.of(N, 1, 1), 0, 1);
        return eps.mul(real).add(eps.neg().add(1.0).mul(fake));
    }

    /** The penalty as a differentiable function of the parameter Vars. */
    static Var penalty(Tensor xHat, List<Var> params, Activation act) {
        Var x = Var.leaf(xHat.copy());
        Var d = Critic.forward(x, params, act);
        Var ones = Var.constant(Tensor.ones(DType.F64, d.shape()));
        Var g = Grad.grad(List.of(d), List.of(x), List.of(ones), true, true, false).get(0);
        assertEquals(x.shape(), g.shape());
        Var perSample = CompositeOps.norm(g.reshape(N, -1), new int[] {1}, false);
        assertEquals(Shape.of(N), perSample.shape());
        return perSample.sub(1.0).square().mean();
    }

    private static double penaltyValue(Tensor xHat, List<Tensor> params, Activation act) {
        List<Var> ps = new ArrayList<>();
        for (Tensor t : params) {
            ps.add(Var.leaf(t.copy()));
        }
        return penalty(xHat, ps, act).item();
    }

    /** A critic and the interpolates at which its penalty is taken. */
    record Setup(Critic critic, Tensor xHat) {
    }

    /** A critic and interpolates whose pre-activations are all at least 0.05 from 0. */
    private static Setup setUp(Activation act) {
        for (long seed = 1; ; seed++) {
            Rng rng = new Rng(seed);
            double scale = 1 / Math.sqrt(D);
            Critic c = new Critic(rng.normal(DType.F64, Shape.of(H, D), 0, 2 * scale),
                    rng.normal(DType.F64, Shape.of(H), 0, 0.3),
                    rng.normal(DType.F64, Shape.of(1, H), 0, 1.5),
                    rng.normal(DType.F64, Shape.of(1), 0, 1), act);
            Tensor xHat = interpolate(rng);
            if (c.preActivations(xHat).abs().min().item() > 0.05) {
                return new Setup(c, xHat);
            }
        }
    }

    private static List<Tensor> finiteDifferenceGradient(Tensor xHat, Critic c) {
        double h = 1e-6;
        List<Tensor> out = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            Tensor fd = Tensor.zeros(DType.F64, c.params().get(p).shape());
            for (int e = 0; e < fd.size(); e++) {
                List<Tensor> plus = copies(c.params());
                List<Tensor> minus = copies(c.params());
                plus.get(p).setInPlace(e, plus.get(p).getDouble(e) + h);
                minus.get(p).setInPlace(e, minus.get(p).getDouble(e) - h);
                fd.setInPlace(e, (penaltyValue(xHat, plus, c.act()) - penaltyValue(xHat, minus, c.act())) / (2 * h));
            }
            out.add(fd);
        }
        return out;
    }

    private static List<Tensor> copies(List<Tensor> ts) {
        List<Tensor> out = new ArrayList<>();
        for (Tensor t : ts) {
            out.add(t.copy());
        }
        return out;
    }

    /** An absent (null) analytic gradient means known zero: then finite differences must be zero too. */
    private static void assertMatches(List<Tensor> fd, List<Tensor> analytic, String how) {
        String[] names = {"W1", "b1", "W2", "b2"};
        for (int p = 0; p < 4; p++) {
            Tensor a = analytic.get(p);
            assertTrue(a == null || fd.get(p).shape().equals(a.shape()));
            for (int e = 0; e < fd.get(p).size(); e++) {
                double want = fd.get(p).getDouble(e);
                double got = a == null ? 0.0 : a.getDouble(e);
                assertEquals(want, got, 1e-7 + 1e-6 * Math.abs(want),
                        how + ": dP/d" + names[p] + "[" + e + "]");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void penaltyGradientWrtEveryCriticWeightMatchesFiniteDifferences(Activation act) {
        Setup s = setUp(act);
        Critic c = s.critic();
        Tensor xHat = s.xHat();
        List<Tensor> fd = finiteDifferenceGradient(xHat, c);

        // (1) P.backward() into the leaves' grad
        List<Var> leaves = new ArrayList<>();
        for (Tensor t : c.params()) {
            leaves.add(Var.leaf(t.copy()));
        }
        Var p = penalty(xHat, leaves, act);
        assertTrue(p.item() > 0, "a random critic is not 1-Lipschitz everywhere");
        p.backward();
        List<Tensor> viaBackward = new ArrayList<>();
        for (Var l : leaves) {
            viaBackward.add(l.grad());
        }
        assertMatches(fd, viaBackward, "P.backward()");

        // (2) Grad.grad on a fresh graph
        List<Var> fresh = new ArrayList<>();
        for (Tensor t : c.params()) {
            fresh.add(Var.leaf(t.copy()));
        }
        List<Var> g = Grad.grad(List.of(penalty(xHat, fresh, act)), fresh, null, false, false, true);
        List<Tensor> viaGrad = new ArrayList<>();
        for (Var v : g) {
            viaGrad.add(v == null ? null : v.value());
        }
        assertMatches(fd, viaGrad, "Grad.grad");

        // Both weight matrices matter; the input gradient of D never depends on b2, and for a
        // piecewise-linear critic not on b1 either, so those are absent rather than zero tensors.
        assertTrue(Fixtures.maxAbs(viaGrad.get(0)) > 1e-3, "penalty did not reach W1");
        assertTrue(Fixtures.maxAbs(viaGrad.get(2)) > 1e-3, "penalty did not reach W2");
        assertNull(viaGrad.get(3), "b2");
        assertNull(leaves.get(3).grad(), "b2");
        if (act == Activation.TANH) {
            assertTrue(Fixtures.maxAbs(viaGrad.get(1)) > 1e-3, "penalty of a tanh critic did not reach b1");
        } else {
            assertNull(viaGrad.get(1), "b1 of a piecewise-linear critic");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Activation.class, names = {"TANH", "LEAKY_RELU_0_2"})
    void penaltyAsAFunctionOfTheWeightsPassesGradcheckAndGradgradcheck(Activation act) {
        // gradgradcheck of a function that itself takes a (createGraph) gradient: third order
        Setup s = setUp(act);
        Critic c = s.critic();
        java.util.function.Function<Var[], Var> p = v -> penalty(s.xHat(), List.of(v), act);
        GradCheck.gradcheck(p, c.w1(), c.b1(), c.w2(), c.b2());
        GradCheck.gradgradcheck(p, c.w1(), c.b1(), c.w2(), c.b2());
    }

    @Test
    void perSampleGradientNormOfALinearCriticIsTheNormOfItsWeights() {
        Rng rng = new Rng(99);
        // samples of shape 1 x 2 x 3 (N, C, H, W): the norm must be over each flattened sample, not per pixel
        Tensor xs = rng.normal(DType.F64, Shape.of(N, 1, 2, 3), 0, 1);
        Tensor w = rng.normal(DType.F64, Shape.of(6, 1), 0, 1);
        Var x = Var.leaf(xs);
        Var wv = Var.leaf(w);
        Var d = x.reshape(N, -1).matmul(wv);
        Var g = Grad.grad(List.of(d), List.of(x), List.of(Var.constant(Tensor.ones(DType.F64, d.shape()))),
                true, true, false).get(0);
        Var norms = CompositeOps.norm(g.reshape(N, -1), new int[] {1}, false);
        double wNorm = Math.sqrt(w.square().sum().item());
        for (int n = 0; n < N; n++) {
            assertEquals(wNorm, norms.value().get(n), 1e-15 * wNorm);
        }
        // and the penalty's gradient wrt w is 2 (||w|| - 1) w / ||w|| (mean over identical samples)
        Var p = norms.sub(1.0).square().mean();
        Tensor dw = Grad.grad(p, wv, false).value();
        Tensor want = w.mul(2 * (wNorm - 1) / wNorm);
        SecondDerivativeTest.assertAllClose(want, dw, 1e-13);
    }

    @Test
    void gradientWithoutCreateGraphCannotCarryThePenaltyToTheWeights() {
        // The pitfall: the critic's input gradient taken without createGraph is a constant, so
        // the penalty built from it takes no gradient, and backward says so instead of silently doing nothing.
        Setup s = setUp(Activation.LEAKY_RELU_0_2);
        Critic c = s.critic();
        List<Var> leaves = new ArrayList<>();
        for (Tensor t : c.params()) {
            leaves.add(Var.leaf(t.copy()));
        }
        Var x = Var.leaf(s.xHat().copy());
        Var d = Critic.forward(x, leaves, c.act()).sum();
        Var g = Grad.grad(List.of(d), List.of(x), null, false, false, false).get(0);
        assertFalse(g.requiresGrad());
        Var p = CompositeOps.norm(g.reshape(N, -1), new int[] {1}, false).sub(1.0).square().mean();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, p::backward);
        assertTrue(e.getMessage().contains("does not require a gradient"), e.getMessage());
    }
}
