package io.github.jgrad.nn;

import static io.github.jgrad.nn.BadInput.illegalArgument;
import static io.github.jgrad.nn.BadInput.nullArgument;
import static io.github.jgrad.nn.BadInput.raises;

import io.github.jgrad.autodiff.Var;
import io.github.jgrad.nn.io.Checkpoint;
import io.github.jgrad.nn.io.CheckpointFormatException;
import io.github.jgrad.nn.io.SafeTensors;
import io.github.jgrad.nn.optim.Adam;
import io.github.jgrad.nn.optim.LinearDecay;
import io.github.jgrad.nn.optim.Optimizer;
import io.github.jgrad.nn.optim.RMSprop;
import io.github.jgrad.nn.optim.SGD;
import io.github.jgrad.nn.optim.StepLR;
import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The bad-input catalogue of nn, one row per mistake: layers built with impossible sizes or NaN
 * settings and run on inputs of the wrong shape or dtype, Lipschitz tools given mismatched or
 * empty batches, optimizers and schedules given impossible hyperparameters (negative, NaN or
 * infinite learning rates, betas outside [0, 1)), and checkpoint files that are missing or are
 * folders. Each row asserts the exact exception type and that the message names the layer or
 * optimizer and the offending value. (Malformed file contents are in
 * {@code SafeTensorsValidationTest} and the fuzz test; state dicts that do not fit, with their
 * "nothing changed" guarantee, in {@code ModuleTest} and {@code OptimizerStateTest}.)
 */
class BadInputCatalogueTest {
    private static final Path DIR = temporaryFolder();

    private static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("jgrad-bad-input");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void removeTemporaryFolder() throws IOException {
        Files.deleteIfExists(DIR.resolve("folder.safetensors"));
        Files.deleteIfExists(DIR);
    }

    /** Every row of the catalogue. */
    static List<BadInput> rows() {
        List<BadInput> rows = new ArrayList<>();
        layerSettings(rows);
        layerInputs(rows);
        lipschitzTools(rows);
        optimizers(rows);
        schedules(rows);
        files(rows);
        return rows;
    }

    @TestFactory
    Stream<DynamicTest> everyBadInputIsRefusedWithItsKindAndAMessageNamingTheProblem() {
        return rows().stream().map(BadInput::asTest);
    }

    private static Var f64(int... dims) {
        return Var.constant(Tensor.zeros(DType.F64, Shape.of(dims)));
    }

    private static Var f32(int... dims) {
        return Var.constant(Tensor.zeros(DType.F32, Shape.of(dims)));
    }

    private static Map<String, Parameter> params() {
        Map<String, Parameter> ps = new LinkedHashMap<>();
        ps.put("w", new Parameter(Tensor.zeros(2, 2)));
        ps.put("b", new Parameter(Tensor.zeros(2)));
        return ps;
    }

