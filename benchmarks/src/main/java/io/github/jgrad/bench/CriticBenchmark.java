package io.github.jgrad.bench;

import io.github.jgrad.autodiff.Var;
import io.github.jgrad.nn.Module;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Tensor;
import io.github.jgrad.wgan.train.Trainer;
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
 * The critic of each workload: a forward pass over one batch, and a whole critic-step loss
 * (two forwards, the gradient penalty with its input gradient and double backward, then the
 * backward into the critic's parameters) without the optimizer step. WGAN-clip has no penalty,
 * so its second score is a plain forward and backward.
 *
 * <p>Scores are milliseconds per call. The batches are drawn once, seeded, so every call does
 * the same work.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class CriticBenchmark {

    /** Workload id, see {@link Workload}. */
    @Param({"toy-wgan-gp", "toy-wgan-clip", "mnist-mlp-wgan-gp", "mnist-conv-wgan-gp"})
    public String workload;

    private Workload w;
    private Module critic;
    private Tensor real;
    private Tensor fake;
    private Rng rng;

    /** Builds the networks and draws one real and one fake batch, seeded. */
    @Setup(Level.Trial)
    public void setUp() {
        w = Workload.fromId(workload);
        Trainer trainer = w.trainer(1);
        critic = trainer.critic();
        rng = new Rng(7);
        real = w.data().sample(w.batchSize(), rng);
        fake = trainer.sampleFakes(w.batchSize(), rng);
    }

    /** The critic's forward pass over a real batch, recording the graph as training does. */
    @Benchmark
    public Tensor forward() {
        return critic.forward(Var.constant(real)).value();
    }

    /** Critic-step loss (with the penalty for WGAN-GP) and its gradients for every parameter. */
    @Benchmark
    public List<Var> forwardPenaltyBackward() {
        return Workload.parameterGradients(w.criticLoss(critic, real, fake, rng), critic);
    }
}
