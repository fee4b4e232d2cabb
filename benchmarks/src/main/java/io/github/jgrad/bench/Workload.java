package io.github.jgrad.bench;

import io.github.jgrad.autodiff.Grad;
import io.github.jgrad.autodiff.Var;
import io.github.jgrad.nn.GradientPenalty;
import io.github.jgrad.nn.Module;
import io.github.jgrad.nn.Parameter;
import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import io.github.jgrad.wgan.data.DataSource;
import io.github.jgrad.wgan.data.ToyData;
import io.github.jgrad.wgan.train.Networks;
import io.github.jgrad.wgan.train.Objective;
import io.github.jgrad.wgan.train.TrainConfig;
import io.github.jgrad.wgan.train.Trainer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The four training workloads of REFERENCE.md ("Speed of the reference"), built exactly as
 * {@code benchmarks/python/wgan_torch.py} builds them for PyTorch: same networks, batch sizes,
 * n_critic, optimizers and penalty weights.
 *
 * <p>The MNIST workloads draw uniform [-1, 1) tensors shaped like MNIST instead of reading the
 * IDX files: the speed does not depend on pixel values, and the benchmarks then need no files.
 */
public enum Workload {
    /** Toy WGAN-GP: MLP 2-512-512-512 (ReLU), batch 256, Adam 1e-4 (0.5, 0.9), lambda 0.1. */
    TOY_WGAN_GP("toy-wgan-gp", Objective.WGAN_GP, true, 256, 2,
            rng -> Networks.toyMlp(2, 512, 1, rng), rng -> Networks.toyMlp(2, 512, 2, rng)),
    /** Toy WGAN-clip: the same nets, RMSprop 5e-5, weights clipped to [-0.01, 0.01]. */
    TOY_WGAN_CLIP("toy-wgan-clip", Objective.WGAN_CLIP, true, 256, 2,
            rng -> Networks.toyMlp(2, 512, 1, rng), rng -> Networks.toyMlp(2, 512, 2, rng)),
    /** MNIST MLP WGAN-GP: critic 784-512-256-1, generator 128-256-512-784 (tanh), batch 64, lambda 10. */
    MNIST_MLP_WGAN_GP("mnist-mlp-wgan-gp", Objective.WGAN_GP, false, 64, 128,
            Networks::mnistMlpCritic, Networks::mnistMlpGenerator),
    /** The small convolutional WGAN-GP on 1x28x28, batch 64, lambda 10. */
    MNIST_CONV_WGAN_GP("mnist-conv-wgan-gp", Objective.WGAN_GP, false, 64, 128,
            Networks::mnistConvCritic, Networks::mnistConvGenerator);

    private final String id;
    private final Objective objective;
    private final boolean toy;
    private final int batchSize;
    private final int noiseDim;
    private final Function<Rng, Module> critic;
    private final Function<Rng, Module> generator;

    Workload(String id, Objective objective, boolean toy, int batchSize, int noiseDim,
             Function<Rng, Module> critic, Function<Rng, Module> generator) {
        this.id = id;
        this.objective = objective;
        this.toy = toy;
        this.batchSize = batchSize;
        this.noiseDim = noiseDim;
        this.critic = critic;
        this.generator = generator;
    }

    /** The name used by {@code @Param workload}, the side-by-side runner and the Python script. */
    public String id() {
        return id;
    }

    /** Samples per batch. */
    public int batchSize() {
        return batchSize;
    }

    /**
     * The workload named {@code id}.
     *
     * @throws IllegalArgumentException naming the known ids if there is none
     */
    public static Workload fromId(String id) {
        for (Workload w : values()) {
            if (w.id.equals(id)) {
                return w;
            }
        }
        List<String> ids = new ArrayList<>();
        for (Workload w : values()) {
            ids.add(w.id);
        }
        throw new IllegalArgumentException("unknown workload " + id + "; known: " + String.join(", ", ids));
    }

    /** The training settings: REFERENCE.md's defaults for the objective, at this batch size. */
    public TrainConfig config() {
        return TrainConfig.defaults(objective, toy).withBatchSize(batchSize);
    }

    /** Real samples: 8 Gaussians for the toy workloads, MNIST-shaped noise otherwise. */
    public DataSource data() {
        if (toy) {
            return ToyData.EIGHT_GAUSSIANS;
        }
        // The conv critic takes images, the MLP critic flat rows, as the generators produce them.
        Shape sample = this == MNIST_CONV_WGAN_GP ? Shape.of(1, 28, 28) : Shape.of(784);
        return DataSource.of("uniform noise " + sample, sample, (n, rng) -> rng.uniform(DType.F32, prepend(n, sample), -1, 1));
    }

    private static Shape prepend(int n, Shape rest) {
        int[] dims = new int[rest.rank() + 1];
        dims[0] = n;
        for (int i = 0; i < rest.rank(); i++) {
            dims[i + 1] = rest.dim(i);
        }
        return Shape.of(dims);
    }

    /** A trainer with freshly initialised networks, everything drawn from {@code seed}. */
    public Trainer trainer(long seed) {
        Rng rng = new Rng(seed);
        Module d = critic.apply(rng);
        Module g = generator.apply(rng);
        return new Trainer(config(), g, d, noiseDim, data(), rng);
    }

    /**
     * The critic-step loss without the optimizer: {@code D(fake) - D(real)}, plus the gradient
     * penalty for WGAN-GP (whose backward is the double backward). WGAN-clip has no penalty, so
     * its loss is the plain Wasserstein estimate.
     */
    public Var criticLoss(Module d, Tensor real, Tensor fake, Rng rng) {
        Var loss = objective.criticLoss(d.forward(Var.constant(real)), d.forward(Var.constant(fake)));
        if (objective == Objective.WGAN_GP) {
            loss = loss.add(new GradientPenalty(config().lambda()).compute(d, real, fake, rng).penalty());
        }
        return loss;
    }

    /** Gradients of {@code loss} with respect to every parameter of {@code m}, in parameter order. */
    public static List<Var> parameterGradients(Var loss, Module m) {
        List<Var> leaves = new ArrayList<>();
        for (Parameter p : m.parameters()) {
            leaves.add(p.var());
        }
        return Grad.grad(List.of(loss), leaves, null, false, false, true);
    }
}