    private static void layerSettings(List<BadInput> rows) {
        Rng rng = new Rng(0);
        rows.add(illegalArgument("Linear with no inputs", () -> new Linear(0, 2, rng), "Linear", "in=0"));
        rows.add(illegalArgument("Linear with a negative output size", () -> new Linear(3, -1, rng), "Linear",
                "out=-1"));
        rows.add(nullArgument("Linear with a null generator", () -> new Linear(2, 2, null), "rng"));
        rows.add(nullArgument("Linear with a null dtype", () -> new Linear(2, 2, true, null, rng), "dtype"));
        rows.add(illegalArgument("Conv2d with kernel 0", () -> new Conv2d(2, 3, 0, rng), "Conv2d", "kernel=0"));
        rows.add(illegalArgument("Conv2d with negative padding", () -> new Conv2d(2, 3, 3, 1, -1, rng), "Conv2d",
                "padding=-1"));
        rows.add(illegalArgument("Conv2d with stride 0", () -> new Conv2d(2, 3, 3, 0, 0, rng), "Conv2d", "stride=0"));
        rows.add(illegalArgument("ConvTranspose2d with zero channels", () -> new ConvTranspose2d(0, 3, 3, rng),
                "ConvTranspose2d", "in=0"));
        rows.add(illegalArgument("LayerNorm over no axes", () -> new LayerNorm(), "LayerNorm", "normalizedShape"));
        rows.add(illegalArgument("LayerNorm over a negative size", () -> new LayerNorm(3, -2), "LayerNorm", "[3, -2]"));
        rows.add(illegalArgument("LayerNorm with eps 0", () -> new LayerNorm(new int[] {3}, 0, true, DType.F64),
                "LayerNorm", "eps", "0.0"));
        rows.add(illegalArgument("LayerNorm with a NaN eps",
                () -> new LayerNorm(new int[] {3}, Double.NaN, true, DType.F64), "LayerNorm", "eps", "NaN"));
        rows.add(illegalArgument("BatchNorm1d with momentum above 1",
                () -> new BatchNorm1d(2, 1e-5, 1.5, true, DType.F64), "BatchNorm1d", "momentum", "1.5"));
        rows.add(illegalArgument("BatchNorm2d with a NaN momentum",
                () -> new BatchNorm2d(2, 1e-5, Double.NaN, true, DType.F64), "BatchNorm2d", "momentum", "NaN"));
        rows.add(illegalArgument("BatchNorm1d with no features", () -> new BatchNorm1d(0), "BatchNorm1d",
                "numFeatures", "0"));
        rows.add(illegalArgument("BatchNorm2d with an infinite eps",
                () -> new BatchNorm2d(2, Double.POSITIVE_INFINITY, 0.1, true, DType.F32), "BatchNorm2d", "eps",
                "Infinity"));
        rows.add(illegalArgument("Dropout that drops everything", () -> new Dropout(1, rng), "Dropout", "p", "1.0"));
        rows.add(illegalArgument("Dropout with a NaN probability", () -> new Dropout(Double.NaN, rng), "Dropout",
                "NaN"));
        rows.add(nullArgument("Dropout with a null generator", () -> new Dropout(0.5, null), "rng"));
        rows.add(illegalArgument("ELU with a NaN alpha", () -> new ELU(Double.NaN), "ELU", "alpha", "NaN"));
        rows.add(illegalArgument("LeakyReLU with an infinite slope", () -> new LeakyReLU(Double.POSITIVE_INFINITY),
                "LeakyReLU", "slope", "Infinity"));
        rows.add(illegalArgument("SpectralNorm with no power iteration",
                () -> new SpectralNorm(new Linear(2, 2, rng), 0, rng), "SpectralNorm", "powerIterations", "0"));
        rows.add(nullArgument("SpectralNorm of a null layer", () -> new SpectralNorm(null, rng), "layer"));
        rows.add(nullArgument("Sequential with a null layer", () -> new Sequential(new ReLU(), null), "Sequential",
                "layer 1"));
        rows.add(nullArgument("Reshape to null dims", () -> new Reshape((int[]) null), "dims"));
        rows.add(illegalArgument("fan-in of a vector", () -> Init.fanIn(Shape.of(3)), "init", "rank >= 2", "[3]"));
        rows.add(nullArgument("Kaiming init with a null generator",
                () -> Init.kaimingUniform(null, DType.F32, Shape.of(2, 2), 0), "rng"));
    }

