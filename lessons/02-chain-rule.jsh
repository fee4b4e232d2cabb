// Lesson 2: the chain rule, by hand and by the engine, step by step.
//   jshell --class-path wgan-examples/target/jgrad.jar lessons/02-chain-rule.jsh
import io.github.jgrad.tensor.*;
import io.github.jgrad.autodiff.*;

// A one-neuron network: y = tanh(w x + b).
Var x = Var.leaf(Tensor.scalar(0.5, DType.F64));
Var w = Var.leaf(Tensor.scalar(2.0, DType.F64));
Var b = Var.leaf(Tensor.scalar(-0.25, DType.F64));
Var u = w.mul(x).add(b);                    // u = 2 * 0.5 - 0.25 = 0.75
Var y = u.tanh();

// By hand: dy/du = 1 - tanh(u)^2, and du/dw = x, du/dx = w, du/db = 1.
double dydu = 1 - Math.tanh(0.75) * Math.tanh(0.75);
System.out.printf("by hand: dy/dw = %.6f, dy/dx = %.6f, dy/db = %.6f%n", dydu * 0.5, dydu * 2.0, dydu);

// The engine applies the same rules, one node at a time, outputs first. Explain shows each step:
// the gradient arriving at a node, the op table's rule, and what it sends to each input.
Explain.Explanation steps = Explain.backward(y).name(x, "x").name(w, "w").name(b, "b").name(u, "u").name(y, "y").run();
System.out.println(steps);

// backward() does the same and stores the results in the leaves.
y.backward();
System.out.printf("engine:  dy/dw = %.6f, dy/dx = %.6f, dy/db = %.6f%n",
        w.grad().item(), x.grad().item(), b.grad().item());

// Where a value is used twice, the gradients of its uses add up: z = x * x has dz/dx = x + x.
Var z = x.mul(x);
System.out.println(Explain.backward(z).name(x, "x").name(z, "z").run());
