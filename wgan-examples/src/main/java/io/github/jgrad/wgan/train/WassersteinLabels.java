package io.github.jgrad.wgan.train;

import io.github.jgrad.autodiff.Var;
import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;

/**
 * The Wasserstein critic loss in the form of Keras-style WGAN code, which trains the critic on
 * one mixed batch labelled 1 for real and -1 for fake: {@code -2 * mean(label * D(x))}. With as
 * many real as fake samples, {@code mean(label * D(x))} is half of {@code mean D(real) - mean
 * D(fake)}, so this is the trainer's {@code mean D(fake) - mean D(real)} with the same value and
 * the same gradients; the labels only decide the sign of each sample's contribution.
 */
public final class WassersteinLabels {
    private WassersteinLabels() {
    }

    /** Labels for a batch of {@code n} real samples followed by {@code n} fake ones: n ones, then n minus ones. */
    public static Tensor realThenFake(int n, DType dtype) {
        Tensor labels = Tensor.full(dtype, Shape.of(2 * n, 1), 1.0);
        for (int i = n; i < 2 * n; i++) {
            labels.setInPlace(i, -1.0);
        }
        return labels;
    }

    /**
     * {@code -2 * mean(label * dMixed)}, the critic loss from its outputs {@code [2n, 1]} on a mixed
     * batch and the labels of {@link #realThenFake}.
     *
     * @throws IllegalArgumentException if the labels do not match the outputs' shape
     */
    public static Var criticLoss(Var dMixed, Tensor labels) {
        if (!labels.shape().equals(dMixed.shape())) {
            throw new IllegalArgumentException("labels " + labels.shape() + " do not match critic outputs "
                    + dMixed.shape());
        }
        return dMixed.mul(Var.constant(labels)).mean().mul(-2.0);
    }
}