    private static void layerInputs(List<BadInput> rows) {
        Rng rng = new Rng(0);
        Linear linear = new Linear(3, 2, rng);
        rows.add(illegalArgument("Linear given too few features", () -> linear.forward(f32(4, 2)), "Linear(3 -> 2)",
                "[4, 2]", "[N, 3]"));
        rows.add(illegalArgument("Linear given a 3-D input", () -> linear.forward(f32(4, 1, 3)), "Linear(3 -> 2)",
                "[4, 1, 3]"));
        rows.add(illegalArgument("Linear given float64 input", () -> linear.forward(f64(4, 3)), "Linear(3 -> 2)",
                "dtype", "F64", "F32"));
        Conv2d conv = new Conv2d(2, 3, 3, 1, 0, 1, true, DType.F64, rng);
        rows.add(illegalArgument("Conv2d given a 3-D input", () -> conv.forward(f64(2, 5, 5)), "Conv2d(2 -> 3",
                "[2, 5, 5]"));
        rows.add(illegalArgument("Conv2d given the wrong channel count", () -> conv.forward(f64(1, 3, 5, 5)),
                "[1, 3, 5, 5]", "[N, 2, H, W]"));
        rows.add(illegalArgument("Conv2d given an image smaller than its kernel", () -> conv.forward(f64(1, 2, 2, 5)),
                "Conv2d", "smaller than the dilated kernel"));
        rows.add(illegalArgument("Conv2d given float32 input", () -> conv.forward(f32(1, 2, 5, 5)), "Conv2d", "F32",
                "F64"));
        ConvTranspose2d convT = new ConvTranspose2d(2, 3, 3, 2, 1, 0, 1, true, DType.F64, rng);
        rows.add(illegalArgument("ConvTranspose2d given the wrong channel count", () -> convT.forward(f64(1, 3, 4, 4)),
                "ConvTranspose2d(2 -> 3", "[1, 3, 4, 4]"));
        ConvTranspose2d crop = new ConvTranspose2d(1, 1, 1, 1, 1, 0, 1, false, DType.F64, rng);
        rows.add(illegalArgument("ConvTranspose2d whose padding crops everything", () -> crop.forward(f64(1, 1, 2, 2)),
                "ConvTranspose2d", "empty output"));
        LayerNorm ln = new LayerNorm(new int[] {2, 3}, 1e-5, true, DType.F64);
        rows.add(illegalArgument("LayerNorm given an input not ending with its shape", () -> ln.forward(f64(4, 3, 2)),
                "LayerNorm", "[4, 3, 2]"));
        rows.add(illegalArgument("LayerNorm given too few axes", () -> ln.forward(f64(3)), "LayerNorm", "[3]"));
        BatchNorm2d bn2 = new BatchNorm2d(2, 1e-5, 0.1, true, DType.F64);
        rows.add(illegalArgument("BatchNorm2d given a matrix", () -> bn2.forward(f64(4, 2)), "BatchNorm2d(2", "[4, 2]"));
        rows.add(illegalArgument("BatchNorm2d given the wrong channel count", () -> bn2.forward(f64(4, 3, 2, 2)),
                "BatchNorm2d(2", "[4, 3, 2, 2]"));
        BatchNorm1d bn1 = new BatchNorm1d(2, 1e-5, 0.1, true, DType.F64);
        rows.add(illegalArgument("BatchNorm1d training on one sample", () -> bn1.forward(f64(1, 2)), "BatchNorm1d",
                "more than 1 value per channel"));
        rows.add(illegalArgument("BatchNorm1d given a 4-D input", () -> bn1.forward(f64(2, 2, 2, 2)), "BatchNorm1d",
                "[2, 2, 2, 2]"));
        rows.add(illegalArgument("BatchNorm1d given float32 input", () -> bn1.forward(f32(3, 2)), "BatchNorm1d", "F32",
                "F64"));
        rows.add(illegalArgument("Flatten given a vector", () -> new Flatten().forward(f32(5)), "Flatten", "[5]"));
        rows.add(illegalArgument("Reshape to a size that does not fit", () -> new Reshape(4).forward(f32(2, 3)),
                "reshape", "[2, 3]", "[2, 4]"));
    }

