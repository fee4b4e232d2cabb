package io.github.jgrad.wgan.data;

import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A user's CSV table as a data source: each row encoded by its {@link TableSchema} (numeric
 * columns standardised, categorical columns one-hot), float32 rows of {@link TableSchema#width()}
 * values. A fixed share of the rows, chosen by the seed, is held out: the generator never sees
 * them, and the utility metrics test on them.
 */
public final class TableData implements DataSource {
    /** The share of rows held out for testing (none for tables under {@value #MIN_ROWS_FOR_HOLDOUT} rows). */
    public static final double HOLDOUT = 0.2;
    /** Tables with fewer rows hold none out. */
    public static final int MIN_ROWS_FOR_HOLDOUT = 10;

    private final Path file;
    private final TableSchema schema;
    private final float[] train;
    private final float[] heldOut;
    private final List<String> warnings;
    private final int dropped;

    private TableData(Path file, TableSchema schema, float[] train, float[] heldOut, List<String> warnings, int dropped) {
        this.file = file;
        this.schema = schema;
        this.train = train;
        this.heldOut = heldOut;
        this.warnings = List.copyOf(warnings);
        this.dropped = dropped;
    }

    /**
     * Reads and encodes {@code file}.
     *
     * @param seed chooses the held-out rows
     * @throws TableFormatException if the table is empty, ragged, has a non-number in a numeric
     *     column, a missing value (unless {@code options.dropMissing()}) or a column with more than
     *     {@link TableSchema#MAX_CATEGORIES} categories; the message names file, row and column
     * @throws IllegalArgumentException if {@code options} names a column the table does not have
     * @throws IOException if the file cannot be read
     */
    public static TableData load(Path file, TableOptions options, long seed) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(options, "options");
        if (Files.isDirectory(file)) {
            throw new TableFormatException(file, "is a folder, not a CSV file");
        }
        if (!Files.exists(file)) {
            throw new TableFormatException(file, "no such CSV file");
        }
        CsvFile csv = CsvFile.read(file);
        for (String name : options.categorical()) {
            if (!csv.header().contains(name)) {
                throw new IllegalArgumentException("--categorical: no column '" + name + "' in " + file
                        + "; the columns are " + csv.header());
            }
        }
        if (csv.records().isEmpty()) {
            throw new TableFormatException(file, "has a header but no rows");
        }
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < csv.records().size(); i++) {
            int missing = firstMissing(csv.records().get(i));
            if (missing < 0) {
                kept.add(i);
            } else if (!options.dropMissing()) {
                throw new TableFormatException(file, csv.line(i), csv.header().get(missing), "missing value ('"
                        + csv.records().get(i)[missing].trim() + "'); fill it in, or pass --drop-missing to leave out "
                        + "rows with missing values");
            }
        }
        if (kept.isEmpty()) {
            throw new TableFormatException(file, "every row has a missing value; nothing is left to learn");
        }
        List<String> warnings = new ArrayList<>();
        int dropped = csv.records().size() - kept.size();
        if (dropped > 0) {
            warnings.add(file.getFileName() + ": left out " + dropped + " of " + csv.records().size()
                    + " rows with missing values (--drop-missing)");
        }
        Set<String> categorical = new HashSet<>(options.categorical());
        TableSchema schema = TableSchema.infer(file, csv, kept, categorical, warnings);
        int n = kept.size();
        int[] order = new Rng(seed).permutation(n);
        int test = n >= MIN_ROWS_FOR_HOLDOUT ? (int) Math.round(HOLDOUT * n) : 0;
        int w = schema.width();
        float[] train = new float[(n - test) * w];
        float[] heldOut = new float[test * w];
        for (int k = 0; k < n; k++) {
            String[] record = csv.records().get(kept.get(order[k]));
            if (k < test) {
                schema.encode(record, heldOut, k * w);
            } else {
                schema.encode(record, train, (k - test) * w);
            }
        }
        return new TableData(file, schema, train, heldOut, warnings, dropped);
    }

    private static int firstMissing(String[] record) {
        for (int c = 0; c < record.length; c++) {
            if (TableSchema.isMissing(record[c])) {
                return c;
            }
        }
        return -1;
    }

    /** A uniformly random order of {@code 0 .. n-1} (Fisher-Yates). */

    /** The file's name, e.g. {@code wine.csv}. */
    @Override
    public String id() {
        return file.getFileName().toString();
    }

    /** One encoded row: {@code [width]}. */
    @Override
    public Shape sampleShape() {
        return Shape.of(schema.width());
    }

    /** The number of training rows (held-out rows are not drawn). */
    @Override
    public OptionalInt records() {
        return OptionalInt.of(trainRows());
    }

    /** {@code n} training rows drawn uniformly with replacement, {@code [n, width]}. */
    @Override
    public Tensor sample(int n, Rng rng) {
        if (n < 1) {
            throw new IllegalArgumentException(id() + ": sample size must be at least 1, got " + n);
        }
        Objects.requireNonNull(rng, "rng");
        int w = schema.width();
        int rows = trainRows();
        float[] out = new float[n * w];
        for (int k = 0; k < n; k++) {
            System.arraycopy(train, rng.nextInt(rows) * w, out, k * w, w);
        }
        return Tensor.wrap(out, Shape.of(n, w));
    }

    /** The file read. */
    public Path file() {
        return file;
    }

    /** The columns and their encoding. */
    public TableSchema schema() {
        return schema;
    }

    /** How many rows the generator learns from. */
    public int trainRows() {
        return train.length / schema.width();
    }

    /** How many rows are held out. */
    public int heldOutRows() {
        return heldOut.length / schema.width();
    }

    /** A copy of the encoded training rows, {@code [trainRows, width]}. */
    public Tensor training() {
        return Tensor.of(train, trainRows(), schema.width());
    }

    /** A copy of the encoded held-out rows, {@code [heldOutRows, width]}. */
    public Tensor heldOut() {
        return Tensor.of(heldOut, heldOutRows(), schema.width());
    }

    /** Warnings to show the user: constant columns, rows left out. */
    public List<String> warnings() {
        return warnings;
    }

    /** Rows left out for a missing value. */
    public int droppedRows() {
        return dropped;
    }
}
