package io.github.jgrad.wgan.data;

import io.github.jgrad.tensor.Rng;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The columns of a table and how a row is encoded for the networks: numeric columns standardised,
 * categorical columns one-hot, side by side in header order. Decoding maps an encoded row (real or
 * generated) back to the file's units and labels.
 */
public final class TableSchema {
    /** More categories than this in one column is refused: it is almost surely an identifier or free text. */
    public static final int MAX_CATEGORIES = 1000;
    private static final Set<String> MISSING = Set.of("", "na", "n/a", "nan", "null", "?");

    private final List<TableColumn> columns;
    private final int[] offsets;
    private final int width;

    /** A schema of the given columns, in order. */
    public TableSchema(List<TableColumn> columns) {
        this.columns = List.copyOf(columns);
        this.offsets = new int[columns.size()];
        int w = 0;
        for (int c = 0; c < columns.size(); c++) {
            offsets[c] = w;
            w += columns.get(c).width();
        }
        this.width = w;
    }

    /** True for a field that spreadsheets and CSV writers use for a missing value: blank, NA, N/A, NaN, null or ?. */
    public static boolean isMissing(String field) {
        return MISSING.contains(field.trim().toLowerCase(Locale.ROOT));
    }

    /**
     * Works out each column's kind and statistics from the records at {@code kept} (records with
     * missing values already left out). A column is categorical when {@code categorical} names it
     * or when fewer than half of its values are numbers; otherwise every value must be a number.
     *
     * @param warnings receives one line per constant column (kept, with standard deviation 1)
     * @throws TableFormatException naming row and column for a non-number in a numeric column, or
     *     the column for more than {@link #MAX_CATEGORIES} categories
     */
    static TableSchema infer(Path file, CsvFile csv, List<Integer> kept, Set<String> categorical,
                             List<String> warnings) throws TableFormatException {
        List<TableColumn> cols = new ArrayList<>();
        for (int c = 0; c < csv.header().size(); c++) {
            String name = csv.header().get(c);
            int numbers = 0;
            for (int i : kept) {
                if (parse(csv.records().get(i)[c]) != null) {
                    numbers++;
                }
            }
            boolean isCategorical = categorical.contains(name) || 2 * numbers < kept.size();
            cols.add(isCategorical ? categoricalColumn(file, csv, kept, c) : numericColumn(file, csv, kept, c, warnings));
        }
        return new TableSchema(cols);
    }

    private static TableColumn categoricalColumn(Path file, CsvFile csv, List<Integer> kept, int c)
            throws TableFormatException {
        Map<String, Integer> seen = new LinkedHashMap<>();
        for (int i : kept) {
            seen.putIfAbsent(csv.records().get(i)[c].trim(), seen.size());
            if (seen.size() > MAX_CATEGORIES) {
                throw new TableFormatException(file, "column '" + csv.header().get(c) + "' has more than "
                        + MAX_CATEGORIES + " categories (first over the limit at row " + csv.line(i)
                        + "); an identifier or free text cannot be learnt as categories: remove the column");
            }
        }
        return new TableColumn(csv.header().get(c), true, 0, 0, 0, new ArrayList<>(seen.keySet()));
    }

    private static TableColumn numericColumn(Path file, CsvFile csv, List<Integer> kept, int c, List<String> warnings)
            throws TableFormatException {
        String name = csv.header().get(c);
        double sum = 0;
        int[] byDecimals = new int[7];
        double[] v = new double[kept.size()];
        for (int k = 0; k < v.length; k++) {
            String field = csv.records().get(kept.get(k))[c].trim();
            Double x = parse(field);
            if (x == null) {
                throw new TableFormatException(file, csv.line(kept.get(k)), name, "'" + field + "' is not a number, "
                        + "but most of the column's values are; fix the value, or name the column in --categorical");
            }
            v[k] = x;
            sum += x;
            byDecimals[decimals(field)]++;
        }
        // The most decimals that at least 5 % of the values carry: a stray 9.899999 among values
        // written with two decimals is a float printed in full, not the column's precision.
        int decimals = 0;
        for (int d = byDecimals.length - 1; d > 0; d--) {
            if (byDecimals[d] > 0 && byDecimals[d] >= 0.05 * v.length) {
                decimals = d;
                break;
            }
        }
        double mean = sum / v.length;
        double squares = 0;
        for (double x : v) {
            squares += (x - mean) * (x - mean);
        }
        double std = Math.sqrt(squares / v.length);
        if (!(std > 0)) {
            warnings.add(file.getFileName() + ": column '" + name + "' is constant (" + csv.records().get(kept.get(0))[c].trim()
                    + " in every row); it is kept, and the generator learns the constant");
            std = 1;
        }
        return new TableColumn(name, false, mean, std, decimals, List.of());
    }

