package io.github.jgrad.wgan.data;

import java.util.List;
import java.util.Objects;

/**
 * How a CSV table is read.
 *
 * @param categorical names of columns to treat as categories even though their values are
 *                    numbers (a class label written 0, 1, 2); columns holding text are
 *                    categorical anyway
 * @param dropMissing drop rows with a missing value instead of refusing the table
 */
public record TableOptions(List<String> categorical, boolean dropMissing) {
    /** No columns forced categorical, missing values refused. */
    public static final TableOptions DEFAULT = new TableOptions(List.of(), false);

    /** Copies the names. */
    public TableOptions {
        categorical = List.copyOf(Objects.requireNonNull(categorical, "categorical"));
    }
}
