package io.github.jgrad.wgan.spark;

import io.github.jgrad.wgan.data.ToyData;
import io.github.jgrad.wgan.train.NetworkInit;
import io.github.jgrad.wgan.train.Objective;
import io.github.jgrad.wgan.train.RunSpec;
import io.github.jgrad.wgan.train.TrainConfig;
import java.io.Serializable;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One run of a sweep: a toy data set, an objective, a seed and the values of the training
 * options the sweep sets. A plain serializable value, so Spark can ship it to an executor, where
 * {@link #spec()} turns it into the {@link RunSpec} that {@code compare} would train for the same
 * settings.
 *
 * @param data a toy data set id
 * @param objective an objective id
 * @param seed the seed of every random draw
 * @param options the training options the sweep sets, by their long name without dashes
 *     ({@code lr}, {@code lambda}, ...), each with the value given on the command line
 * @param lrDecay whether both learning rates decay linearly to 0 over the run
 */
public record GridPoint(String data, String objective, long seed, Map<String, String> options, boolean lrDecay)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Hidden width of the toy MLPs when the sweep does not set {@code --width}, as in {@code compare}. */
    public static final int DEFAULT_WIDTH = 256;

    /** Generator iterations when the sweep does not set {@code --iterations}, as in {@code compare}. */
    public static final int DEFAULT_ITERATIONS = 1000;

    /** Copies the options into a sorted map, so equal points print and name their folders alike. */
    public GridPoint {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(objective, "objective");
        options = new TreeMap<>(options);
    }

    /**
     * The run these settings describe; unset options take the objective's defaults, exactly as in
     * {@code compare}.
     *
     * @throws IllegalArgumentException naming the setting that {@code train} would reject
     */
    public RunSpec spec() {
        if ("mnist".equals(data)) {
            throw new IllegalArgumentException("sweep works on the toy sets; train MNIST runs with 'jgrad train'");
        }
        ToyData.fromId(data);
        Objective obj = Objective.fromId(objective);
        TrainConfig c = TrainConfig.defaults(obj, true).withIterations(intOption("iterations", DEFAULT_ITERATIONS));
        if (options.containsKey("batch-size")) {
            c = c.withBatchSize(intOption("batch-size", 0));
        }
        if (options.containsKey("n-critic")) {
            c = c.withNCritic(intOption("n-critic", 0));
        }
        double lr = doubleOption("lr", Double.NaN);
        double criticLr = doubleOption("lr-critic", Double.isNaN(lr) ? c.criticLr() : lr);
        double generatorLr = doubleOption("lr-generator", Double.isNaN(lr) ? c.generatorLr() : lr);
        if (criticLr != c.criticLr() || generatorLr != c.generatorLr()) {
            c = c.withLearningRates(criticLr, generatorLr);
        }
        if (options.containsKey("beta1") || options.containsKey("beta2")) {
            c = c.withBetas(doubleOption("beta1", c.beta1()), doubleOption("beta2", c.beta2()));
        }
        if (options.containsKey("lambda")) {
            c = c.withLambda(doubleOption("lambda", 0));
        }
        if (options.containsKey("clip")) {
            c = c.withClip(doubleOption("clip", 0));
        }
        if (options.containsKey("instance-noise")) {
            c = c.withInstanceNoise(doubleOption("instance-noise", 0));
        }
        if (options.containsKey("real-label")) {
            c = c.withRealLabel(doubleOption("real-label", 1));
        }
        if (options.containsKey("init")) {
            c = c.withInit(NetworkInit.fromId(options.get("init")));
        }
        c = c.withSeed(seed).withLrDecay(lrDecay);
        return new RunSpec(data, "toy", intOption("width", DEFAULT_WIDTH), null, c);
    }

    /**
     * The run's folder under the sweep's output, as {@code compare} names it
     * ({@code 8gaussians/wgan-gp-seed1}), with the options that vary across the sweep appended
     * ({@code 8gaussians/wgan-gp-seed1-lr0.0003-lambda10}).
     *
     * @param varied the names of the options that take more than one value in the sweep
     */
    public String folder(Iterable<String> varied) {
        StringBuilder name = new StringBuilder(objective).append("-seed").append(seed);
        for (String option : varied) {
            String value = options.get(option);
            if (value != null) {
                name.append('-').append(option).append(value);
            }
        }
        return data + "/" + name;
    }

    private int intOption(String name, int otherwise) {
        String v = options.get(name);
        if (v == null) {
            return otherwise;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + ": '" + v + "' is not a whole number");
        }
    }

    private double doubleOption(String name, double otherwise) {
        String v = options.get(name);
        if (v == null) {
            return otherwise;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + ": '" + v + "' is not a number");
        }
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%s on %s, seed %d", objective, data, seed));
        options.forEach((k, v) -> s.append(", ").append(k).append(' ').append(v));
        return s.toString();
    }
}