    private static void lipschitzTools(List<BadInput> rows) {
        Rng rng = new Rng(1);
        Linear critic = new Linear(3, 1, true, DType.F64, rng);
        GradientPenalty gp = new GradientPenalty(1);
        Tensor four = Tensor.zeros(DType.F64, Shape.of(4, 3));
        rows.add(illegalArgument("penalty of real and fake batches of different sizes",
                () -> gp.compute(critic, four, Tensor.zeros(DType.F64, Shape.of(5, 3)), rng), "GradientPenalty",
                "[4, 3]", "[5, 3]"));
        rows.add(illegalArgument("penalty of float64 real and float32 fake batches",
                () -> gp.compute(critic, four, Tensor.zeros(4, 3), rng), "GradientPenalty", "F64", "F32"));
        rows.add(illegalArgument("penalty of an empty batch",
                () -> gp.compute(critic, Tensor.zeros(DType.F64, Shape.of(0, 3)),
                        Tensor.zeros(DType.F64, Shape.of(0, 3)), rng), "GradientPenalty", "empty batch", "[0, 3]"));
        rows.add(nullArgument("penalty of a null critic", () -> gp.compute(null, four, four, rng), "critic"));
        rows.add(nullArgument("penalty with a null generator", () -> gp.compute(critic, four, four, null), "rng"));
        rows.add(illegalArgument("penalty weight below 0", () -> new GradientPenalty(-1), "GradientPenalty", "lambda",
                "-1.0"));
        rows.add(illegalArgument("penalty weight NaN", () -> new GradientPenalty(Double.NaN), "GradientPenalty",
                "lambda", "NaN"));
        rows.add(illegalArgument("penalty with an infinite norm eps",
                () -> new GradientPenalty(10, false, Double.POSITIVE_INFINITY), "GradientPenalty", "normEps",
                "Infinity"));
        rows.add(illegalArgument("clipping bound 0", () -> new WeightClipping(0), "WeightClipping", "0.0"));
        rows.add(illegalArgument("clipping bound NaN", () -> new WeightClipping(Double.NaN), "WeightClipping", "NaN"));
        rows.add(illegalArgument("input gradients of a constant",
                () -> InputGradients.of(critic, Var.constant(four), false), "input gradients", "require a gradient"));
        rows.add(illegalArgument("input gradients of a module with several outputs per sample",
                () -> InputGradients.of(new Linear(3, 2, true, DType.F64, rng), Var.leaf(four), false),
                "input gradients", "one value per sample", "[4, 2]"));
        rows.add(illegalArgument("Lipschitz estimate over no points",
                () -> LipschitzEstimate.of(critic, Tensor.zeros(DType.F64, Shape.of(0, 3))), "LipschitzEstimate",
                "no points", "[0, 3]"));
    }

