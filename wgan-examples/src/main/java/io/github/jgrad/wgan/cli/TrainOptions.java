package io.github.jgrad.wgan.cli;

import io.github.jgrad.wgan.train.NetworkInit;
import io.github.jgrad.wgan.train.Objective;
import io.github.jgrad.wgan.train.RunSpec;
import io.github.jgrad.wgan.train.TrainConfig;
import io.github.jgrad.wgan.data.DataKind;
import io.github.jgrad.wgan.data.DataOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options that describe a training run; unset ones take REFERENCE.md's defaults for the objective. */
final class TrainOptions {
    @Option(names = "--objective", paramLabel = "NAME", defaultValue = "wgan-gp",
            completionCandidates = ObjectiveNames.class,
            description = "One of: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); docs/lipschitz.md says what "
                + "each does.")
    String objective;

    @Option(names = "--data", paramLabel = "SET", defaultValue = "8gaussians",
            description = "8gaussians, 25gaussians, swissroll, mnist, a CSV table (path.csv or csv:path), or a folder "
                    + "of PNG/JPEG images (its path, or images:path) (default: ${DEFAULT-VALUE}).")
    String data;

    @Option(names = "--categorical", paramLabel = "COLUMNS", split = ",",
            description = "Table columns to treat as categories though they hold numbers (columns holding text are "
                    + "categorical anyway), comma-separated.")
    List<String> categorical = new ArrayList<>();

    @Option(names = "--drop-missing", description = "Leave out table rows with a missing value (blank, NA, NaN, ?) "
            + "instead of stopping at the first.")
    boolean dropMissing;

    @Option(names = "--image-size", paramLabel = "N", description = "For a folder of images: centre-crop and resize "
            + "every image to N x N, N a multiple of 4 (default: the first image's shorter side).")
    int imageSize;

    @Option(names = "--channels", paramLabel = "C", description = "For a folder of images: 1 (grey) or 3 (colour) "
            + "(default: the first image's).")
    int channels;

    @Option(names = "--target", paramLabel = "COLUMN", description = "A table column to predict in the "
            + "train-synthetic-test-real metric: a model trained on synthetic rows and one trained on real rows, both "
            + "tested on held-out real rows.")
    String target;

    @Option(names = "--network", paramLabel = "NET",
            description = "toy (MLP, for the 2-D sets), mnist-mlp, mnist-conv or resnet (residual blocks as in the "
                + "WGAN-GP paper's ResNet models, for 28x28 and 32x32 images), table, conv (default: toy, mnist-conv "
                + "for mnist, table for a table, conv for images).")
    String network;

