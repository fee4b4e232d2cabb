package io.github.jgrad.wgan.train;

import io.github.jgrad.nn.InputGradients;
import io.github.jgrad.nn.Module;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import io.github.jgrad.wgan.data.ImageFolder;
import io.github.jgrad.wgan.data.TableData;
import io.github.jgrad.wgan.data.ToyData;
import io.github.jgrad.wgan.metrics.ClassHistogramMetrics;
import io.github.jgrad.wgan.metrics.DigitClassifier;
import io.github.jgrad.wgan.metrics.Memorisation;
import io.github.jgrad.wgan.metrics.ModeCoverage;
import io.github.jgrad.wgan.metrics.SlicedWasserstein;
import io.github.jgrad.wgan.metrics.TableMetrics;
import io.github.jgrad.wgan.metrics.TrainSyntheticTestReal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Quality metrics of a run at its current state, from samples drawn with an evaluation
 * generator of its own (seeded from the run's seed and the iteration), so evaluating never
 * changes what training does next.
 *
 * <p>For toy data: modes covered, high-quality share and reverse KL (VEEGAN/PacGAN
 * definitions, 2500 samples), sliced Wasserstein distance to fresh real samples with its
 * real-vs-real floor, and the critic-gradient norms at random interpolates between real and
 * generated samples, which show how close to 1-Lipschitz the critic is. For MNIST: classes
 * covered, the KL of the predicted-class histogram against the label histogram and the
 * inception-like score from a {@link DigitClassifier}, pixel-space sliced Wasserstein distance,
 * and the same gradient norms. For a table: {@link TableMetrics} of 2500 generated rows against
 * the training rows, and with a target column {@link TrainSyntheticTestReal}'s two scores
 * ({@code tstr_*} and {@code trtr_*}). For a folder of images, beside the distance: the median
 * distance of generated and of held-out images to their nearest training image
 * ({@link Memorisation}).
 */
public final class Evaluator {
    /** Samples used for mode coverage and distances, as in the VEEGAN/PacGAN protocol. */
    public static final int SAMPLES = 2500;
    /** Random directions of the sliced Wasserstein distance. */
    public static final int DIRECTIONS = 128;
    private static final int NORM_POINTS = 512;
    /** Images compared with the training set in the memorisation check. */
    private static final int MEMORISATION_IMAGES = 200;

    private final Experiment run;
    private final DigitClassifier classifier;
    private double swdFloor = Double.NaN;

    /** An evaluator for {@code run} (without class metrics on MNIST). */
    public Evaluator(Experiment run) {
        this(run, null);
    }

    /** An evaluator for {@code run} that scores MNIST samples with {@code classifier} (may be null). */
    public Evaluator(Experiment run, DigitClassifier classifier) {
        this.run = run;
        this.classifier = classifier;
    }

    /** What one evaluation produced: scalar metrics by name, and the samples behind them. */
    public record Snapshot(Map<String, Double> metrics, Tensor real, Tensor fake, Tensor gradientNorms) {
    }

    /** Evaluates the run now. */
    public Snapshot evaluate() {
        Trainer t = run.trainer();
        Rng rng = new Rng(t.config().seed() * 1_000_003L + t.iteration());
        int n = run.spec().isToy() || run.table() != null ? SAMPLES : 500;
        Tensor real = run.data().sample(n, rng);
        Tensor fake = t.sampleFakes(n, rng);
        Map<String, Double> m = new LinkedHashMap<>();
        TableData table = run.table();
        if (table != null) {
            m.putAll(TableMetrics.evaluate(table.schema(), table.training(), fake));
            String target = run.spec().dataOptions().target();
            if (!target.isEmpty()) {
                TrainSyntheticTestReal.Result r = TrainSyntheticTestReal.evaluate(table.schema(),
                        table.schema().indexOf(target, "--target"), t.sampleFakes(table.trainRows(), rng),
                        table.training(), table.heldOut());
                m.put("tstr_" + r.measure(), r.synthetic());
                m.put("trtr_" + r.measure(), r.real());
            }
        }
        ToyData toy = run.toyData();
        if (toy != null && toy.hasModes()) {
            ModeCoverage.Result r = ModeCoverage.evaluate(fake, toy);
            m.put("modes_covered", (double) r.modesCovered());
            m.put("modes_total", (double) r.totalModes());
            m.put("high_quality", r.highQualityShare());
            m.put("reverse_kl", r.reverseKl());
        }
        if (classifier != null && run.mnist() != null) {
            ClassHistogramMetrics.Result c = ClassHistogramMetrics.evaluate(classifier.probabilities(fake),
                    run.mnist().labelCounts());
            m.put("classes_covered", (double) c.classesCovered());
            m.put("class_kl", c.klToLabels());
            m.put("inception_score", c.inceptionScore());
        }
        ImageFolder images = run.images();
        if (images != null && images.heldOutImages() > 0) {
            int k = Math.min(MEMORISATION_IMAGES, images.heldOutImages());
            Memorisation.Result r = Memorisation.evaluate(images.training(), fake.slice(0, 0, Math.min(k, n)),
                    images.heldOut().slice(0, 0, k));
            m.put("nn_dist_generated", r.generated());
            m.put("nn_dist_heldout", r.heldOut());
        }
        m.put("swd", SlicedWasserstein.distance(real, fake, DIRECTIONS, rng));
        if (Double.isNaN(swdFloor)) {
            swdFloor = SlicedWasserstein.floor(run.data(), n, DIRECTIONS, new Rng(t.config().seed() + 17));
        }
        m.put("swd_floor", swdFloor);
        Tensor norms = gradientNorms(real, fake, rng);
        m.put("grad_norm_mean", norms.mean().item());
        m.put("grad_norm_std", Math.sqrt(norms.variance(null, 0, false).item()));
        return new Snapshot(m, real, fake, norms);
    }

    /** Critic-gradient norms at points drawn uniformly on segments between real and fake samples. */
    private Tensor gradientNorms(Tensor real, Tensor fake, Rng rng) {
        int k = Math.min(NORM_POINTS, real.dim(0));
        Tensor r = real.slice(0, 0, k);
        Tensor f = fake.slice(0, 0, k);
        int[] perSample = new int[real.rank()];
        java.util.Arrays.fill(perSample, 1);
        perSample[0] = k;
        Tensor e = rng.uniform(real.dtype(), Shape.of(perSample), 0, 1);
        Module critic = run.trainer().critic();
        critic.eval(); // a spectrally normalised critic would otherwise refine its estimate here
        try {
            return InputGradients.norms(critic, f.add(r.sub(f).mul(e)));
        } finally {
            critic.train();
        }
    }
}
