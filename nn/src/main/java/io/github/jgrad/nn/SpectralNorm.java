package io.github.jgrad.nn;

import io.github.jgrad.autodiff.NoGrad;
import io.github.jgrad.autodiff.Var;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;

/**
 * Spectral normalisation (Miyato et al. 2018): the wrapped layer runs with {@code W / sigma},
 * where {@code sigma}, the largest singular value of the weight viewed as
 * {@code [out, everything else]}, is estimated by power iteration with a persistent vector
 * {@code u}. Each training-mode forward refines {@code u} and {@code v} (outside the graph) and
 * differentiates through {@code sigma = u^T W v} with {@code u}, {@code v} held constant, as
 * PyTorch does. State-dict names follow {@code torch.nn.utils.spectral_norm}: {@code weight_orig},
 * {@code bias}, {@code weight_u}, {@code weight_v}.
 */
public final class SpectralNorm extends Layer {
    private static final double EPS = 1e-12;
    private final WeightedLayer layer;
    private final int powerIterations;
    private final Tensor u;
    private final Tensor v;

    /** Wraps {@code layer} with one power iteration per training forward. */
    public SpectralNorm(WeightedLayer layer, Rng rng) {
        this(layer, 1, rng);
    }

    /** Wraps {@code layer} with {@code powerIterations} power iterations per training forward. */
    public SpectralNorm(WeightedLayer layer, int powerIterations, Rng rng) {
        if (powerIterations < 1) {
            throw new IllegalArgumentException("SpectralNorm: powerIterations must be >= 1, got " + powerIterations);
        }
        this.layer = java.util.Objects.requireNonNull(layer, "layer");
        java.util.Objects.requireNonNull(rng, "rng");
        this.powerIterations = powerIterations;
        Tensor w = layer.weight().value();
        int rows = w.dim(0);
        int cols = w.size() / rows;
        registerParameter("weight_orig", layer.weight());
        if (layer.bias() != null) {
            registerParameter("bias", layer.bias());
        }
        u = registerBuffer("weight_u", normalize(rng.normal(w.dtype(), Shape.of(rows), 0, 1)));
        v = registerBuffer("weight_v", normalize(rng.normal(w.dtype(), Shape.of(cols), 0, 1)));
    }

    /** The current estimate of the weight's largest singular value (no power iteration). */
    public double sigma() {
        Tensor w = matrix(layer.weight().value());
        return u.reshape(1, -1).matmul(w).matmul(v.reshape(-1, 1)).item();
    }

    /** The normalised weight {@code W / sigma} as used in the forward pass. */
    public Var normalizedWeight() {
        Var w = layer.weight().var();
        if (isTraining()) {
            powerIteration(matrix(w.value()));
        }
        int rows = w.shape().dim(0);
        Var sigma = Var.constant(u.reshape(1, rows)).matmul(w.reshape(rows, -1))
                .matmul(Var.constant(v.reshape(-1, 1))).reshape();
        return w.div(sigma);
    }

    @Override
    public Var forward(Var input) {
        return layer.forwardWith(input, normalizedWeight());
    }

    private void powerIteration(Tensor w) {
        try (NoGrad ignored = NoGrad.enter()) {
            for (int i = 0; i < powerIterations; i++) {
                v.copyFromInPlace(normalize(w.matmul(u.reshape(-1, 1), true, false).reshape(-1)));
                u.copyFromInPlace(normalize(w.matmul(v.reshape(-1, 1)).reshape(-1)));
            }
        }
    }

    private static Tensor matrix(Tensor w) {
        return w.reshape(w.dim(0), -1);
    }

    private static Tensor normalize(Tensor x) {
        return x.div(Math.max(x.norm().item(), EPS));
    }

    @Override
    public String toString() {
        return "SpectralNorm(" + layer + ")";
    }
}
