package io.github.jgrad.nn;

import io.github.jgrad.autodiff.Var;
import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;

/**
 * Batch normalisation (Ioffe and Szegedy 2015) over axis 1 of its input, with PyTorch's
 * semantics; {@link BatchNorm1d} and {@link BatchNorm2d} fix the accepted ranks. Public so that
 * code can recognise any batch-normalising layer, e.g. to refuse one in a gradient-penalty
 * critic, where it couples the samples of a batch.
 *
 * <p>In training mode each channel is normalised with the mean and the biased variance of the
 * batch (over every axis but 1), and the buffers are updated outside the graph:
 * {@code running = (1 - momentum) * running + momentum * batchStatistic}, with the unbiased
 * variance for {@code running_var}. In evaluation mode the running statistics are used instead.
 * Then {@code y = xHat * weight + bias} per channel, with {@code weight} starting at ones and
 * {@code bias} at zeros.
 *
 * <p>State-dict names are PyTorch's: {@code weight}, {@code bias}, {@code running_mean},
 * {@code running_var}, {@code num_batches_tracked}. PyTorch stores {@code num_batches_tracked}
 * as an int64 scalar; here it is a scalar of the layer's dtype (exact up to 2^24 batches in
 * float32), so a checkpoint converter has to cast that one entry.
 */
public abstract class BatchNorm extends Layer {
    /** PyTorch's default {@code eps}. */
    public static final double DEFAULT_EPS = 1e-5;
    /** PyTorch's default {@code momentum}. */
    public static final double DEFAULT_MOMENTUM = 0.1;

    private final int numFeatures;
    private final double eps;
    private final double momentum;
    private final Parameter weight;
    private final Parameter bias;
    private final Tensor runningMean;
    private final Tensor runningVar;
    private final Tensor numBatchesTracked;

    // Package-private: the accepted input ranks are fixed by the two public subclasses.
    BatchNorm(int numFeatures, double eps, double momentum, boolean affine, DType dtype) {
        if (numFeatures < 1) {
            throw new IllegalArgumentException(name() + ": numFeatures must be positive, got " + numFeatures);
        }
        if (!(eps > 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException(name() + ": eps must be positive and finite, got " + eps);
        }
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException(name() + ": momentum must be in [0, 1], got " + momentum);
        }
        this.numFeatures = numFeatures;
        this.eps = eps;
        this.momentum = momentum;
        Shape c = Shape.of(numFeatures);
        this.weight = affine ? registerParameter("weight", new Parameter(Tensor.ones(dtype, c))) : null;
        this.bias = affine ? registerParameter("bias", new Parameter(Tensor.zeros(dtype, c))) : null;
        this.runningMean = registerBuffer("running_mean", Tensor.zeros(dtype, c));
        this.runningVar = registerBuffer("running_var", Tensor.ones(dtype, c));
        this.numBatchesTracked = registerBuffer("num_batches_tracked", Tensor.scalar(0, dtype));
    }

    /** Whether an input of this rank is accepted (axis 1 being the channels). */
    abstract boolean acceptsRank(int rank);

    /** The accepted input layouts, for error messages, e.g. {@code [N, C, H, W]}. */
    abstract String layouts();

    private String name() {
        return getClass().getSimpleName();
    }

    /** Channels (features) normalised, the size of axis 1 of the input. */
    public int numFeatures() {
        return numFeatures;
    }

    /** The constant added to the variance. */
    public double eps() {
        return eps;
    }

    /** Weight of the current batch in the running statistics. */
    public double momentum() {
        return momentum;
    }

    /** The per-channel scale, or null without affine map. */
    public Parameter weight() {
        return weight;
    }

    /** The per-channel shift, or null without affine map. */
    public Parameter bias() {
        return bias;
    }

    /** The running mean buffer, {@code [C]} (live: training-mode forwards update it in place). */
    public Tensor runningMean() {
        return runningMean;
    }

    /** The running (unbiased) variance buffer, {@code [C]} (live: training-mode forwards update it in place). */
    public Tensor runningVar() {
        return runningVar;
    }

    /** Number of training-mode forwards so far. */
    public long numBatchesTracked() {
        return Math.round(numBatchesTracked.item());
    }

    @Override
    public Var forward(Var input) {
        return forwardWith(input, weight == null ? null : weight.var(), bias == null ? null : bias.var());
    }

    /**
     * The normalisation with the given per-channel scale and shift in place of this layer's
     * parameters (for gradient checks with respect to them). In training mode this updates the
     * running statistics, as {@link #forward} does.
     *
     * @param input {@code [N, C, ...]} with {@code C = numFeatures}
     * @param weight {@code [C]}, or null for no scale
     * @param bias {@code [C]}, or null for no shift
     */
    public Var forwardWith(Var input, Var weight, Var bias) {
        Shape s = input.shape();
        if (!acceptsRank(s.rank()) || s.dim(1) != numFeatures) {
            throw new IllegalArgumentException(this + ": input shape " + s + " is not " + layouts()
                    + " with C = " + numFeatures);
        }
        if (input.dtype() != runningMean.dtype()) {
            throw new IllegalArgumentException(this + ": input dtype " + input.dtype() + " differs from the layer's "
                    + runningMean.dtype());
        }
        Shape c = Shape.of(numFeatures);
        if ((weight != null && !weight.shape().equals(c)) || (bias != null && !bias.shape().equals(c))) {
            throw new IllegalArgumentException(this + ": weight and bias must have shape " + c + ", got "
                    + (weight == null ? null : weight.shape()) + " and " + (bias == null ? null : bias.shape()));
        }
        int rank = s.rank();
        int[] axes = new int[rank - 1];
        int[] perChannel = new int[rank];
        for (int i = 0, k = 0; i < rank; i++) {
            perChannel[i] = i == 1 ? numFeatures : 1;
            if (i != 1) {
                axes[k++] = i;
            }
        }
        Var normalized;
        if (isTraining()) {
            int count = s.size() / numFeatures;
            if (count < 2) {
                throw new IllegalArgumentException(this + ": training needs more than 1 value per channel, input shape "
                        + s);
            }
            Var mean = input.mean(axes, true);
            Var centred = input.sub(mean);
            Var variance = centred.square().mean(axes, true);
            normalized = centred.div(variance.add(eps).sqrt());
            updateRunningStatistics(mean.value(), variance.value(), count);
        } else {
            // Copies: the buffers change in place at the next training step, while this graph may still be in use.
            Var mean = Var.constant(runningMean.copy().reshape(perChannel));
            Var std = Var.constant(runningVar.add(eps).sqrt().reshape(perChannel));
            normalized = input.sub(mean).div(std);
        }
        if (weight != null) {
            normalized = normalized.mul(weight.reshape(perChannel));
        }
        return bias == null ? normalized : normalized.add(bias.reshape(perChannel));
    }

    /** Outside the graph, in place: the buffers are state, not part of any derivative. */
    private void updateRunningStatistics(Tensor batchMean, Tensor biasedVar, int count) {
        Tensor unbiasedVar = biasedVar.reshape(numFeatures).mul(count / (count - 1.0));
        runningMean.scaleInPlace(1 - momentum).addScaledInPlace(batchMean.reshape(numFeatures), momentum);
        runningVar.scaleInPlace(1 - momentum).addScaledInPlace(unbiasedVar, momentum);
        numBatchesTracked.fillInPlace(numBatchesTracked.item() + 1);
    }

    @Override
    public String toString() {
        return name() + "(" + numFeatures + ", eps " + eps + ", momentum " + momentum
                + (weight == null ? ", no affine" : "") + ")";
    }
}
