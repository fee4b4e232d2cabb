package io.github.jgrad.wgan.data;

import java.util.List;
import java.util.Objects;

/**
 * How a table or an image folder is read, stored with a run so that sampling, evaluating and
 * resuming read it the same way.
 *
 * @param categorical columns of a table to treat as categories though they hold numbers
 * @param dropMissing leave out table rows with a missing value instead of refusing the table
 * @param target      a table column to predict in the train-synthetic-test-real metric, or
 *                    empty for none
 * @param imageSize   side of the square images after centre crop and resize; 0 takes the first
 *                    image's shorter side, rounded down to a multiple of 4
 * @param channels    1 (grey) or 3 (colour); 0 takes the first image's
 */
public record DataOptions(List<String> categorical, boolean dropMissing, String target, int imageSize, int channels) {
    /** Nothing set. */
    public static final DataOptions DEFAULT = new DataOptions(List.of(), false, "", 0, 0);

    /** Checks the image settings. */
    public DataOptions {
        categorical = List.copyOf(Objects.requireNonNull(categorical, "categorical"));
        target = target == null ? "" : target.trim();
        if (imageSize != 0 && (imageSize < 4 || imageSize % 4 != 0 || imageSize > 256)) {
            throw new IllegalArgumentException("--image-size must be a multiple of 4 from 4 to 256, got " + imageSize);
        }
        if (channels != 0 && channels != 1 && channels != 3) {
            throw new IllegalArgumentException("--channels must be 1 or 3, got " + channels);
        }
    }

    /** The table reading part. */
    public TableOptions table() {
        return new TableOptions(categorical, dropMissing);
    }
}
