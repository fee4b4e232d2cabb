package io.github.jgrad.wgan.examples;

import io.github.jgrad.autodiff.NoGrad;
import io.github.jgrad.autodiff.Var;
import io.github.jgrad.nn.GradientPenalty;
import io.github.jgrad.nn.Linear;
import io.github.jgrad.nn.Module;
import io.github.jgrad.nn.ReLU;
import io.github.jgrad.nn.Sequential;
import io.github.jgrad.nn.optim.Adam;
import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The earth mover's (Wasserstein-1) distance between two small discrete distributions on the
 * line, two ways: exactly, from the optimal transport plan, and as a WGAN-GP critic estimates it,
 * {@code max E_P[f] - E_Q[f]} over (nearly) 1-Lipschitz {@code f}, after training a small critic
 * on the two distributions.
 */
public final class EarthMover {
    private EarthMover() {
    }

    /** Masses {@code weights[i]} at {@code points[i]}; the weights are positive and sum to 1. */
    public record Distribution(double[] points, double[] weights) {
        /** Checks the weights and copies the arrays. */
        public Distribution {
            Objects.requireNonNull(points, "points");
            Objects.requireNonNull(weights, "weights");
            if (points.length == 0 || points.length != weights.length) {
                throw new IllegalArgumentException("Distribution: " + points.length + " points and "
                        + weights.length + " weights; need the same positive number of each");
            }
            double total = 0;
            for (int i = 0; i < weights.length; i++) {
                if (!(weights[i] > 0) || !Double.isFinite(points[i])) {
                    throw new IllegalArgumentException("Distribution: point " + i + " = " + points[i]
                            + " with weight " + weights[i] + "; points must be finite and weights positive");
                }
                total += weights[i];
            }
            if (Math.abs(total - 1) > 1e-9) {
                throw new IllegalArgumentException("Distribution: weights sum to " + total + ", not 1");
            }
            points = points.clone();
            weights = weights.clone();
        }

        /** {@code E[f]} for the values {@code f(points[i])}. */
        double expectation(double[] values) {
            double e = 0;
            for (int i = 0; i < values.length; i++) {
                e += weights[i] * values[i];
            }
            return e;
        }

        /** A point drawn with probability equal to its weight. */
        double draw(Rng rng) {
            double u = rng.nextDouble();
            for (int i = 0; i < weights.length - 1; i++) {
                u -= weights[i];
                if (u < 0) {
                    return points[i];
                }
            }
            return points[points.length - 1];
        }
    }

    /** Moving {@code mass} from {@code from} (in P) to {@code to} (in Q). */
    public record Move(double from, double to, double mass) {
        /** {@code mass * |to - from|}. */
        public double cost() {
            return mass * Math.abs(to - from);
        }
    }

    /** An optimal transport plan and its cost, which is the distance. */
    public record Plan(List<Move> moves, double cost) {
    }

    /** P and Q of the pictures in docs/lipschitz.md: their cumulative distributions cross. */
    public static Distribution exampleP() {
        return new Distribution(new double[] {0, 2, 5}, new double[] {0.4, 0.2, 0.4});
    }

    /** See {@link #exampleP()}. */
    public static Distribution exampleQ() {
        return new Distribution(new double[] {1, 3, 4}, new double[] {0.3, 0.4, 0.3});
    }

    /**
     * The optimal plan on the line: both distributions in increasing order, each unit of P's
     * mass goes to the same quantile of Q (the monotone coupling, optimal for the cost
     * {@code |x - y|} in one dimension).
     */
    public static Plan exactPlan(Distribution p, Distribution q) {
        int[] pi = order(p.points());
        int[] qi = order(q.points());
        double[] leftP = new double[pi.length];
        double[] leftQ = new double[qi.length];
        for (int k = 0; k < pi.length; k++) {
            leftP[k] = p.weights()[pi[k]];
        }
        for (int k = 0; k < qi.length; k++) {
            leftQ[k] = q.weights()[qi[k]];
        }
        List<Move> moves = new ArrayList<>();
        double cost = 0;
        int a = 0;
        int b = 0;
        while (a < pi.length && b < qi.length) {
            double m = Math.min(leftP[a], leftQ[b]);
            if (m > 1e-12) {
                Move move = new Move(p.points()[pi[a]], q.points()[qi[b]], m);
                moves.add(move);
                cost += move.cost();
            }
            leftP[a] -= m;
            leftQ[b] -= m;
            if (leftP[a] <= 1e-12) {
                a++;
            }
            if (leftQ[b] <= 1e-12) {
                b++;
            }
        }
        return new Plan(List.copyOf(moves), cost);
    }

