// Lesson 4: the Wasserstein critic, and why it must be 1-Lipschitz.
//   jshell --class-path wgan-examples/target/jgrad.jar lessons/04-wasserstein-critic.jsh
import io.github.jgrad.tensor.*;
import io.github.jgrad.autodiff.*;
import io.github.jgrad.nn.*;
import io.github.jgrad.nn.optim.*;
import io.github.jgrad.wgan.examples.EarthMover;

// Two distributions on the line: P has masses 0.4, 0.2, 0.4 at 0, 2, 5; Q has 0.3, 0.4, 0.3 at 1, 3, 4.
EarthMover.Distribution p = EarthMover.exampleP();
EarthMover.Distribution q = EarthMover.exampleQ();

// The earth mover's distance W1 is the cheapest way to move P's mass onto Q's (cost = mass x distance).
EarthMover.Plan plan = EarthMover.exactPlan(p, q);
plan.moves().forEach(m -> System.out.printf("  move %.1f from %.0f to %.0f%n", m.mass(), m.from(), m.to()));
System.out.printf("exact W1 = %.4f%n", plan.cost());

// Kantorovich-Rubinstein: W1 = max over 1-Lipschitz f of E_P[f] - E_Q[f]. One such f has slope
// -1 where P's cumulative mass is ahead of Q's and +1 elsewhere:
double gapOfOptimal = 0;
for (int i = 0; i < 3; i++) {
    gapOfOptimal += p.weights()[i] * EarthMover.optimalCritic(p, q, p.points()[i])
            - q.weights()[i] * EarthMover.optimalCritic(p, q, q.points()[i]);
}
System.out.printf("E_P[f] - E_Q[f] for the optimal 1-Lipschitz critic = %.4f%n", gapOfOptimal);

// A critic network trained to maximise the gap with NO constraint: nothing stops it from scaling
// itself up, so the gap grows without limit and says nothing about the distance.
Rng rng = new Rng(1);
Sequential critic = new Sequential(new Linear(1, 32, true, DType.F64, rng), new ReLU(),
        new Linear(32, 1, true, DType.F64, rng));
Optimizer opt = new Adam(critic.namedParameters(), 1e-2);
Var xp = Var.constant(Tensor.of(p.points(), 3, 1));
Var wp = Var.constant(Tensor.of(p.weights(), 3, 1));
Var xq = Var.constant(Tensor.of(q.points(), 3, 1));
Var wq = Var.constant(Tensor.of(q.weights(), 3, 1));
double[] gaps = new double[301];
for (int step = 0; step <= 300; step++) {
    opt.zeroGrad();
    Var gap = critic.forward(xp).mul(wp).sum().sub(critic.forward(xq).mul(wq).sum());
    gaps[step] = gap.item();
    gap.neg().backward();                  // minimise -gap, i.e. maximise the gap
    opt.step();
}
System.out.printf("unconstrained critic gap after 0, 100, 200, 300 steps: %.3f, %.3f, %.3f, %.3f%n",
        gaps[0], gaps[100], gaps[200], gaps[300]);
// Its slope: far above 1, so it is not an estimate of W1. Lessons 5 and 6 constrain it.
System.out.printf("largest |f'(x)| on [0, 5] = %.2f%n",
        LipschitzEstimate.of(critic, Tensor.of(new double[] {0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5}, 11, 1)));
