package io.github.jgrad.bench;

import io.github.jgrad.autodiff.Grad;
import io.github.jgrad.autodiff.Var;
import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
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
 * What one framework operation costs when its arithmetic is negligible: an elementwise product
 * of {@code n} floats and an {@code s x s} matrix product, as plain tensors (the baseline: no
 * graph), as a recorded forward, and as forward plus backward to both inputs. The difference
 * between the baseline and the recorded forward is the autodiff bookkeeping per op; the MNIST
 * MLP workload runs about 4,000 such ops per iteration, so it is bounded by this number.
 *
 * <p>Scores are nanoseconds per call. The backward seeds the output gradient explicitly (no
 * extra reduction op), so it measures one op's backward rule and the engine's traversal.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
public class OverheadBenchmark {

    /** Elements of the elementwise operands (64: arithmetic is a few nanoseconds). */
    @Param({"64"})
    public int n;

    /** Side of the square matrices of the matmul (8: 1,024 flops). */
    @Param({"8"})
    public int s;

    private Tensor a;
    private Tensor b;
    private Tensor p;
    private Tensor q;
    private Var ones;
    private Var onesMatrix;

    /** Seeded operands. */
    @Setup(Level.Trial)
    public void setUp() {
        Rng rng = new Rng(3);
        a = rng.normal(DType.F32, Shape.of(n), 0, 1);
        b = rng.normal(DType.F32, Shape.of(n), 0, 1);
        p = rng.normal(DType.F32, Shape.of(s, s), 0, 1);
        q = rng.normal(DType.F32, Shape.of(s, s), 0, 1);
        ones = Var.constant(Tensor.ones(DType.F32, Shape.of(n)));
        onesMatrix = Var.constant(Tensor.ones(DType.F32, Shape.of(s, s)));
    }

    /** Baseline: the elementwise product on plain tensors, no graph. */
    @Benchmark
    public Tensor mulTensor() {
        return a.mul(b);
    }

    /** The elementwise product of two leaves, recording its graph node. */
    @Benchmark
    public Var mulForward() {
        return Var.leaf(a).mul(Var.leaf(b));
    }

    /** The elementwise product and the gradients to both leaves. */
    @Benchmark
    public List<Var> mulForwardBackward() {
        Var x = Var.leaf(a);
        Var y = Var.leaf(b);
        return Grad.grad(List.of(x.mul(y)), List.of(x, y), List.of(ones), false, false, false);
    }

    /** Baseline: the matrix product on plain tensors, no graph. */
    @Benchmark
    public Tensor matmulTensor() {
        return p.matmul(q);
    }

    /** The matrix product of two leaves, recording its graph node. */
    @Benchmark
    public Var matmulForward() {
        return Var.leaf(p).matmul(Var.leaf(q));
    }

    /** The matrix product and the gradients to both leaves (two more products). */
    @Benchmark
    public List<Var> matmulForwardBackward() {
        Var x = Var.leaf(p);
        Var y = Var.leaf(q);
        return Grad.grad(List.of(x.matmul(y)), List.of(x, y), List.of(onesMatrix), false, false, false);
    }
}
