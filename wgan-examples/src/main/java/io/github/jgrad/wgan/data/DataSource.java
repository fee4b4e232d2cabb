package io.github.jgrad.wgan.data;

import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Where a run's real samples come from: a short name, the shape of one sample, and a seeded draw
 * of a batch. The trainer, the metrics and the networks' sizes depend on nothing else, so the toy
 * sets, MNIST, a CSV table, a folder of images and a user's own class plug in alike.
 *
 * <p>A sample of shape {@code [d]} is a row of {@code d} numbers (toy points, table rows) and is
 * learnt by MLPs; a sample of shape {@code [channels, height, width]} is an image and is learnt
 * by convolutional networks.
 */
public interface DataSource extends Sampler {

    /**
     * The short name of the source, shown in reports and stored in checkpoints, e.g.
     * {@code 8gaussians}, {@code mnist} or the file name of a table.
     */
    String id();

    /** The shape of one sample: {@code [d]} for rows, {@code [channels, height, width]} for images. */
    Shape sampleShape();

    /**
     * Draws {@code n} samples as a tensor of shape {@code [n, sampleShape...]}. The draw depends
     * only on {@code rng}'s state, so a generator with the same seed gives the same batch.
     *
     * @param n   number of samples, at least 1
     * @param rng the source of randomness; it is advanced
     */
    @Override
    Tensor sample(int n, Rng rng);

    /**
     * How many distinct records the source holds (images, table rows), or empty for a
     * distribution that can be drawn from without end (the toy sets).
     */
    default OptionalInt records() {
        return OptionalInt.empty();
    }

    /**
     * A source from a name, a sample shape and a draw, for a few lines of user code:
     * {@code DataSource.of("ring", Shape.of(2), (n, rng) -> ...)}.
     *
     * @throws IllegalArgumentException if the shape has no elements
     */
    static DataSource of(String id, Shape sampleShape, Sampler draw) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(sampleShape, "sampleShape");
        Objects.requireNonNull(draw, "draw");
        if (sampleShape.size() < 1) {
            throw new IllegalArgumentException("data source '" + id + "': a sample needs at least one value, got shape "
                    + sampleShape);
        }
        return new DataSource() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public Shape sampleShape() {
                return sampleShape;
            }

            @Override
            public Tensor sample(int n, Rng rng) {
                return draw.sample(n, rng);
            }
        };
    }
}