    /**
     * An optimal critic at {@code x}: {@code f(x) = integral from -inf to x of sign(F_Q - F_P)},
     * slope -1 where P's cumulative mass is ahead of Q's and +1 where Q's is, so that
     * {@code E_P[f] - E_Q[f]} equals the distance (integrate by parts).
     */
    public static double optimalCritic(Distribution p, Distribution q, double x) {
        double[] cuts = java.util.stream.DoubleStream.concat(Arrays.stream(p.points()), Arrays.stream(q.points()))
                .sorted().distinct().toArray();
        double f = 0;
        for (int i = 0; i < cuts.length - 1 && cuts[i] < x; i++) {
            double lo = cuts[i];
            double hi = Math.min(cuts[i + 1], x);
            f += Math.signum(cdf(q, lo) - cdf(p, lo)) * (hi - lo);
        }
        return f;
    }

    private static double cdf(Distribution d, double x) {
        double c = 0;
        for (int i = 0; i < d.points().length; i++) {
            c += d.points()[i] <= x ? d.weights()[i] : 0;
        }
        return c;
    }

    private static int[] order(double[] xs) {
        return java.util.stream.IntStream.range(0, xs.length).boxed()
                .sorted((i, j) -> Double.compare(xs[i], xs[j])).mapToInt(Integer::intValue).toArray();
    }

    /** A trained critic and its estimate {@code E_P[f] - E_Q[f]} of the distance. */
    public record CriticEstimate(Module critic, double estimate, double[] gapPerStep) {
        /** The critic's values at {@code xs}. */
        public double[] values(double[] xs) {
            try (NoGrad ignored = NoGrad.enter()) {
                Tensor out = critic.forward(Var.constant(column(xs))).value();
                double[] v = new double[xs.length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = out.getDouble(i);
                }
                return v;
            }
        }
    }

    /**
     * Trains a critic {@code 1 -> 64 -> 64 -> 1} (ReLU, float64) to maximise
     * {@code E_P[f] - E_Q[f] - lambda * mean (|f'(x_hat)| - 1)^2}, with the expectations computed
     * exactly from the weights and {@code x_hat} drawn on segments between a point of P and one of
     * Q, as WGAN-GP does; Adam with learning rate 1e-3.
     */
    public static CriticEstimate trainCritic(Distribution p, Distribution q, double lambda, boolean oneSided,
                                             int steps, long seed) {
        Rng rng = new Rng(seed);
        Module critic = new Sequential(new Linear(1, 64, true, DType.F64, rng), new ReLU(),
                new Linear(64, 64, true, DType.F64, rng), new ReLU(), new Linear(64, 1, true, DType.F64, rng));
        Adam adam = new Adam(critic.namedParameters(), 1e-3, 0.5, 0.9);
        GradientPenalty penalty = new GradientPenalty(lambda, oneSided, 1e-12);
        Var xp = Var.constant(column(p.points()));
        Var xq = Var.constant(column(q.points()));
        Var wp = Var.constant(column(p.weights()));
        Var wq = Var.constant(column(q.weights()));
        double[] gaps = new double[steps];
        int batch = 64;
        for (int step = 0; step < steps; step++) {
            double[] xHat = new double[batch];
            for (int i = 0; i < batch; i++) {
                double e = rng.nextDouble();
                xHat[i] = e * p.draw(rng) + (1 - e) * q.draw(rng);
            }
            adam.zeroGrad();
            Var gap = critic.forward(xp).mul(wp).sum().sub(critic.forward(xq).mul(wq).sum());
            Var loss = gap.neg().add(penalty.evaluate(critic, column(xHat)).penalty());
            loss.backward();
            adam.step();
            gaps[step] = gap.item();
        }
        CriticEstimate trained = new CriticEstimate(critic, 0, gaps);
        double estimate = p.expectation(trained.values(p.points())) - q.expectation(trained.values(q.points()));
        return new CriticEstimate(critic, estimate, gaps);
    }

    static Tensor column(double[] xs) {
        return Tensor.of(Arrays.copyOf(xs, xs.length), xs.length, 1);
    }

    /** Prints the plan, its cost and a trained critic's estimate. */
    public static void main(String[] args) {
        Distribution p = exampleP();
        Distribution q = exampleQ();
        Plan plan = exactPlan(p, q);
        plan.moves().forEach(m -> System.out.printf("move %.2f from %g to %g (cost %.2f)%n",
                m.mass(), m.from(), m.to(), m.cost()));
        System.out.printf("exact W1 = %.4f%n", plan.cost());
        CriticEstimate c = trainCritic(p, q, LipschitzPictures.LAMBDA, true, LipschitzPictures.STEPS, 1);
        System.out.printf("critic estimate = %.4f (%+.1f %%)%n", c.estimate(), 100 * (c.estimate() / plan.cost() - 1));
    }
}
