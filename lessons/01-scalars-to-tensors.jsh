// Lesson 1: automatic differentiation, from scalars to tensors.
// Run from the repository root after building:
//   jshell --class-path wgan-examples/target/jgrad.jar lessons/01-scalars-to-tensors.jsh
import io.github.jgrad.tensor.*;
import io.github.jgrad.autodiff.*;
import java.nio.file.Path;
import java.util.Arrays;

// A leaf is a value you want derivatives with respect to. Float64 keeps the printed numbers exact.
Var x = Var.leaf(Tensor.scalar(3.0, DType.F64));

// Every operation computes its value at once and records itself in a graph.
Var y = x.mul(x).add(x.mul(2.0));          // y = x^2 + 2x
System.out.println("y = " + y.item());      // 9 + 6 = 15

// backward() walks the graph from y back to x and leaves dy/dx in x.grad().
y.backward();
System.out.println("dy/dx = " + x.grad().item());   // 2x + 2 = 8

// The same works for tensors. w is a 2x3 matrix, v a constant column.
Var w = Var.leaf(Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3));
Var v = Var.constant(Tensor.of(new double[] {1, 0, -1}, 3, 1));
Var wv = w.matmul(v);                      // [[1 - 3], [4 - 6]] = [[-2], [-2]]
Var out = wv.square().sum();               // (-2)^2 + (-2)^2 = 8
System.out.println("out = " + out.item());

// The graph that was recorded, as Graphviz DOT text (paste it into any Graphviz viewer) ...
System.out.println(GraphPicture.of(out).name(w, "w").name(v, "v").withValues().toDot());

// ... or drawn to a file, when Graphviz's `dot` program is installed (apt-get install graphviz).
Path folder = Path.of(System.getProperty("lessons.out", "runs/lessons"));
try {
    GraphPicture.of(out).name(w, "w").withValues().render(folder.resolve("lesson1-graph.svg"));
    System.out.println("graph drawn: " + folder.resolve("lesson1-graph.svg") + " (open it in a browser)");
} catch (IllegalStateException noGraphviz) {
    System.out.println(noGraphviz.getMessage());
}

// d out / d w = 2 (w v) v^T: each row is 2 * (-2) * [1, 0, -1] = [-4, 0, 4].
out.backward();
System.out.println("d out / d w = " + Arrays.toString(w.grad().toDoubleArray()));

// Your turn: change x or the formula for y, then type  y = ...; x.zeroGrad(); y.backward(); x.grad()
// and draw the graph of your own expression with GraphPicture.of(y).withValues().render(Path.of("mine.svg")).
