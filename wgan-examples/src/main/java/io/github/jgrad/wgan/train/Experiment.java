package io.github.jgrad.wgan.train;

import io.github.jgrad.nn.Flatten;
import io.github.jgrad.nn.Module;
import io.github.jgrad.nn.Reshape;
import io.github.jgrad.nn.Sequential;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.wgan.data.ImageFolder;
import io.github.jgrad.wgan.data.Mnist;
import io.github.jgrad.wgan.data.DataSource;
import io.github.jgrad.wgan.data.DataSources;
import io.github.jgrad.wgan.data.TableData;
import io.github.jgrad.wgan.data.ToyData;
import java.io.IOException;
import java.util.Arrays;
import java.util.OptionalInt;

/**
 * A run put together from its {@link RunSpec}: the data, the two networks (initialised from the
 * run's seed) and the {@link Trainer}. Building the same spec twice gives identical runs.
 */
public final class Experiment {
    private final RunSpec spec;
    private final DataSource data;
    private final Trainer trainer;

    private Experiment(RunSpec spec, DataSource data, Trainer trainer) {
        this.spec = spec;
        this.data = data;
        this.trainer = trainer;
    }

    /**
     * Builds a fresh run on the data source {@code spec} names (see {@link DataSources}).
     *
     * @throws IOException if the data files cannot be read (the message names the file)
     */
    public static Experiment create(RunSpec spec) throws IOException {
        return create(spec, DataSources.open(spec.data(), spec.dataDir(), spec.dataOptions(), spec.config().seed()));
    }

    /**
     * Builds a fresh run on {@code data}, a source of the caller's own: the networks are sized from
     * its sample shape ({@code toy}: MLPs for samples of shape {@code [d]}; {@code mnist-mlp} and
     * {@code mnist-conv}: {@code [1, 28, 28]} images; {@code table}: MLPs sized from a
     * {@link TableData}'s columns, the generator ending in a softmax block per categorical column;
     * {@code conv}: a DCGAN-style pair for {@code [c, N, N]} images).
     *
     * @throws IllegalArgumentException if the batch is larger than the data set or the network
     *     does not fit the sample shape
     */
    public static Experiment create(RunSpec spec, DataSource data) {
        OptionalInt records = data.records();
        if (records.isPresent() && spec.config().batchSize() > records.getAsInt()) {
            throw new IllegalArgumentException("batch size " + spec.config().batchSize() + " is larger than the data set ("
                    + data.id() + " holds " + records.getAsInt() + " samples)");
        }
        int[] shape = data.sampleShape().toArray();
        Rng rng = new Rng(spec.config().seed());
        Module generator;
        Module critic;
        NetworkInit init = spec.config().init();
        int noiseDim = spec.noiseDim();
        switch (spec.network()) {
            case "toy":
                requireShape(spec, data, shape.length == 1, "[d]");
                generator = Networks.toyMlp(spec.noiseDim(), spec.width(), shape[0], init, rng);
                critic = Networks.toyMlp(shape[0], spec.width(), 1, init, rng);
                break;
            case "mnist-mlp":
                requireShape(spec, data, Arrays.equals(shape, new int[] {1, 28, 28}), "[1, 28, 28]");
                generator = init.apply(new Sequential(Networks.mnistMlpGenerator(rng), new Reshape(1, 28, 28)), rng);
                critic = init.apply(new Sequential(new Flatten(), Networks.mnistMlpCritic(rng)), rng);
                break;
            case "mnist-conv":
                requireShape(spec, data, Arrays.equals(shape, new int[] {1, 28, 28}), "[1, 28, 28]");
                generator = init.apply(Networks.mnistConvGenerator(rng), rng);
                critic = init.apply(Networks.mnistConvCritic(rng), rng);
                break;
            case "resnet":
                requireShape(spec, data, shape.length == 3 && shape[1] == shape[2] && (shape[1] == 28 || shape[1] == 32),
                        "[C, 28, 28] or [C, 32, 32]");
                generator = init.apply(Networks.resnetGenerator(spec.noiseDim(), shape[0], shape[1], rng), rng);
                critic = init.apply(Networks.resnetCritic(shape[0], shape[1], rng), rng);
                break;
            case "table": {
                if (!(data instanceof TableData table)) {
                    throw new IllegalArgumentException("network 'table' needs a CSV table; " + data.id() + " is not one");
                }
                String target = spec.dataOptions().target();
                if (!target.isEmpty()) {
                    table.schema().indexOf(target, "--target");
                    if (table.heldOutRows() == 0) {
                        throw new IllegalArgumentException("--target: " + table.id() + " has too few rows to hold some out"
                                + " for testing (" + TableData.MIN_ROWS_FOR_HOLDOUT + " at least)");
                    }
                }
                int columns = table.schema().width();
                int width = spec.width() > 0 ? spec.width() : Networks.tableWidth(columns);
                noiseDim = Networks.tableNoiseDim(columns);
                generator = Networks.tableGenerator(noiseDim, width, table.schema(), init, rng);
                critic = Networks.toyMlp(columns, width, 1, init, rng);
                break;
            }
            case "conv":
                requireShape(spec, data, shape.length == 3 && shape[1] == shape[2] && shape[1] % 4 == 0
                        && (shape[0] == 1 || shape[0] == 3), "[1 or 3, N, N] with N a multiple of 4");
                generator = init.apply(Networks.convGenerator(noiseDim, shape[0], shape[1], rng), rng);
                critic = init.apply(Networks.convCritic(shape[0], shape[1], rng), rng);
                break;
            default:
                throw new IllegalArgumentException("unknown network '" + spec.network() + "'");
        }
        critic = spec.config().objective().prepareCritic(critic, rng);
        return new Experiment(spec, data, new Trainer(spec.config(), generator, critic, noiseDim, data, rng));
    }

    private static void requireShape(RunSpec spec, DataSource data, boolean fits, String wanted) {
        if (!fits) {
            throw new IllegalArgumentException("network '" + spec.network() + "' needs samples of shape " + wanted + "; "
                    + data.id() + " gives " + data.sampleShape());
        }
    }

    /** What was built. */
    public RunSpec spec() {
        return spec;
    }

    /** The real data. */
    public DataSource data() {
        return data;
    }

    /** The toy data set, or null when the run learns another source. */
    public ToyData toyData() {
        return data instanceof ToyData t ? t : null;
    }

    /** The table, or null when the run learns another source. */
    public TableData table() {
        return data instanceof TableData t ? t : null;
    }

    /** The image folder, or null when the run learns another source. */
    public ImageFolder images() {
        return data instanceof ImageFolder f ? f : null;
    }

    /** The MNIST data, or null when the run learns another source. */
    public Mnist mnist() {
        return data instanceof Mnist m ? m : null;
    }

    /** The trainer, holding networks, optimizers and the run's random generator. */
    public Trainer trainer() {
        return trainer;
    }
}
