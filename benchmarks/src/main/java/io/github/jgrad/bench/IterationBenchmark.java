package io.github.jgrad.bench;

import io.github.jgrad.wgan.train.IterationStats;
import io.github.jgrad.wgan.train.Trainer;
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
 * One whole generator iteration of each workload ({@code n_critic} = 5 critic steps with their
 * optimizer steps, then one generator step), through the real {@link Trainer}. Scores are
 * milliseconds per iteration; {@code 1000 / score} is comparable with the iterations per second
 * of REFERENCE.md and of {@link SideBySide}.
 *
 * <p>Allocation per iteration: run with {@code -prof gc} and read {@code gc.alloc.rate.norm}
 * (bytes per iteration).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 4, time = 3)
@Measurement(iterations = 5, time = 3)
public class IterationBenchmark {

    /** Workload id, see {@link Workload}. */
    @Param({"toy-wgan-gp", "toy-wgan-clip", "mnist-mlp-wgan-gp", "mnist-conv-wgan-gp"})
    public String workload;

    private Trainer trainer;

    /** A fresh, seeded trainer; it keeps training across calls, as a real run does. */
    @Setup(Level.Trial)
    public void setUp() {
        trainer = Workload.fromId(workload).trainer(1);
    }

    /** One generator iteration; its statistics are returned so nothing is optimised away. */
    @Benchmark
    public IterationStats generatorIteration() {
        return trainer.step();
    }
}
