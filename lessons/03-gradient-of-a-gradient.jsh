// Lesson 3: a gradient of a gradient.
//   jshell --class-path wgan-examples/target/jgrad.jar lessons/03-gradient-of-a-gradient.jsh
import io.github.jgrad.tensor.*;
import io.github.jgrad.autodiff.*;
import java.nio.file.Path;

Var x = Var.leaf(Tensor.scalar(2.0, DType.F64));
Var y = x.mul(x).mul(x);                   // y = x^3

// createGraph=true records the backward pass itself: dy is a Var with a graph of its own.
Var dy = Grad.grad(y, x, true);            // 3x^2 = 12
Var d2y = Grad.grad(dy, x, true);          // 6x = 12
Var d3y = Grad.grad(d2y, x, false);        // 6
System.out.println("dy/dx = " + dy.item() + ", d2y/dx2 = " + d2y.item() + ", d3y/dx3 = " + d3y.item());

// The graph of dy: the orange nodes are the ones the backward pass recorded.
Path folder = Path.of(System.getProperty("lessons.out", "runs/lessons"));
try {
    GraphPicture.of(dy).name(x, "x").withValues().render(folder.resolve("lesson3-gradient-graph.svg"));
    System.out.println("graph drawn: " + folder.resolve("lesson3-gradient-graph.svg"));
} catch (IllegalStateException noGraphviz) {
    System.out.println(GraphPicture.of(dy).name(x, "x").withValues().toDot());
}

// Step through both passes: the first recorded (createGraph), the second through what it recorded.
Var x2 = Var.leaf(Tensor.scalar(2.0, DType.F64));
Var y2 = x2.mul(x2).mul(x2);
Explain.Explanation first = Explain.backward(y2).name(x2, "x").name(y2, "y").createGraph(true).wrt(x2);
System.out.println(first);
Var g = first.gradients().get(0);
System.out.println(Explain.backward(g).name(x2, "x").name(g, "dy").run());

// Another function: f(x) = exp(x^2), f' = 2x exp(x^2), f'' = (2 + 4x^2) exp(x^2).
Var t = Var.leaf(Tensor.scalar(0.5, DType.F64));
Var f = t.square().exp();
Var df = Grad.grad(f, t, true);
Var d2f = Grad.grad(df, t, false);
System.out.printf("f'(0.5) = %.6f (2x e^(x^2) = %.6f), f''(0.5) = %.6f ((2 + 4x^2) e^(x^2) = %.6f)%n",
        df.item(), 2 * 0.5 * Math.exp(0.25), d2f.item(), 3 * Math.exp(0.25));
