package io.github.jgrad.wgan.examples;

import io.github.jgrad.autodiff.CompositeOps;
import io.github.jgrad.autodiff.Grad;
import io.github.jgrad.autodiff.Var;
import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import java.util.List;

/**
 * The worked examples of {@code docs/autodiff.md}, runnable with
 * {@code java -cp wgan-examples/target/jgrad.jar io.github.jgrad.wgan.examples.AutodiffExamples}.
 * A test runs them and checks their numbers against closed forms and finite differences.
 */
public final class AutodiffExamples {
    private AutodiffExamples() {
    }

    /** First and second derivative of {@code x^3} at {@code x}: {@code {3x^2, 6x}}. */
    public static double[] cubeDerivatives(double x0) {
        Var x = Var.leaf(Tensor.scalar(x0, DType.F64));
        Var y = x.mul(x).mul(x);                 // y = x^3, recorded as two multiplications
        Var dy = Grad.grad(y, x, true);          // 3x^2, itself a Var in a graph (createGraph)
        Var d2y = Grad.grad(dy, x, false);       // 6x: the gradient of the gradient
        return new double[] {dy.item(), d2y.item()};
    }

    /** A two-layer critic {@code D(x) = w2 . relu(W1 x + b1) + b2} with its parameters as leaves. */
    public record Critic(Var w1, Var b1, Var w2, Var b2) {
        /** A critic with seeded float64 weights, {@code in -> hidden -> 1}. */
        public static Critic random(int in, int hidden, long seed) {
            Rng rng = new Rng(seed);
            return new Critic(Var.leaf(rng.normal(DType.F64, Shape.of(hidden, in), 0, 1)),
                    Var.leaf(rng.normal(DType.F64, Shape.of(hidden), 0, 1)),
                    Var.leaf(rng.normal(DType.F64, Shape.of(1, hidden), 0, 1)),
                    Var.leaf(rng.normal(DType.F64, Shape.of(1), 0, 1)));
        }

        /** {@code D(x)} for a batch {@code [N, in]}, giving {@code [N, 1]}. */
        public Var forward(Var x) {
            Var h = x.matmul(w1, false, true).add(b1).relu();
            return h.matmul(w2, false, true).add(b2);
        }

        /** The four parameters. */
        public List<Var> parameters() {
            return List.of(w1, b1, w2, b2);
        }
    }

    /**
     * The WGAN-GP penalty {@code mean_i (||grad_x D(x_i)|| - 1)^2} at the points {@code x}: the
     * inner gradient is taken with {@code createGraph=true}, so the penalty is a function of the
     * critic's weights that can itself be differentiated.
     */
    public static Var gradientPenalty(Critic critic, Tensor points) {
        Var x = Var.leaf(points);
        Var d = critic.forward(x);
        Var g = Grad.grad(List.of(d.sum()), List.of(x), null, true, true, false).get(0);
        Var norms = CompositeOps.norm(g, new int[] {1}, false, 1e-12);
        return norms.sub(1.0).square().mean();
    }

    /** The penalty's gradient with respect to each of the critic's parameters. */
    public static List<Var> penaltyGradients(Critic critic, Tensor points) {
        Var p = gradientPenalty(critic, points);
        return Grad.grad(List.of(p), critic.parameters(), null, false, false, true);
    }

    /** Prints both examples. */
    public static void main(String[] args) {
        double[] d = cubeDerivatives(2.0);
        System.out.printf("x^3 at x = 2: first derivative %.1f (3x^2 = 12), second %.1f (6x = 12)%n", d[0], d[1]);
        Critic critic = Critic.random(2, 8, 1);
        Tensor points = new Rng(2).normal(DType.F64, Shape.of(4, 2), 0, 1);
        System.out.println("gradient penalty: " + gradientPenalty(critic, points).item());
        List<Var> grads = penaltyGradients(critic, points);
        String[] names = {"w1", "b1", "w2", "b2"};
        for (int i = 0; i < names.length; i++) {
            System.out.println("d penalty / d " + names[i] + " = " + grads.get(i).value());
        }
    }
}
