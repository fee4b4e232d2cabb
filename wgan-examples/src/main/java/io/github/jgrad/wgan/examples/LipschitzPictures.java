package io.github.jgrad.wgan.examples;

import io.github.jgrad.wgan.plot.LipschitzFigures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Draws the figures of docs/lipschitz.md's first sections into a folder (default
 * {@code docs/images}) and prints the earth mover's numbers:
 * {@code java -cp wgan-examples/target/jgrad.jar io.github.jgrad.wgan.examples.LipschitzPictures [folder]}.
 */
public final class LipschitzPictures {
    /** Steps of critic training for the earth mover's estimate. */
    public static final int STEPS = 2000;
    /** Weight of the one-sided penalty in that training. */
    public static final double LAMBDA = 50;

    private LipschitzPictures() {
    }

    /** The exact distance and the critic's estimate, as drawn. */
    public record Numbers(double exact, double estimate) {
        /** {@code estimate / exact - 1}. */
        public double relativeError() {
            return estimate / exact - 1;
        }
    }

    /** Lipschitz cones on {@code sin x} (1-Lipschitz) and {@code sign(x) sqrt|x|} (not Lipschitz at 0). */
    public static void cones(Path png) throws IOException {
        LipschitzFigures.cones(png, List.of(
                new LipschitzFigures.Panel("f(x) = sin x: 1-Lipschitz", Math::sin),
                new LipschitzFigures.Panel("f(x) = sign(x) \u221a|x|: not Lipschitz at 0",
                        x -> Math.signum(x) * Math.sqrt(Math.abs(x)))),
                new double[] {-2.0, 0.0}, 1.0, -3.5, 3.5, -2.5, 2.5);
    }

    /** The penalty against the gradient norm, two-sided and one-sided, for lambda = 10. */
    public static void penalty(Path png) throws IOException {
        LipschitzFigures.penalty(png, 10, 3);
    }

    /** The transport plan of {@link EarthMover#exampleP()} to {@link EarthMover#exampleQ()} beside a trained critic. */
    public static Numbers earthMover(Path png, long seed) throws IOException {
        EarthMover.Distribution p = EarthMover.exampleP();
        EarthMover.Distribution q = EarthMover.exampleQ();
        EarthMover.Plan plan = EarthMover.exactPlan(p, q);
        EarthMover.CriticEstimate trained = EarthMover.trainCritic(p, q, LAMBDA, true, STEPS, seed);
        int n = 201;
        double[] xs = new double[n];
        double[] optimal = new double[n];
        for (int i = 0; i < n; i++) {
            xs[i] = -0.5 + 6.0 * i / (n - 1);
            optimal[i] = EarthMover.optimalCritic(p, q, xs[i]);
        }
        double[][] moves = plan.moves().stream()
                .map(m -> new double[] {m.from(), m.to(), m.mass()}).toArray(double[][]::new);
        String caption = String.format(Locale.ROOT,
                "exact W1 = %.3f (cost of the plan)    critic estimate E_P[f] - E_Q[f] = %.3f (%+.1f %%)",
                plan.cost(), trained.estimate(), 100 * (trained.estimate() / plan.cost() - 1));
        LipschitzFigures.earthMover(png, p.points(), p.weights(), q.points(), q.weights(), moves, xs,
                trained.values(xs), optimal, caption);
        return new Numbers(plan.cost(), trained.estimate());
    }

    /** Writes the three figures and prints the distance and the estimate. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "docs/images");
        cones(dir.resolve("lipschitz-cones.png"));
        penalty(dir.resolve("gradient-penalty.png"));
        Numbers n = earthMover(dir.resolve("earth-mover.png"), 1);
        System.out.printf(Locale.ROOT, "exact W1 %.4f, critic estimate %.4f (%+.2f %%); figures in %s%n",
                n.exact(), n.estimate(), 100 * n.relativeError(), dir);
    }
}
