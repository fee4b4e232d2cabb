package io.github.jgrad.wgan.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A CSV table that cannot be learnt as it is: empty, ragged, a non-number in a numeric column, a
 * missing value, too many categories. The message starts with the file and names the row (1 is
 * the header, as a spreadsheet numbers it) and the column, so it can be shown to a user as is.
 */
public class TableFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * A problem with {@code file} as a whole.
     *
     * @param problem what is wrong, as a sentence fragment
     */
    public TableFormatException(Path file, String problem) {
        super(Objects.requireNonNull(file, "file").toAbsolutePath().normalize() + ": " + problem);
    }

    /**
     * A problem at one cell.
     *
     * @param row    the line's number in the file, the header being row 1
     * @param column the column's name from the header
     */
    public TableFormatException(Path file, int row, String column, String problem) {
        this(file, "row " + row + ", column '" + column + "': " + problem);
    }
}
