package io.github.jgrad.nn;

import io.github.jgrad.autodiff.Var;
import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import java.util.Arrays;

/**
 * Layer normalisation (Ba et al. 2016) as in PyTorch: each sample is normalised over its last
 * {@code normalizedShape.length} axes, {@code y = (x - mean) / sqrt(var + eps) * weight + bias},
 * with the biased (population) variance. {@code weight} starts at ones and {@code bias} at zeros,
 * both of shape {@code normalizedShape}.
 *
 * <p>Unlike batch normalisation it never mixes samples, so it is the normaliser a
 * gradient-penalty critic may use: the penalty is defined per sample.
 */
public final class LayerNorm extends Layer {
    /** PyTorch's default {@code eps}. */
    public static final double DEFAULT_EPS = 1e-5;

    private final int[] normalizedShape;
    private final double eps;
    private final Parameter weight;
    private final Parameter bias;

    /** A float32 layer with eps 1e-5 and a learned elementwise affine map. */
    public LayerNorm(int... normalizedShape) {
        this(normalizedShape, DEFAULT_EPS, true, DType.F32);
    }

    /**
     * A layer with every option.
     *
     * @param normalizedShape sizes of the trailing axes to normalise over
     * @param eps added to the variance before the square root, > 0
     * @param elementwiseAffine whether to learn {@code weight} and {@code bias}
     * @param dtype dtype of the parameters
     */
    public LayerNorm(int[] normalizedShape, double eps, boolean elementwiseAffine, DType dtype) {
        if (normalizedShape.length == 0 || Arrays.stream(normalizedShape).anyMatch(d -> d < 1)) {
            throw new IllegalArgumentException("LayerNorm: normalizedShape must be non-empty with positive sizes, got "
                    + Arrays.toString(normalizedShape));
        }
        if (!(eps > 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("LayerNorm: eps must be positive and finite, got " + eps);
        }
        this.normalizedShape = normalizedShape.clone();
        this.eps = eps;
        Shape s = Shape.of(normalizedShape);
        this.weight = elementwiseAffine ? registerParameter("weight", new Parameter(Tensor.ones(dtype, s))) : null;
        this.bias = elementwiseAffine ? registerParameter("bias", new Parameter(Tensor.zeros(dtype, s))) : null;
    }

    /** The sizes of the normalised trailing axes. */
    public int[] normalizedShape() {
        return normalizedShape.clone();
    }

    /** The constant added to the variance. */
    public double eps() {
        return eps;
    }

    /** The elementwise scale, of shape {@code normalizedShape}, or null without affine map. */
    public Parameter weight() {
        return weight;
    }

    /** The elementwise shift, of shape {@code normalizedShape}, or null without affine map. */
    public Parameter bias() {
        return bias;
    }

    @Override
    public Var forward(Var input) {
        return forwardWith(input, weight == null ? null : weight.var(), bias == null ? null : bias.var());
    }

    /**
     * The normalisation with the given scale and shift in place of this layer's parameters (for
     * gradient checks with respect to them).
     *
     * @param input {@code [..., normalizedShape]}
     * @param weight scale of shape {@code normalizedShape}, or null for none
     * @param bias shift of shape {@code normalizedShape}, or null for none
     */
    public Var forwardWith(Var input, Var weight, Var bias) {
        Shape s = input.shape();
        int k = normalizedShape.length;
        int lead = s.rank() - k;
        boolean match = lead >= 0;
        for (int i = 0; match && i < k; i++) {
            match = s.dim(lead + i) == normalizedShape[i];
        }
        if (!match) {
            throw new IllegalArgumentException(this + ": input shape " + s + " does not end with "
                    + Arrays.toString(normalizedShape));
        }
        Shape ps = Shape.of(normalizedShape);
        if ((weight != null && !weight.shape().equals(ps)) || (bias != null && !bias.shape().equals(ps))) {
            throw new IllegalArgumentException(this + ": weight and bias must have shape " + ps + ", got "
                    + (weight == null ? null : weight.shape()) + " and " + (bias == null ? null : bias.shape()));
        }
        int[] axes = new int[k];
        for (int i = 0; i < k; i++) {
            axes[i] = lead + i;
        }
        Var centred = input.sub(input.mean(axes, true));
        Var variance = centred.square().mean(axes, true);
        Var y = centred.div(variance.add(eps).sqrt());
        // weight and bias cover the trailing axes, so plain broadcasting lines them up.
        if (weight != null) {
            y = y.mul(weight);
        }
        return bias == null ? y : y.add(bias);
    }

    @Override
    public String toString() {
        return "LayerNorm(" + Arrays.toString(normalizedShape) + ", eps " + eps
                + (weight == null ? ", no affine" : "") + ")";
    }
}
