package io.github.jgrad.wgan.examples;

import io.github.jgrad.autodiff.CompositeOps;
import io.github.jgrad.autodiff.Explain;
import io.github.jgrad.autodiff.GraphPicture;
import io.github.jgrad.autodiff.LinalgOps;
import io.github.jgrad.autodiff.Var;
import io.github.jgrad.nn.GradientPenalty;
import io.github.jgrad.nn.Linear;
import io.github.jgrad.nn.ParameterNames;
import io.github.jgrad.nn.ReLU;
import io.github.jgrad.nn.Sequential;
import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The three graphs and step-throughs of docs/autodiff.md: {@code y = x^3} and its gradient, a
 * two-layer critic {@code D(x) = w2 . relu(W1 x + b1) + b2}, and the gradient penalty of that
 * critic (first pass recorded with {@code createGraph}, second pass through it). Run with
 * {@code java -cp wgan-examples/target/jgrad.jar io.github.jgrad.wgan.examples.GraphExamples [folder]}
 * to print the step-throughs and write the DOT files (and SVG and PNG pictures, when Graphviz
 * is installed) into the folder, {@code docs/images} by default.
 */
public final class GraphExamples {
    private GraphExamples() {
    }

    /** A picture and the explanations that go with it. */
    public record Example(String name, GraphPicture picture, Explain.Explanation... explanations) {
    }

    /** {@code y = x * x * x} at 2; the picture is of its gradient {@code dy/dx}, recorded with createGraph. */
    public static Example cube() {
        Var x = Var.leaf(Tensor.scalar(2.0, DType.F64));
        Var y = x.mul(x).mul(x);
        Explain.Explanation first = Explain.backward(y).name(x, "x").name(y, "y").createGraph(true).wrt(x);
        Var dy = first.gradients().get(0);
        Explain.Explanation second = Explain.backward(dy).name(x, "x").name(dy, "dy").run();
        return new Example("graph-cube", GraphPicture.of(dy).name(x, "x").name(dy, "dy").withValues(), first, second);
    }

    /** A small two-layer critic with readable weights: 2 inputs, 3 hidden units, ReLU. */
    public record SmallCritic(Var w1, Var b1, Var w2, Var b2) {
        /** The fixed weights used in the docs. */
        public static SmallCritic docs() {
            return new SmallCritic(
                    Var.leaf(Tensor.of(new double[] {1, -1, 0.5, 1, -1, 0.5}, 3, 2)),
                    Var.leaf(Tensor.of(new double[] {0, 0.5, 0.25}, 3)),
                    Var.leaf(Tensor.of(new double[] {1, -0.5, 2}, 1, 3)),
                    Var.leaf(Tensor.of(new double[] {0.1}, 1)));
        }

        /** {@code D(x)}, {@code [N, 1]}. */
        public Var forward(Var x) {
            return LinalgOps.linear(LinalgOps.linear(x, w1, b1).relu(), w2, b2);
        }

        /** The parameters by their names in a state dict ({@code "0.weight"} ...). */
        public Map<Var, String> names() {
            Map<Var, String> names = new LinkedHashMap<>();
            names.put(w1, "0.weight");
            names.put(b1, "0.bias");
            names.put(w2, "2.weight");
            names.put(b2, "2.bias");
            return names;
        }
    }

    /** Two points, {@code [[1, 2], [-1, 0.5]]}. */
    public static Tensor points() {
        return Tensor.of(new double[] {1, 2, -1, 0.5}, 2, 2);
    }

    /** The critic's mean output on two points, differentiated with respect to its parameters. */
    public static Example critic() {
        SmallCritic c = SmallCritic.docs();
        Var x = Var.leaf(points(), false);
        Var d = c.forward(x).mean();
        Explain.Explanation e = Explain.backward(d).names(c.names()).name(x, "x").name(d, "D").run();
        d.backward();
        return new Example("graph-critic",
                GraphPicture.of(d).parameters(c.names()).name(x, "x").name(d, "D").withValues(), e);
    }

    /**
     * The gradient penalty {@code mean_i (||grad_x D(x_i)|| - 1)^2} at the two points: the first
     * pass takes {@code grad_x D} with createGraph, the second differentiates the penalty with
     * respect to the parameters through what the first recorded.
     */
    public static Example penalty() {
        SmallCritic c = SmallCritic.docs();
        Var x = Var.leaf(points());
        Var d = c.forward(x).sum();
        Explain.Explanation first = Explain.backward(d).names(c.names()).name(x, "x").name(d, "D")
                .createGraph(true).wrt(x);
        Var g = first.gradients().get(0);
        Var norms = CompositeOps.norm(g, new int[] {1}, false, 1e-12);
        Var penalty = norms.sub(1.0).square().mean();
        Explain.Explanation second = Explain.backward(penalty).names(c.names()).name(x, "x").name(g, "grad_x")
                .name(penalty, "P").wrt(c.w1(), c.b1(), c.w2(), c.b2());
        return new Example("graph-gradient-penalty",
                GraphPicture.of(penalty).parameters(c.names()).name(x, "x").name(g, "grad_x").name(penalty, "P")
                        .withValues(), first, second);
    }

    /**
     * The critic loss of the toy WGAN-GP ({@code 2 -> 512 -> 512 -> 512 -> 1}, ReLU) on 256 points,
     * mean output plus the gradient penalty, summarised per layer: its 37 values are forced over
     * the limit with {@code maxNodes(20)} (the default limit, 300, is meant for longer graphs).
     */
    public static Example summary() {
        Rng rng = new Rng(1);
        Sequential critic = new Sequential(new Linear(2, 512, rng), new ReLU(), new Linear(512, 512, rng), new ReLU(),
                new Linear(512, 512, rng), new ReLU(), new Linear(512, 1, rng));
        Tensor points = rng.normal(DType.F32, Shape.of(256, 2), 0, 1);
        Var loss = critic.forward(Var.constant(points)).mean()
                .add(new GradientPenalty(10).evaluate(critic, points).penalty());
        return new Example("graph-summary", GraphPicture.of(loss).parameters(ParameterNames.of(critic)).maxNodes(20));
    }

    /** Prints the step-throughs and writes each picture as DOT, and as SVG and PNG when Graphviz is there. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "docs/images");
        Files.createDirectories(dir);
        for (Example ex : new Example[] {cube(), critic(), penalty(), summary()}) {
            System.out.println("==== " + ex.name());
            for (Explain.Explanation e : ex.explanations()) {
                System.out.println(e);
            }
            Files.writeString(dir.resolve(ex.name() + ".dot"), ex.picture().toDot());
            try {
                ex.picture().render(dir.resolve(ex.name() + ".svg"));
                ex.picture().render(dir.resolve(ex.name() + ".png"));
                System.out.println("drew " + dir.resolve(ex.name() + ".svg") + " and .png");
            } catch (IllegalStateException noGraphviz) {
                System.out.println(noGraphviz.getMessage());
            }
        }
    }
}
