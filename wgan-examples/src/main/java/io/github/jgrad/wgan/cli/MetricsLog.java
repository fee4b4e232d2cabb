package io.github.jgrad.wgan.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code metrics.jsonl}: one JSON object per logged iteration, flat keys, non-finite values as
 * {@code null} (JSON has no NaN). Kept in memory too, for the curves.
 */
final class MetricsLog {
    private static final Gson GSON = new GsonBuilder().serializeNulls().create();
    private final Path file;
    private final List<Map<String, Double>> rows = new ArrayList<>();

    private MetricsLog(Path file) {
        this.file = file;
    }

    /** A new, empty log (an existing file is replaced). */
    static MetricsLog create(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, new byte[0]);
        return new MetricsLog(file);
    }

    /**
     * The log of a resumed run: rows after {@code iteration} (written after the checkpoint the
     * run resumes from) are dropped, so the file reads as one uninterrupted run.
     */
    static MetricsLog resume(Path file, int iteration) throws IOException {
        MetricsLog log = new MetricsLog(file);
        StringBuilder kept = new StringBuilder();
        for (Line l : read(file)) {
            if (l.row().get("iteration") <= iteration) {
                log.rows.add(l.row());
                kept.append(l.text()).append('\n');
            }
        }
        Files.writeString(file, kept.toString(), StandardCharsets.UTF_8);
        return log;
    }

    /** The last row of the log in {@code file}, read without changing the file; empty if there is none. */
    static Map<String, Double> lastRow(Path file) throws IOException {
        List<Line> lines = read(file);
        return lines.isEmpty() ? Map.of() : lines.get(lines.size() - 1).row();
    }

    /** One parsed line and its text. */
    private record Line(Map<String, Double> row, String text) {
    }

    /** The rows of {@code file} that parse and have an iteration (none if it does not exist). */
    private static List<Line> read(Path file) throws IOException {
        List<Line> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonObject o;
            try {
                o = JsonParser.parseString(line).getAsJsonObject();
            } catch (RuntimeException e) {
                continue; // a line torn by a crash mid-write
            }
            if (!o.has("iteration")) {
                continue;
            }
            Map<String, Double> row = new LinkedHashMap<>();
            o.entrySet().forEach(e -> row.put(e.getKey(), e.getValue().isJsonNull() ? Double.NaN
                    : e.getValue().getAsDouble()));
            out.add(new Line(row, line));
        }
        return out;
    }

    /** Appends one row. */
    void append(Map<String, Double> row) throws IOException {
        rows.add(row);
        Map<String, Object> json = new LinkedHashMap<>();
        row.forEach((k, v) -> json.put(k, v == null || !Double.isFinite(v) ? null
                : (v == Math.rint(v) && Math.abs(v) < 1e15 ? (Object) (long) (double) v : v)));
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND)) {
            w.write(GSON.toJson(json));
            w.write('\n');
        }
    }

    /** Every row so far. */
    List<Map<String, Double>> rows() {
        return rows;
    }

    /** The series {@code (iteration, key)} over all rows that have the key with a finite value. */
    double[][] series(String key) {
        List<double[]> pts = new ArrayList<>();
        for (Map<String, Double> r : rows) {
            Double v = r.get(key);
            if (v != null && Double.isFinite(v)) {
                pts.add(new double[] {r.get("iteration"), v});
            }
        }
        double[][] xy = new double[2][pts.size()];
        for (int i = 0; i < pts.size(); i++) {
            xy[0][i] = pts.get(i)[0];
            xy[1][i] = pts.get(i)[1];
        }
        return xy;
    }

    /** The file. */
    Path file() {
        return file;
    }
}