    /** The number, or null if the field is not a finite decimal number. */
    static Double parse(String field) {
        String f = field.trim();
        if (f.isEmpty() || !(Character.isDigit(f.charAt(f.length() - 1)) || f.endsWith("."))) {
            return null; // also refuses Java's "NaN", "Infinity" and the suffixes "1f", "1d"
        }
        try {
            double d = Double.parseDouble(f);
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static int decimals(String field) {
        String f = field.toLowerCase(Locale.ROOT);
        if (f.contains("e")) {
            return 6; // scientific notation: keep a fixed, generous precision
        }
        int dot = f.indexOf('.');
        return dot < 0 ? 0 : Math.min(6, f.length() - dot - 1);
    }

    /** The columns in header order. */
    public List<TableColumn> columns() {
        return columns;
    }

    /** The column names in header order. */
    public List<String> names() {
        return columns.stream().map(TableColumn::name).toList();
    }

    /** Values per encoded row: one per numeric column plus one per category. */
    public int width() {
        return width;
    }

    /** Where column {@code c}'s values start in an encoded row. */
    public int offset(int c) {
        return offsets[c];
    }

    /**
     * The index of the column called {@code name}.
     *
     * @param option the option that named it, for the error
     * @throws IllegalArgumentException listing the columns if there is none
     */
    public int indexOf(String name, String option) {
        for (int c = 0; c < columns.size(); c++) {
            if (columns.get(c).name().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException(option + ": no column '" + name + "'; the columns are " + names());
    }

    /** Writes the encoding of {@code record} (all fields present) into {@code dest} from {@code at}. */
    void encode(String[] record, float[] dest, int at) {
        for (int c = 0; c < columns.size(); c++) {
            TableColumn col = columns.get(c);
            String field = record[c].trim();
            if (col.categorical()) {
                dest[at + offsets[c] + col.categories().indexOf(field)] = 1f;
            } else {
                dest[at + offsets[c]] = (float) col.standardise(Double.parseDouble(field));
            }
        }
    }

    /**
     * The fields of an encoded row {@code row[from .. from + width())} in the file's units and
     * labels: numeric values mapped back and written with the column's decimals, each categorical
     * column as its most likely category or, when {@code sampling} is given, a category drawn
     * with the row's weights.
     */
    public String[] decode(double[] row, int from, Rng sampling) {
        String[] out = new String[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            TableColumn col = columns.get(c);
            int at = from + offsets[c];
            out[c] = col.categorical() ? col.categories().get(category(row, at, col.width(), sampling))
                    : col.format(col.original(row[at]));
        }
        return out;
    }

    /**
     * The category of the block {@code row[at .. at + k)}: the largest value, or with
     * {@code sampling} a draw proportional to the values (negative ones counting as 0).
     */
    public static int category(double[] row, int at, int k, Rng sampling) {
        if (sampling != null) {
            double total = 0;
            for (int j = 0; j < k; j++) {
                total += Math.max(0, row[at + j]);
            }
            if (total > 0) {
                double u = sampling.nextDouble() * total;
                for (int j = 0; j < k; j++) {
                    u -= Math.max(0, row[at + j]);
                    if (u < 0) {
                        return j;
                    }
                }
                return k - 1;
            }
        }
        int best = 0;
        for (int j = 1; j < k; j++) {
            if (row[at + j] > row[at + best]) {
                best = j;
            }
        }
        return best;
    }
}
