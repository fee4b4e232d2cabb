package io.github.jgrad.wgan.train;

import io.github.jgrad.autodiff.Grad;
import io.github.jgrad.autodiff.NoGrad;
import io.github.jgrad.autodiff.Var;
import io.github.jgrad.nn.Module;
import io.github.jgrad.nn.Parameter;
import io.github.jgrad.nn.optim.Adam;
import io.github.jgrad.nn.optim.LRScheduler;
import io.github.jgrad.nn.optim.LinearDecay;
import io.github.jgrad.nn.optim.Optimizer;
import io.github.jgrad.nn.optim.RMSprop;
import io.github.jgrad.tensor.BufferPool;
import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Fused;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import io.github.jgrad.wgan.data.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one training loop shared by all objectives: per generator iteration, {@code nCritic}
 * critic steps (each: real batch, fake batch from the frozen generator, the objective's loss
 * plus its control's penalty if any, optimizer step, then its control's constraint if any), then
 * one generator step. What differs between objectives lives in {@link Objective} and the run's
 * {@link CriticControl}.
 *
 * <p>One {@link Rng} drives data, noise and interpolation weights, so a run is a pure function
 * of its seed (bit for bit on one BLAS backend and thread count; see {@code MatMul}), and its
 * state (one long) is all a checkpoint needs to resume bit for bit.
 */
public final class Trainer {
    private final TrainConfig config;
    private final Module generator;
    private final Module critic;
    private final int noiseDim;
    private final DataSource data;
    private final Rng rng;
    private final Optimizer criticOpt;
    private final Optimizer generatorOpt;
    private final LRScheduler criticSchedule;
    private final LRScheduler generatorSchedule;
    private final CriticControl control;
    private int iteration;

    /**
     * @param generator maps noise {@code [N, noiseDim]} to samples shaped like {@code data}'s
     * @param critic maps samples to one value per sample {@code [N, 1]}
     * @param data the real samples; the trainer only ever draws batches from it
     * @param rng the run's generator (also used to initialise the networks before this call)
     */
    public Trainer(TrainConfig config, Module generator, Module critic, int noiseDim, DataSource data, Rng rng) {
        this.config = config;
        this.generator = generator;
        this.critic = critic;
        this.noiseDim = noiseDim;
        this.data = data;
        this.rng = rng;
        this.criticOpt = optimizer(critic, config.criticLr());
        this.generatorOpt = optimizer(generator, config.generatorLr());
        this.criticSchedule = config.lrDecay() ? new LinearDecay(criticOpt, 1.0, 0.0, config.iterations()) : null;
        this.generatorSchedule = config.lrDecay()
                ? new LinearDecay(generatorOpt, 1.0, 0.0, config.iterations()) : null;
        this.control = config.objective().control(config);
    }

    private Optimizer optimizer(Module m, double lr) {
        Map<String, Parameter> ps = m.namedParameters();
        return config.usesAdam() ? new Adam(ps, lr, config.beta1(), config.beta2()) : new RMSprop(ps, lr);
    }

    /** The settings. */
    public TrainConfig config() {
        return config;
    }

    /** Generator iterations completed so far. */
    public int iteration() {
        return iteration;
    }

    /** Sets the completed-iteration count (when resuming from a checkpoint). */
    public void setIteration(int iteration) {
        this.iteration = iteration;
    }

    /** The generator. */
    public Module generator() {
        return generator;
    }

    /** The critic. */
    public Module critic() {
        return critic;
    }

    /** The critic's optimizer. */
    public Optimizer criticOptimizer() {
        return criticOpt;
    }

    /** The generator's optimizer. */
    public Optimizer generatorOptimizer() {
        return generatorOpt;
    }

    /** The critic's learning-rate schedule, or null for a constant rate. */
    public LRScheduler criticSchedule() {
        return criticSchedule;
    }

    /** The generator's learning-rate schedule, or null for a constant rate. */
    public LRScheduler generatorSchedule() {
        return generatorSchedule;
    }

    /** The real data the critic is shown. */
    public DataSource data() {
        return data;
    }

    /** The run's Lipschitz control (penalty, constraint, input transformation and its state). */
    public CriticControl control() {
        return control;
    }

    /** The run's random generator. */
    public Rng rng() {
        return rng;
    }

    /**
     * Runs one generator iteration (with its critic steps) and returns what it measured.
     *
     * @throws NonFiniteTrainingException at the first loss or gradient that is NaN or infinite,
     *     naming it; the step that would have written it into the weights is not taken
     */
    public IterationStats step() {
        CriticStep last = null;
        int steps = config.criticSteps(iteration);
        for (int s = 0; s < steps; s++) {
            last = criticStep();
        }
        double gLoss = generatorStep();
        iteration++;
        if (criticSchedule != null) {
            criticSchedule.step();
            generatorSchedule.step();
        }
        double clipped = control.fractionAtBounds(critic);
        return new IterationStats(iteration, last.loss, last.penalty, gLoss, last.meanReal, last.meanFake,
                last.normMean, last.normStd, clipped);
    }

    private record CriticStep(double loss, double penalty, double meanReal, double meanFake,
                              double normMean, double normStd) {
    }

    /**
     * One critic step inside a {@link BufferPool#openStep step scope}: the arrays of its batches,
     * activations, penalty graph and gradients are handed back when it ends and serve the next
     * step, so a steady run allocates little. Nothing created here outlives it but the doubles
     * it returns (the optimizer's state is created outside the step's record, and the
     * parameters' gradients are cleared).
     */
    private CriticStep criticStep() {
        try (BufferPool.StepScope ignored = BufferPool.openStep()) {
            return criticStepInScope();
        }
    }

