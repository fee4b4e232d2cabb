package io.github.jgrad.wgan.spark;

import io.github.jgrad.wgan.plot.SideBySide;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The driver's view of a finished sweep: {@code summary.md} (the metrics table of
 * {@code compare}, with a column per varied option, and medians over seeds), {@code summary.csv}
 * (every final metric of every run) and, per data set, {@code critic_maps.png} and
 * {@code grad_norms.png} with the first seed of each objective and option setting side by side.
 */
final class SweepSummary {
    /** The metrics in the Markdown table, in order: the ones {@code compare} shows. */
    private static final List<String> TABLE = List.of("modes_covered", "high_quality", "reverse_kl", "swd",
            "swd_floor", "grad_norm_mean", "critic_real");

    private SweepSummary() {
    }

    /**
     * Writes the summary files, the figures and (unless every run had finished earlier) the
     * timeline of a finished sweep into its output
     * and returns the Markdown. For an output on a Hadoop file system they are made in a local
     * folder from copies of the runs' pictures, then copied there.
     */
    static String writeAll(Grid grid, Sweep.Result result) throws IOException {
        Output out = result.out();
        // A submission that only found finished runs (or ran into the same divergence again) keeps
        // the timeline of the one that trained them.
        boolean trained = result.runs().stream().anyMatch(r -> !r.finishedEarlier() && !r.isStopped());
        if (out.isLocal()) {
            String md = write(out.local(), grid, result.runs());
            if (trained) {
                Timeline.write(out.local(), grid, result.attempts());
            }
            return md;
        }
        Path mirror = Files.createTempDirectory("jgrad-sweep-summary-");
        try {
            Set<Path> panels = new LinkedHashSet<>();
            for (GridPoint p : grid.points()) {
                for (String figure : List.of("critic_map.png", "grad_norms.png")) {
                    Path local = mirror.resolve(grid.folder(p)).resolve(figure);
                    if (out.download(grid.folder(p) + "/" + figure, local)) {
                        panels.add(local);
                    }
                }
            }
            String md = write(mirror, grid, result.runs());
            if (trained) {
                Timeline.write(mirror, grid, result.attempts());
            }
            List<Path> made;
            try (java.util.stream.Stream<Path> files = Files.walk(mirror)) {
                made = files.filter(Files::isRegularFile).filter(f -> !panels.contains(f))
                        .filter(f -> !f.getFileName().toString().startsWith(".")).toList();
            }
            for (Path f : made) {
                out.upload(f, mirror.relativize(f).toString().replace(java.io.File.separatorChar, '/'));
            }
            return md;
        } finally {
            try (java.util.stream.Stream<Path> files = Files.walk(mirror)) {
                for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /** Writes the summary files and figures into {@code out} and returns the Markdown. */
    static String write(Path out, Grid grid, List<RunReport> runs) throws IOException {
        Files.writeString(out.resolve("summary.csv"), csv(grid, runs), StandardCharsets.UTF_8);
        String md = markdown(grid, runs);
        Files.writeString(out.resolve("summary.md"), md, StandardCharsets.UTF_8);
        figures(out, grid);
        return md;
    }

    static String csv(Grid grid, List<RunReport> runs) {
        Set<String> metrics = new LinkedHashSet<>();
        runs.forEach(r -> metrics.addAll(r.metrics().keySet()));
        List<String> header = new ArrayList<>(List.of("data", "objective", "seed"));
        header.addAll(grid.varied());
        header.add("folder");
        header.add("stopped");
        header.addAll(metrics);
        StringBuilder s = new StringBuilder(String.join(",", header)).append('\n');
        for (RunReport r : runs) {
            GridPoint p = grid.points().get(r.index());
            List<String> row = new ArrayList<>(List.of(p.data(), p.objective(), Long.toString(p.seed())));
            grid.varied().forEach(v -> row.add(p.options().get(v)));
            row.add(r.folder());
            row.add(r.isStopped() ? "\"" + r.stopped().replace("\"", "'") + "\"" : "");
            for (String m : metrics) {
                Double v = r.metrics().get(m);
                row.add(v == null || Double.isNaN(v) ? "" : Double.toString(v));
            }
            s.append(String.join(",", row)).append('\n');
        }
        return s.toString();
    }

    static String markdown(Grid grid, List<RunReport> runs) {
        StringBuilder md = new StringBuilder("# jgrad sweep\n\n");
        md.append(String.format(Locale.ROOT, "%d runs%s.%n%n", runs.size(),
                grid.varied().isEmpty() ? "" : ", varying " + String.join(", ", grid.varied())));
        String optionCols = grid.varied().stream().map(v -> " " + v + " |").reduce("", String::concat);
        String optionRule = "---|".repeat(grid.varied().size());
        md.append("| data | objective | seed |").append(optionCols)
                .append(" modes | high quality | reverse KL | SWD | SWD floor | mean grad norm | mean D(real) |\n");
        md.append("|---|---|---|").append(optionRule).append("---|---|---|---|---|---|---|\n");
        Map<String, List<RunReport>> bySetting = new LinkedHashMap<>();
        for (RunReport r : runs) {
            GridPoint p = grid.points().get(r.index());
            md.append("| ").append(p.data()).append(" | ").append(p.objective()).append(" | ").append(p.seed())
                    .append(" |").append(options(grid, p));
            for (String m : TABLE) {
                md.append(' ').append(format(m, r.metrics().get(m))).append(" |");
            }
            md.append('\n');
            bySetting.computeIfAbsent(p.data() + " | " + p.objective() + " |" + options(grid, p),
                    k -> new ArrayList<>()).add(r);
        }
        List<RunReport> stopped = runs.stream().filter(RunReport::isStopped).toList();
        if (!stopped.isEmpty()) {
            md.append("\n## Runs that stopped early\n\n");
            stopped.forEach(r -> md.append("- ").append(r.folder()).append(": ").append(r.stopped()).append('\n'));
        }
        md.append("\n## Medians over seeds\n\n| data | objective |").append(optionCols)
                .append(" modes | high quality | SWD |\n|---|---|").append(optionRule).append("---|---|---|\n");
        bySetting.forEach((setting, rs) -> md.append("| ").append(setting)
                .append(' ').append(format("modes_covered", median(rs, "modes_covered"))).append(" |")
                .append(' ').append(format("high_quality", median(rs, "high_quality"))).append(" |")
                .append(' ').append(format("swd", median(rs, "swd"))).append(" |\n"));
        return md.toString();
    }

    /** Per data set, the critic maps and gradient-norm plots of each setting's first seed. */
    private static void figures(Path out, Grid grid) throws IOException {
        Map<String, List<GridPoint>> firstSeeds = new LinkedHashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        for (GridPoint p : grid.points()) {
            if (seen.add(p.data() + "/" + p.objective() + options(grid, p))) {
                firstSeeds.computeIfAbsent(p.data(), d -> new ArrayList<>()).add(p);
            }
        }
        for (Map.Entry<String, List<GridPoint>> e : firstSeeds.entrySet()) {
            for (String figure : List.of("critic_map", "grad_norms")) {
                List<Path> panels = new ArrayList<>();
                List<String> captions = new ArrayList<>();
                for (GridPoint p : e.getValue()) {
                    Path panel = out.resolve(grid.folder(p)).resolve(figure + ".png");
                    if (Files.exists(panel)) {
                        panels.add(panel);
                        captions.add((p.objective() + options(grid, p).replace(" |", ",")).replaceAll(",$", ""));
                    }
                }
                if (!panels.isEmpty()) {
                    String name = figure.equals("critic_map") ? "critic_maps.png" : "grad_norms.png";
                    SideBySide.write(out.resolve(e.getKey()).resolve(name), panels, captions,
                            Math.min(panels.size(), panels.size() <= 4 ? 2 : 3));
                }
            }
        }
    }

    private static String options(Grid grid, GridPoint p) {
        StringBuilder s = new StringBuilder();
        grid.varied().forEach(v -> s.append(' ').append(v).append(' ').append(p.options().get(v)).append(" |"));
        return s.toString();
    }

    private static double median(List<RunReport> rows, String key) {
        double[] v = rows.stream().mapToDouble(r -> r.metrics().getOrDefault(key, Double.NaN))
                .filter(x -> !Double.isNaN(x)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String format(String metric, Double v) {
        if (v == null || Double.isNaN(v)) {
            return "-";
        }
        return switch (metric) {
            case "modes_covered" -> String.format(Locale.ROOT, "%.0f", v);
            case "high_quality" -> String.format(Locale.ROOT, "%.1f %%", 100 * v);
            case "reverse_kl", "grad_norm_mean" -> String.format(Locale.ROOT, "%.3f", v);
            case "critic_real" -> String.format(Locale.ROOT, "%.3g", v);
            default -> String.format(Locale.ROOT, "%.4f", v);
        };
    }
}
