package io.github.jgrad.wgan.data;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Objects;

/**
 * One column of a table as the networks see it. A numeric column is one value, standardised with
 * the column's mean and standard deviation; a categorical column is a block of one value per
 * category (one-hot for real rows, probabilities from the generator).
 *
 * @param name       the name from the header
 * @param categorical whether the column holds categories
 * @param mean       the mean of a numeric column (0 for a categorical one)
 * @param std        the standard deviation of a numeric column, 1 where the column is constant
 *                   (0 for a categorical one)
 * @param decimals   digits after the point that exported values keep: the most that at least 5 %
 *                   of the column's values carry (0 for whole numbers)
 * @param categories the category labels in order of first appearance (empty for a numeric column)
 */
public record TableColumn(String name, boolean categorical, double mean, double std, int decimals,
                          List<String> categories) {

    /** Copies the labels. */
    public TableColumn {
        Objects.requireNonNull(name, "name");
        categories = List.copyOf(categories);
    }

    /** How many values the column takes in an encoded row: 1, or the number of categories. */
    public int width() {
        return categorical ? categories.size() : 1;
    }

    /** {@code (value - mean) / std}. */
    public double standardise(double value) {
        return (value - mean) / std;
    }

    /** A standardised value back in the column's units: {@code mean + std * z}. */
    public double original(double z) {
        return mean + std * z;
    }

    /** {@code value} written with the column's number of decimals, as the file wrote its values. */
    public String format(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        String s = BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        return s.startsWith("-") && BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_EVEN).signum() == 0
                ? s.substring(1) : s;
    }
}
