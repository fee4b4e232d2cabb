package io.github.jgrad.wgan.data;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Comma-separated text as RFC 4180 writes it: a header row, then records of the same number of
 * fields; a field may be quoted ({@code "a, b"}, with {@code ""} for a quote inside). Blank lines
 * are skipped. Reading is strict about the shape so that a mistake is found at its row.
 */
public final class CsvFile {
    private final List<String> header;
    private final List<String[]> records;
    private final int[] lines;

    private CsvFile(List<String> header, List<String[]> records, int[] lines) {
        this.header = header;
        this.records = records;
        this.lines = lines;
    }

    /**
     * Reads {@code file}.
     *
     * @throws TableFormatException if it is empty, a column name is blank or repeated, a record
     *     has another number of fields than the header (naming its row), or a quote is not closed
     */
    public static CsvFile read(Path file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        List<Integer> lineOf = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = r.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                if (rows.isEmpty() && line.startsWith("\uFEFF")) {
                    line = line.substring(1); // the byte-order mark spreadsheets put first
                }
                rows.add(split(file, number, line));
                lineOf.add(number);
            }
        }
        if (rows.isEmpty()) {
            throw new TableFormatException(file, "is empty; expected a header row naming the columns, then one row per record");
        }
        List<String> header = new ArrayList<>();
        for (String name : rows.get(0)) {
            String n = name.trim();
            if (n.isEmpty()) {
                throw new TableFormatException(file, "row 1: column " + (header.size() + 1) + " has no name in the header");
            }
            if (header.contains(n)) {
                throw new TableFormatException(file, "row 1: column name '" + n + "' appears twice in the header");
            }
            header.add(n);
        }
        List<String[]> records = rows.subList(1, rows.size());
        int[] lines = new int[records.size()];
        for (int i = 0; i < records.size(); i++) {
            lines[i] = lineOf.get(i + 1);
            if (records.get(i).length != header.size()) {
                throw new TableFormatException(file, "row " + lines[i] + " has " + records.get(i).length
                        + " fields but the header names " + header.size() + " columns");
            }
        }
        return new CsvFile(List.copyOf(header), List.copyOf(records), lines);
    }

    private static String[] split(Path file, int line, String text) throws TableFormatException {
        List<String> fields = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    f.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    f.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(f.toString());
                f.setLength(0);
            } else {
                f.append(c);
            }
        }
        if (quoted) {
            throw new TableFormatException(file, "row " + line + ": a quoted field is not closed");
        }
        fields.add(f.toString());
        return fields.toArray(new String[0]);
    }

    /** The column names, trimmed, in file order. */
    public List<String> header() {
        return header;
    }

    /** The records after the header (fields untrimmed), in file order. */
    public List<String[]> records() {
        return records;
    }

    /** The line number in the file of record {@code i} (the header is line 1). */
    public int line(int i) {
        return lines[i];
    }

    /**
     * Writes a header and records to {@code file}, quoting fields that hold a comma, a quote or a
     * line break, through a temporary file renamed into place so that a failed write leaves no
     * half-written table.
     */
    public static void write(Path file, List<String> header, List<String[]> records) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, "." + file.getFileName(), ".tmp");
        try {
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                w.write(join(header.toArray(new String[0])));
                w.newLine();
                for (String[] r : records) {
                    w.write(join(r));
                    w.newLine();
                }
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String join(String[] fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            String f = fields[i];
            if (f.contains(",") || f.contains("\"") || f.contains("\n") || f.contains("\r")) {
                sb.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(f);
            }
        }
        return sb.toString();
    }
}