    private static void optimizers(List<BadInput> rows) {
        Map<String, Parameter> ps = params();
        rows.add(illegalArgument("Adam with a negative learning rate", () -> new Adam(ps, -1), "Adam", "lr", "-1.0"));
        rows.add(illegalArgument("Adam with a NaN learning rate", () -> new Adam(ps, Double.NaN), "Adam", "lr", "NaN"));
        rows.add(illegalArgument("Adam with an infinite learning rate", () -> new Adam(ps, Double.POSITIVE_INFINITY),
                "Adam", "lr", "Infinity"));
        rows.add(illegalArgument("Adam with beta1 1", () -> new Adam(ps, 1e-3, 1.0, 0.999), "Adam",
                "beta1 must be in [0, 1), got 1.0"));
        rows.add(illegalArgument("Adam with a negative beta2", () -> new Adam(ps, 1e-3, 0.9, -0.1), "Adam",
                "beta2 must be in [0, 1), got -0.1"));
        rows.add(illegalArgument("Adam with a NaN beta2", () -> new Adam(ps, 1e-3, 0.9, Double.NaN), "Adam", "beta2",
                "NaN"));
        rows.add(illegalArgument("Adam with a negative eps", () -> Adam.builder(ps).eps(-1).build(), "Adam",
                "eps must be finite and >= 0, got -1.0"));
        rows.add(illegalArgument("Adam with a negative weight decay", () -> Adam.builder(ps).weightDecay(-0.5).build(),
                "Adam", "weightDecay must be finite and >= 0, got -0.5"));
        rows.add(illegalArgument("RMSprop with a negative learning rate", () -> new RMSprop(ps, -1e-3), "RMSprop",
                "lr must be finite and >= 0, got -0.001"));
        rows.add(illegalArgument("RMSprop with alpha above 1", () -> RMSprop.builder(ps).alpha(1.5).build(), "RMSprop",
                "alpha must be in [0, 1], got 1.5"));
        rows.add(illegalArgument("RMSprop with a negative eps", () -> RMSprop.builder(ps).eps(-1e-8).build(),
                "RMSprop", "eps must be finite and >= 0, got -1.0E-8"));
        rows.add(illegalArgument("RMSprop with a negative momentum", () -> RMSprop.builder(ps).momentum(-0.1).build(),
                "RMSprop", "momentum must be finite and >= 0, got -0.1"));
        rows.add(illegalArgument("RMSprop with an infinite weight decay",
                () -> RMSprop.builder(ps).weightDecay(Double.POSITIVE_INFINITY).build(), "RMSprop",
                "weightDecay must be finite and >= 0, got Infinity"));
        rows.add(illegalArgument("SGD with a negative learning rate", () -> new SGD(ps, -0.1), "SGD",
                "lr must be finite and >= 0, got -0.1"));
        rows.add(illegalArgument("SGD with a NaN learning rate", () -> new SGD(ps, Double.NaN), "SGD",
                "lr must be finite and >= 0, got NaN"));
        rows.add(illegalArgument("SGD with a negative momentum", () -> new SGD(ps, 0.1, -0.5), "SGD",
                "momentum must be finite and >= 0, got -0.5"));
        rows.add(illegalArgument("SGD with a negative weight decay", () -> new SGD(ps, 0.1, 0.9, 0, -1, false), "SGD",
                "weightDecay must be finite and >= 0, got -1.0"));
        rows.add(illegalArgument("Nesterov SGD without momentum", () -> new SGD(ps, 0.1, 0, 0, 0, true), "SGD",
                "nesterov needs momentum > 0 and dampening 0, got momentum 0.0"));
        rows.add(illegalArgument("Nesterov SGD with dampening", () -> new SGD(ps, 0.1, 0.9, 0.1, 0, true), "SGD",
                "dampening 0.1"));
        rows.add(illegalArgument("SGD with dampening above 1", () -> SGD.builder(ps).dampening(1.5).build(), "SGD",
                "dampening must be in [0, 1], got 1.5"));
        rows.add(illegalArgument("an optimizer over no parameters", () -> new SGD(Map.of(), 0.1), "SGD",
                "no parameters to optimize"));
        Parameter p = new Parameter(Tensor.zeros(3));
        Map<String, Parameter> twice = new LinkedHashMap<>();
        twice.put("x", p);
        twice.put("y", p);
        rows.add(illegalArgument("an optimizer given one parameter twice", () -> new SGD(twice, 0.1), "SGD",
                "parameter 'y' is the same object as 'x'"));
        rows.add(nullArgument("an optimizer over null parameters", () -> new Adam(null, 0.1), "params"));
        rows.add(illegalArgument("setting a NaN learning rate", () -> new SGD(ps, 0.1).setLearningRate(Double.NaN),
                "SGD", "lr", "NaN"));
        rows.add(illegalArgument("setting a negative learning rate", () -> new Adam(ps, 0.1).setLearningRate(-1e-4),
                "Adam", "lr", "-1.0E-4"));
    }

