// Lesson 6: the gradient penalty (WGAN-GP), a gradient of a gradient at work.
//   jshell --class-path wgan-examples/target/jgrad.jar lessons/06-gradient-penalty.jsh
import io.github.jgrad.tensor.*;
import io.github.jgrad.autodiff.*;
import io.github.jgrad.nn.*;
import io.github.jgrad.wgan.examples.EarthMover;
import java.util.List;

// A critic with one hidden layer: D(x) = w2 . relu(W1 x + b1), on 2-D points.
Var w1 = Var.leaf(Tensor.of(new double[] {1, 2, 1, 0.5}, 2, 2));
Var b1 = Var.leaf(Tensor.of(new double[] {0.5, 0.25}, 2));
Var w2 = Var.leaf(Tensor.of(new double[] {1.5, -1}, 1, 2));
Var xHat = Var.leaf(Tensor.of(new double[] {1, 0, 0, 1}, 2, 2));   // two points between real and fake
Var d = xHat.matmul(w1, false, true).add(b1).relu().matmul(w2, false, true);

// First pass, with createGraph: the gradient of D with respect to its input, as a Var in a graph.
// Both hidden units are on at both points, so grad_x D = W1^T w2 = [1.5 - 1, 3 - 0.5] = [0.5, 2.5].
Var g = Grad.grad(List.of(d.sum()), List.of(xHat), null, true, true, false).get(0);
System.out.println("grad_x D = " + java.util.Arrays.toString(g.value().toDoubleArray()));

// The penalty: mean over points of (||grad_x D|| - 1)^2. Here ||[0.5, 2.5]|| = sqrt(6.5) at both.
Var norms = CompositeOps.norm(g, new int[] {1}, false, 1e-12);
Var penalty = norms.sub(1.0).square().mean();
System.out.printf("penalty = %.6f ((sqrt(6.5) - 1)^2 = %.6f)%n", penalty.item(), Math.pow(Math.sqrt(6.5) - 1, 2));

// Second pass: differentiate the penalty with respect to the weights. This goes back through the
// graph the first pass recorded (draw it with GraphPicture: its orange nodes).
// (JShell ends a statement at the end of a line where it could end, so chains stay on one line.)
Explain.Explanation second = Explain.backward(penalty).name(penalty, "P").name(w1, "W1").name(b1, "b1").name(w2, "w2").name(xHat, "xhat").wrt(w1, b1, w2);
System.out.println(second);
// ReLU's mask is a constant, so the penalty does not depend on b1 at all: its gradient is 0.
// Check dP/dw2[0] against a finite difference of the penalty:
double h = 1e-6;
java.util.function.DoubleUnaryOperator penaltyAt = a -> {
    double n = Math.sqrt(Math.pow(a - 1, 2) + Math.pow(2 * a - 0.5, 2));   // W1^T w2 with w2 = [a, -1]
    return Math.pow(n - 1, 2);
};
System.out.printf("dP/dw2[0] = %.6f (finite difference %.6f)%n",
        second.gradients().get(2).value().getDouble(0), (penaltyAt.applyAsDouble(1.5 + h) - penaltyAt.applyAsDouble(1.5 - h)) / (2 * h));

// Trained with the penalty, a critic estimates W1 itself, not a multiple of it (compare lesson 5).
// The one-sided form penalises only norms above 1; the two-sided form, from this start, sticks at
// slope +1 everywhere: to turn its slope to -1 on [0, 3] it would have to pass through slope 0,
// where (0 - 1)^2 is a wall. docs/lipschitz.md draws both penalties.
EarthMover.Distribution p = EarthMover.exampleP();
EarthMover.Distribution q = EarthMover.exampleQ();
EarthMover.CriticEstimate oneSided = EarthMover.trainCritic(p, q, 50, true, 1000, 1);
System.out.printf("exact W1 = %.4f, critic estimate (one-sided penalty, lambda 50) = %.4f%n",
        EarthMover.exactPlan(p, q).cost(), oneSided.estimate());
