package io.github.jgrad.nn;

import io.github.jgrad.autodiff.Var;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;

/**
 * The WGAN-GP gradient penalty (Gulrajani et al. 2017): at points {@code x_hat = e * real +
 * (1 - e) * fake} with {@code e ~ U[0, 1)} drawn once per sample, it penalises each sample's
 * critic-gradient norm for straying from 1: {@code lambda * mean((||g|| - 1)^2)}, or in the
 * one-sided form only norms above 1: {@code lambda * mean(max(0, ||g|| - 1)^2)}.
 *
 * <p>The gradient is taken with {@code createGraph=true}, so the penalty's own gradient reaches
 * the critic's weights (the classic mistake is to take it without). Norms are over each
 * flattened sample, and a small {@code normEps} (default 1e-12) sits inside the square root so
 * that a zero gradient gives a finite second derivative instead of NaN.
 *
 * <p>A critic with batch normalisation couples the samples of a batch, which invalidates the
 * per-sample penalty; the first time such a critic is seen, one warning is logged through
 * {@link System.Logger} (the logger named after this class), which an application routes to its
 * own logging.
 */
public final class GradientPenalty {
    private static final System.Logger LOG = System.getLogger(GradientPenalty.class.getName());
    private static final Map<Module, Boolean> WARNED = Collections.synchronizedMap(new WeakHashMap<>());

    private final double lambda;
    private final boolean oneSided;
    private final double normEps;

    /** What one evaluation produced. */
    public record Result(Var penalty, Tensor gradientNorms, Tensor interpolates) {
        /** Mean of the per-sample gradient norms. */
        public double meanNorm() {
            return gradientNorms.mean().item();
        }
    }

    /** The two-sided penalty with weight {@code lambda} and {@code normEps} 1e-12. */
    public GradientPenalty(double lambda) {
        this(lambda, false, 1e-12);
    }

    /**
     * @param lambda weight of the penalty (10 in the paper for images, 0.1 for its 2-D toys)
     * @param oneSided penalise only norms above 1
     * @param normEps added inside the square root of each norm
     */
    public GradientPenalty(double lambda, boolean oneSided, double normEps) {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("GradientPenalty: lambda must be finite and >= 0, got " + lambda);
        }
        if (!(normEps >= 0) || Double.isInfinite(normEps)) {
            throw new IllegalArgumentException("GradientPenalty: normEps must be finite and >= 0, got " + normEps);
        }
        this.lambda = lambda;
        this.oneSided = oneSided;
        this.normEps = normEps;
    }

    /** The penalty weight. */
    public double lambda() {
        return lambda;
    }

    /** Whether only norms above 1 are penalised. */
    public boolean oneSided() {
        return oneSided;
    }

    /**
     * Draws the interpolation weights from {@code rng} and evaluates the penalty.
     *
     * @param real a batch of real samples {@code [N, ...]}
     * @param fake a batch of generated samples of the same shape (its graph is not used)
     */
    public Result compute(Module critic, Tensor real, Tensor fake, Rng rng) {
        Objects.requireNonNull(critic, "critic");
        Objects.requireNonNull(real, "real");
        Objects.requireNonNull(fake, "fake");
        Objects.requireNonNull(rng, "rng");
        if (!real.shape().equals(fake.shape()) || real.dtype() != fake.dtype()) {
            throw new IllegalArgumentException("GradientPenalty: real " + real.shape() + " " + real.dtype()
                    + " and fake " + fake.shape() + " " + fake.dtype() + " batches differ");
        }
        if (real.rank() < 1 || real.dim(0) == 0) {
            throw new IllegalArgumentException("GradientPenalty: empty batch " + real.shape());
        }
        warnIfBatchNorm(critic);
        int[] perSample = new int[real.rank()];
        java.util.Arrays.fill(perSample, 1);
        perSample[0] = real.dim(0);
        Tensor e = rng.uniform(real.dtype(), Shape.of(perSample), 0, 1);
        Tensor xHat = fake.add(real.sub(fake).mul(e)); // e * real + (1 - e) * fake
        return evaluate(critic, xHat);
    }

    /** Evaluates the penalty at given points {@code xHat} (for tests and custom sampling). */
    public Result evaluate(Module critic, Tensor xHat) {
        Var g = InputGradients.of(critic, Var.leaf(xHat), true);
        Var norms = InputGradients.perSampleNorms(g, normEps);
        Var excess = norms.sub(1.0);
        if (oneSided) {
            excess = excess.relu();
        }
        Var penalty = excess.square().mean().mul(lambda);
        return new Result(penalty, norms.value(), xHat);
    }

    private static void warnIfBatchNorm(Module critic) {
        if (WARNED.containsKey(critic)) {
            return;
        }
        WARNED.put(critic, Boolean.TRUE);
        for (Module m : critic.modules()) {
            if (m instanceof BatchNorm) {
                LOG.log(System.Logger.Level.WARNING, "GradientPenalty: the critic contains " + m.getClass().getSimpleName()
                        + ", which couples the samples of a batch and invalidates the per-sample penalty;"
                        + " use LayerNorm or no normalisation in a WGAN-GP critic");
                return;
            }
        }
    }
}