    private CriticStep criticStepInScope() {
        Tensor real = data.sample(config.batchSize(), rng);
        Tensor fake = sampleFakes(config.batchSize());
        Var dReal = critic.forward(control.criticInput(Var.constant(real), iteration, rng));
        Var dFake = critic.forward(control.criticInput(Var.constant(fake), iteration, rng));
        Var loss = config.objective().criticLoss(dReal, dFake, config);
        double normMean = Double.NaN;
        double normStd = Double.NaN;
        Var total = loss;
        double pen = 0;
        CriticControl.Penalty p = control.penalty(critic, real, fake, rng);
        if (p != null) {
            total = loss.add(p.value());
            pen = p.value().item();
            if (p.gradientNorms() != null) {
                normMean = p.gradientNorms().mean().item();
                normStd = Math.sqrt(p.gradientNorms().variance(null, 0, false).item());
            }
        }
        checkFinite("critic loss", loss.item());
        if (p != null) {
            checkFinite(config.objective().penaltyName(), pen);
        }
        applyGradients(total, "critic", critic, criticOpt);
        control.afterCriticStep(critic);
        return new CriticStep(loss.item(), pen, dReal.value().mean().item(), dFake.value().mean().item(),
                normMean, normStd);
    }

    /** One generator step inside a step scope of its own, as {@link #criticStep()}. */
    private double generatorStep() {
        try (BufferPool.StepScope ignored = BufferPool.openStep()) {
            return generatorStepInScope();
        }
    }

    private double generatorStepInScope() {
        Var fake = generator.forward(Var.constant(noise(config.batchSize())));
        Var loss = config.objective().generatorLoss(critic.forward(control.criticInput(fake, iteration, rng)));
        checkFinite("generator loss", loss.item()); // before the step, which would spread it into the weights
        applyGradients(loss, "generator", generator, generatorOpt);
        return loss.item();
    }

    /**
     * Backpropagates {@code loss} into {@code module}'s parameters only (the engine skips the
     * other network's weights entirely), checks the gradients, and steps the optimizer.
     *
     * @param side "critic" or "generator", naming the module in an error
     * @throws NonFiniteTrainingException if a gradient is NaN or infinite; the weights are then
     *     left as they were
     */
    private void applyGradients(Var loss, String side, Module module, Optimizer opt) {
        Map<String, Parameter> named = module.namedParameters();
        List<Var> leaves = new ArrayList<>(named.size());
        for (Parameter p : named.values()) {
            leaves.add(p.var());
        }
        List<Var> grads = Grad.grad(List.of(loss), leaves, null, false, false, true);
        double squares = 0;
        String firstBad = null;
        int i = 0;
        for (Map.Entry<String, Parameter> e : named.entrySet()) {
            Var g = grads.get(i++);
            e.getValue().var().setGrad(g == null ? null : g.value());
            // In double, so finite exactly when every element is: the norm and the check in one pass.
            double s = g == null ? 0 : Fused.sumOfSquares(g.value());
            if (!Double.isFinite(s) && firstBad == null) {
                firstBad = side + "." + e.getKey();
            }
            squares += s;
        }
        if (firstBad != null) {
            // A finite loss can still have a non-finite gradient (a square root at 0, an overflow
            // in backward); stepping would write it into the weights.
            module.zeroGrad();
            throw new NonFiniteTrainingException(side + " gradient norm became " + Math.sqrt(squares)
                    + " at generator iteration " + (iteration + 1) + "; first non-finite gradient: " + firstBad
                    + "; the weights were not updated. Lower the learning rate, or run with --anomaly to find the"
                    + " operation");
        }
        try {
            opt.step();
        } finally {
            // The gradients' arrays are handed back when the step ends; no parameter may keep them.
            module.zeroGrad();
        }
    }

    private Tensor sampleFakes(int n) {
        return sampleFakes(n, rng);
    }

    /**
     * A batch of generator samples, computed without a graph, from noise drawn with {@code r}.
     * Evaluation passes its own generator so that it never disturbs the training stream.
     */
    public Tensor sampleFakes(int n, Rng r) {
        try (NoGrad ignored = NoGrad.enter()) {
            return generator.forward(Var.constant(noise(n, r))).value();
        }
    }

    private Tensor noise(int n) {
        return noise(n, rng);
    }

    private Tensor noise(int n, Rng r) {
        return r.normal(DType.F32, Shape.of(n, noiseDim), 0, 1);
    }

    /**
     * Stops training at the first non-finite loss, naming it and, when a weight has already
     * gone bad, the first such parameter. Checking the scalar losses each step is cheap, and a
     * NaN anywhere in the weights or gradients reaches the next loss within one step.
     */
    private void checkFinite(String what, double v) {
        if (Double.isFinite(v)) {
            return;
        }
        String bad = firstNonFiniteParameter("critic", critic);
        if (bad == null) {
            bad = firstNonFiniteParameter("generator", generator);
        }
        throw new NonFiniteTrainingException(what + " became " + v + " at generator iteration " + (iteration + 1)
                + (bad == null ? "" : "; first non-finite parameter: " + bad)
                + ". Lower the learning rate, or run with --anomaly to find the operation");
    }

    /** The state-dict name (with a prefix) of the first parameter holding a NaN or infinity, or null. */
    static String firstNonFiniteParameter(String prefix, Module m) {
        for (Map.Entry<String, Parameter> e : m.namedParameters().entrySet()) {
            Tensor t = e.getValue().value();
            for (int i = 0; i < t.size(); i++) {
                if (!Double.isFinite(t.getDouble(i))) {
                    return prefix + "." + e.getKey();
                }
            }
        }
        return null;
    }
}
