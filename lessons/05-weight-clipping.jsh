// Lesson 5: weight clipping, the original WGAN's way to keep the critic Lipschitz.
//   jshell --class-path wgan-examples/target/jgrad.jar lessons/05-weight-clipping.jsh
import io.github.jgrad.tensor.*;
import io.github.jgrad.autodiff.*;
import io.github.jgrad.nn.*;
import io.github.jgrad.nn.optim.*;
import io.github.jgrad.wgan.examples.EarthMover;

EarthMover.Distribution p = EarthMover.exampleP();
EarthMover.Distribution q = EarthMover.exampleQ();
System.out.printf("exact W1 = %.4f%n", EarthMover.exactPlan(p, q).cost());

// The same critic and loop as lesson 4, but after every optimizer step each weight is clamped
// to [-c, c]. (After, not before: clamping first would let the step push weights out again.)
Rng rng = new Rng(1);
Sequential critic = new Sequential(new Linear(1, 32, true, DType.F64, rng), new ReLU(),
        new Linear(32, 1, true, DType.F64, rng));
Optimizer opt = new RMSprop(critic.namedParameters(), 1e-2);
WeightClipping clip = new WeightClipping(0.1);
clip.apply(critic);
Var xp = Var.constant(Tensor.of(p.points(), 3, 1));
Var wp = Var.constant(Tensor.of(p.weights(), 3, 1));
Var xq = Var.constant(Tensor.of(q.points(), 3, 1));
Var wq = Var.constant(Tensor.of(q.weights(), 3, 1));
double gap = 0;
for (int step = 0; step <= 300; step++) {
    opt.zeroGrad();
    Var g = critic.forward(xp).mul(wp).sum().sub(critic.forward(xq).mul(wq).sum());
    gap = g.item();
    g.neg().backward();
    opt.step();
    clip.apply(critic);
}
// The critic can no longer run away, but it is far below the bound it is meant to reach: with
// 32 hidden units and every weight in [-0.1, 0.1], its slope is at most 32 * 0.1 * 0.1 = 0.32.
System.out.printf("clipped critic gap after 300 steps = %.4f%n", gap);
System.out.printf("largest |f'(x)| on [0, 5] = %.4f (at most 0.32)%n",
        LipschitzEstimate.of(critic, Tensor.of(new double[] {0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5}, 11, 1)));
// Many weights end up stuck on the bounds: the critic becomes a function of their signs.
System.out.printf("fraction of weights at +-c = %.2f%n", clip.fractionAtBounds(critic));
// The gap of a critic with Lipschitz constant K is at most K * W1: the estimate is off by an
// unknown factor, which is why clipping gives a distance only "up to a constant".
