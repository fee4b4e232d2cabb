package io.github.jgrad.nn;

import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import java.util.Objects;

/**
 * Weight initialisation schemes with PyTorch's formulas, all drawn from a seeded {@link Rng}.
 * Fan-in and fan-out follow PyTorch: for a weight of shape {@code [out, in, k...]},
 * {@code fanIn = in * prod(k)} and {@code fanOut = out * prod(k)}.
 */
public final class Init {
    private Init() {
    }

    /** Number of inputs feeding one output of a weight of this shape. */
    public static int fanIn(Shape w) {
        Objects.requireNonNull(w, "shape");
        requireRank2(w);
        return w.size() / w.dim(0);
    }

    /** Number of outputs one input feeds, for a weight of this shape. */
    public static int fanOut(Shape w) {
        Objects.requireNonNull(w, "shape");
        requireRank2(w);
        return w.size() / w.dim(1);
    }

    private static void requireRank2(Shape w) {
        if (w.rank() < 2) {
            throw new IllegalArgumentException("init: fan-in/fan-out need a weight of rank >= 2, got " + w);
        }
    }

    /** The gain for a leaky ReLU of negative slope {@code a}: {@code sqrt(2 / (1 + a^2))} (a = 0 for ReLU). */
    public static double leakyReluGain(double a) {
        return Math.sqrt(2.0 / (1 + a * a));
    }

    /** He (Kaiming) uniform: {@code U(-b, b)} with {@code b = gain * sqrt(3 / fanIn)}. */
    public static Tensor kaimingUniform(Rng rng, DType dtype, Shape shape, double a) {
        Objects.requireNonNull(rng, "rng");
        double bound = leakyReluGain(a) * Math.sqrt(3.0 / fanIn(shape));
        return rng.uniform(dtype, shape, -bound, bound);
    }

    /** He (Kaiming) normal: {@code N(0, std^2)} with {@code std = gain / sqrt(fanIn)}. */
    public static Tensor kaimingNormal(Rng rng, DType dtype, Shape shape, double a) {
        Objects.requireNonNull(rng, "rng");
        return rng.normal(dtype, shape, 0, leakyReluGain(a) / Math.sqrt(fanIn(shape)));
    }

    /** Xavier (Glorot) uniform: {@code U(-b, b)} with {@code b = gain * sqrt(6 / (fanIn + fanOut))}. */
    public static Tensor xavierUniform(Rng rng, DType dtype, Shape shape, double gain) {
        Objects.requireNonNull(rng, "rng");
        double bound = gain * Math.sqrt(6.0 / (fanIn(shape) + fanOut(shape)));
        return rng.uniform(dtype, shape, -bound, bound);
    }

    /** Xavier (Glorot) normal: {@code std = gain * sqrt(2 / (fanIn + fanOut))}. */
    public static Tensor xavierNormal(Rng rng, DType dtype, Shape shape, double gain) {
        Objects.requireNonNull(rng, "rng");
        return rng.normal(dtype, shape, 0, gain * Math.sqrt(2.0 / (fanIn(shape) + fanOut(shape))));
    }

    /** {@code N(mean, std^2)}; DCGAN-style networks use {@code N(0, 0.02^2)}. */
    public static Tensor normal(Rng rng, DType dtype, Shape shape, double mean, double std) {
        Objects.requireNonNull(rng, "rng");
        return rng.normal(dtype, shape, mean, std);
    }

    /**
     * PyTorch's default for Linear and Conv layers: weight Kaiming-uniform with {@code a = sqrt(5)},
     * i.e. {@code U(-1/sqrt(fanIn), 1/sqrt(fanIn))}.
     */
    public static Tensor defaultWeight(Rng rng, DType dtype, Shape shape) {
        return kaimingUniform(rng, dtype, shape, Math.sqrt(5));
    }

    /** PyTorch's default bias: {@code U(-1/sqrt(fanIn), 1/sqrt(fanIn))}. */
    public static Tensor defaultBias(Rng rng, DType dtype, int size, int fanIn) {
        Objects.requireNonNull(rng, "rng");
        double bound = fanIn > 0 ? 1.0 / Math.sqrt(fanIn) : 0;
        return rng.uniform(dtype, Shape.of(size), -bound, bound);
    }
}