    @Option(names = "--width", description = "Hidden width of the MLPs (default: 512 toy; a table's from its columns, "
            + "4 per encoded value within 128-512).")
    Integer width;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "../shared/data/mnist",
            description = "Folder with the MNIST IDX files, gzipped or plain (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--iterations", description = "Generator iterations (default: 6000).")
    Integer iterations;

    @Option(names = "--batch-size", description = "Batch size (default: 256 toy, 50 MNIST).")
    Integer batchSize;

    @Option(names = "--n-critic", description = "Critic steps per generator iteration (default: 5, 1 for gan).")
    Integer nCritic;

    @Option(names = "--clip-warmup", description = "WGAN code's schedule: 100 critic steps for the first 25 "
            + "generator iterations and every 500th.")
    boolean clipWarmup;

    @Option(names = "--lr", description = "Learning rate of both networks (default: 1e-4 Adam, 5e-5 RMSprop).")
    Double lr;

    @Option(names = "--lr-critic", description = "Critic learning rate (overrides --lr).")
    Double lrCritic;

    @Option(names = "--lr-generator", description = "Generator learning rate (overrides --lr).")
    Double lrGenerator;

    @Option(names = "--beta1", description = "Adam beta1 (default: 0.5).")
    Double beta1;

    @Option(names = "--beta2", description = "Adam beta2 (default: 0.9).")
    Double beta2;

    @Option(names = "--lambda", description = "Penalty weight of wgan-gp and wgan-lp, gamma of r1 (default: 0.1 on "
            + "the 2-D toy sets, as in the WGAN-GP paper's toy code, where 10 keeps the critic so flat that the "
            + "generator finds few modes; 10 on MNIST).")
    Double lambda;

    @Option(names = "--clip", description = "Weight-clipping bound c for wgan-clip (default: 0.01).")
    Double clip;

    @Option(names = "--lr-decay", arity = "0..1", paramLabel = "true|false", description = "Decay both learning rates "
            + "linearly to 0 over the run (default: on for a table, where it settles the columns' distances at the end "
            + "of the run, off otherwise).")
    Boolean lrDecay;

    @Option(names = "--instance-noise", paramLabel = "SIGMA", description = "gan and r1: Gaussian noise of this "
            + "standard deviation on every critic input, annealed linearly to 0 over the run (default: 0, none).")
    Double instanceNoise;

    @Option(names = "--real-label", paramLabel = "T", description = "gan and r1: target of real samples; 0.9 is "
            + "one-sided label smoothing (default: 1).")
    Double realLabel;

    @Option(names = "--init", paramLabel = "SCHEME", description = "Initial weights: pytorch (PyTorch's default, "
            + "U(+-1/sqrt(fan_in)) for weights and biases), he-uniform (the WGAN-GP paper's toy code: He-uniform "
            + "hidden weights, zero biases) or dcgan (N(0, 0.02) weights, zero biases) (default: "
            + "${DEFAULT-VALUE}: what a PyTorch user's networks start from, and on the toy sets with a constant "
            + "learning rate it finds the modes several times faster than he-uniform; see docs/lipschitz.md).",
            defaultValue = "pytorch")
    String init;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of every random draw (default: ${DEFAULT-VALUE}).")
    long seed;

    /** The run these options describe. */
    RunSpec spec() {
        Objective obj = Objective.fromId(objective);
        DataKind kind = DataKind.of(data);
        boolean toy = kind == DataKind.TOY;
        TrainConfig c = TrainConfig.defaults(obj, toy);
        if (iterations != null) {
            c = c.withIterations(iterations);
        }
        if (batchSize != null) {
            c = c.withBatchSize(batchSize);
        }
        if (nCritic != null) {
            c = c.withNCritic(nCritic);
        }
        c = c.withClipWarmup(clipWarmup);
        double lc = lrCritic != null ? lrCritic : lr != null ? lr : c.criticLr();
        double lg = lrGenerator != null ? lrGenerator : lr != null ? lr : c.generatorLr();
        c = c.withLearningRates(lc, lg);
        c = c.withBetas(beta1 != null ? beta1 : c.beta1(), beta2 != null ? beta2 : c.beta2());
        if (lambda != null) {
            c = c.withLambda(lambda);
        }
        if (clip != null) {
            c = c.withClip(clip);
        }
        if (instanceNoise != null) {
            c = c.withInstanceNoise(instanceNoise);
        }
        if (realLabel != null) {
            c = c.withRealLabel(realLabel);
        }
        c = c.withSeed(seed).withLrDecay(lrDecay != null ? lrDecay : kind == DataKind.TABLE).withInit(NetworkInit.fromId(init));
        String net = network != null ? network : switch (kind) {
            case TOY -> "toy";
            case MNIST -> "mnist-conv";
            case TABLE -> "table";
            case IMAGES -> "conv";
        };
        int w = width != null ? width : kind == DataKind.TABLE ? 0 : 512;
        // A file or folder is stored absolute, so that sample and eval find it from any folder.
        String where = kind == DataKind.TABLE || kind == DataKind.IMAGES
                ? (kind == DataKind.TABLE ? "csv:" : "images:") + DataKind.path(data).toAbsolutePath().normalize() : data;
        return new RunSpec(where, net, w, dataDir, c, new DataOptions(categorical, dropMissing, target, imageSize, channels));
    }
}