    private static void schedules(List<BadInput> rows) {
        Optimizer sgd = new SGD(params(), 0.1);
        rows.add(illegalArgument("StepLR with step size 0", () -> new StepLR(sgd, 0, 0.5), "StepLR",
                "stepSize must be >= 1, got 0"));
        rows.add(illegalArgument("StepLR with a negative gamma", () -> new StepLR(sgd, 2, -0.5), "StepLR",
                "gamma must be finite and >= 0, got -0.5"));
        rows.add(illegalArgument("StepLR with a NaN gamma", () -> new StepLR(sgd, 2, Double.NaN), "StepLR", "gamma",
                "NaN"));
        rows.add(illegalArgument("LinearDecay starting at 0", () -> new LinearDecay(sgd, 0, 1, 5), "LinearDecay",
                "startFactor must be in (0, 1], got 0.0"));
        rows.add(illegalArgument("LinearDecay ending above 1", () -> new LinearDecay(sgd, 1, 1.5, 5), "LinearDecay",
                "endFactor must be in [0, 1], got 1.5"));
        rows.add(illegalArgument("LinearDecay over no iterations", () -> new LinearDecay(sgd, 1, 0, 0), "LinearDecay",
                "totalIters must be >= 1, got 0"));
        rows.add(illegalArgument("a learning rate at a negative step", () -> new StepLR(sgd, 2, 0.5).lrAt(-1),
                "StepLR", "step must be >= 0, got -1"));
        StepLR s = new StepLR(sgd, 2, 0.5);
        rows.add(illegalArgument("schedule state with a fractional step",
                () -> s.loadStateDict(Map.of("last_step", Tensor.scalar(1.5, DType.F64),
                        "base_lr", Tensor.scalar(0.1, DType.F64))), "last_step must be a whole non-negative count, got 1.5"));
        rows.add(illegalArgument("schedule state without a base rate",
                () -> s.loadStateDict(Map.of("last_step", Tensor.scalar(1, DType.F64))),
                "'base_lr' must be a one-element tensor, got none"));
        rows.add(illegalArgument("schedule state with an unknown key",
                () -> s.loadStateDict(Map.of("epoch", Tensor.scalar(1, DType.F64))), "unexpected key 'epoch'"));
    }

    private static void files(List<BadInput> rows) {
        Module m = new Sequential(new Linear(2, 2, new Rng(7)));
        Path missing = DIR.resolve("missing.safetensors");
        Path folder = DIR.resolve("folder.safetensors");
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path target = DIR.resolve("never-written.safetensors");
        rows.add(raises(NoSuchFileException.class, "reading a file that does not exist", () -> SafeTensors.read(missing),
                "missing.safetensors"));
        rows.add(raises(NoSuchFileException.class, "loading a checkpoint that does not exist",
                () -> Checkpoint.load(missing, m), "missing.safetensors"));
        rows.add(raises(CheckpointFormatException.class, "reading a folder", () -> SafeTensors.read(folder),
                "folder.safetensors", "is a folder"));
        rows.add(raises(CheckpointFormatException.class, "reading a folder's metadata",
                () -> SafeTensors.readMetadata(folder), "folder.safetensors", "is a folder"));
        rows.add(nullArgument("reading a null path", () -> SafeTensors.read(null), "path"));
        rows.add(illegalArgument("writing a tensor named like the metadata",
                () -> SafeTensors.write(target, Map.of("__metadata__", Tensor.zeros(1)), Map.of()), "safetensors",
                "__metadata__"));
        Map<String, Tensor> withNull = new LinkedHashMap<>();
        withNull.put("w", null);
        rows.add(nullArgument("writing a null tensor", () -> SafeTensors.write(target, withNull, Map.of()),
                "tensor 'w'"));
        rows.add(illegalArgument("saving with the reserved metadata key format",
                () -> Checkpoint.save(target, m, Map.of("format", "x")), "Checkpoint", "'format'", "reserved"));
        rows.add(illegalArgument("saving with a reserved jgrad. metadata key",
                () -> Checkpoint.save(target, m, Map.of("jgrad.id", "x")), "Checkpoint", "'jgrad.id'", "reserved"));
        Optimizer opt = new SGD(m.namedParameters(), 0.1);
        rows.add(illegalArgument("saving a schedule of another optimizer",
                () -> Checkpoint.save(target, m, opt, new StepLR(new SGD(params(), 0.1), 2, 0.5), Map.of()),
                "Checkpoint", "does not schedule the given optimizer"));
        rows.add(nullArgument("loading into a null module", () -> Checkpoint.load(missing, null), "module"));
    }
}
