package io.github.jgrad.bench;

import io.github.jgrad.autodiff.Var;
import io.github.jgrad.nn.GradientPenalty;
import io.github.jgrad.nn.Module;
import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import io.github.jgrad.wgan.train.Networks;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The gradient penalty's double backward against a plain backward, on the toy critic
 * (MLP 2-512-512-512-1, ReLU) at the toy batch size.
 *
 * <ul>
 *   <li>{@code forward}: the critic on one batch (the common part of both);</li>
 *   <li>{@code plainBackward}: forward, then the gradients of {@code mean D(x)} for every
 *       parameter;</li>
 *   <li>{@code penaltyDoubleBackward}: forward, the input gradient with {@code createGraph},
 *       the penalty on its per-sample norms, then the gradients of the penalty for every
 *       parameter (the backward through the backward).</li>
 * </ul>
 * The ratio the autodiff issue asks for is {@code penaltyDoubleBackward / plainBackward}; the
 * ratio of the backward parts alone subtracts {@code forward} from both. Milliseconds per call.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
public class DoubleBackwardBenchmark {

    /** Samples per batch (256 in the toy workloads). */
    @Param({"256"})
    public int batch;

    /** Hidden width of the toy critic (512 in the toy workloads). */
    @Param({"512"})
    public int width;

    private Module critic;
    private Tensor x;
    private GradientPenalty penalty;

    /** A seeded toy critic and batch; lambda as in the toy WGAN-GP runs. */
    @Setup(Level.Trial)
    public void setUp() {
        Rng rng = new Rng(5);
        critic = Networks.toyMlp(2, width, 1, rng);
        x = rng.normal(DType.F32, Shape.of(batch, 2), 0, 1);
        penalty = new GradientPenalty(0.1);
    }

    /** The critic's forward pass, recording the graph. */
    @Benchmark
    public Tensor forward() {
        return critic.forward(Var.constant(x)).value();
    }

    /** Forward, then the parameter gradients of the mean critic output. */
    @Benchmark
    public List<Var> plainBackward() {
        return Workload.parameterGradients(critic.forward(Var.constant(x)).mean(), critic);
    }

    /** Forward, input gradient with its graph, penalty, then the penalty's parameter gradients. */
    @Benchmark
    public List<Var> penaltyDoubleBackward() {
        return Workload.parameterGradients(penalty.evaluate(critic, x).penalty(), critic);
    }
}
