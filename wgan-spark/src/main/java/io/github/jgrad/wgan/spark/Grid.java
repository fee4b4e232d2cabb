package io.github.jgrad.wgan.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The runs of a sweep: the product of the data sets, objectives, seeds and every value list of
 * the training options. Data sets vary slowest and options fastest, so the runs of one data set
 * and objective sit together, in the order {@code compare} trains them.
 */
public final class Grid {
    private final List<GridPoint> points;
    private final List<String> varied;

    private Grid(List<GridPoint> points, List<String> varied) {
        this.points = List.copyOf(points);
        this.varied = List.copyOf(varied);
    }

    /**
     * The product of the given lists.
     *
     * @param options each training option's values, by long name without dashes, in the order the
     *     folder names should list them
     * @throws IllegalArgumentException if a list is empty (the grid would have no runs) or a value repeats
     */
    public static Grid of(List<String> data, List<String> objectives, List<Long> seeds,
            Map<String, List<String>> options, boolean lrDecay) {
        requireValues("--data", data);
        requireValues("--objectives", objectives);
        requireValues("--seeds", seeds);
        List<String> varied = new ArrayList<>();
        options.forEach((name, values) -> {
            requireValues("--" + name, values);
            if (values.size() > 1) {
                varied.add(name);
            }
        });
        List<Map<String, String>> combos = new ArrayList<>();
        combos.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<String>> option : options.entrySet()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> combo : combos) {
                for (String value : option.getValue()) {
                    Map<String, String> extended = new LinkedHashMap<>(combo);
                    extended.put(option.getKey(), value.trim());
                    next.add(extended);
                }
            }
            combos = next;
        }
        List<GridPoint> points = new ArrayList<>();
        for (String d : data) {
            for (String o : objectives) {
                for (long seed : seeds) {
                    for (Map<String, String> combo : combos) {
                        points.add(new GridPoint(d.trim(), o.trim().toLowerCase(java.util.Locale.ROOT), seed, combo,
                                lrDecay));
                    }
                }
            }
        }
        return new Grid(points, varied);
    }

    private static void requireValues(String option, List<?> values) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("the grid is empty: " + option + " has no values");
        }
        if (values.stream().map(v -> v.toString().trim()).distinct().count() < values.size()) {
            throw new IllegalArgumentException(option + " lists a value twice: " + values);
        }
        for (Object v : values) {
            if (v.toString().isBlank()) {
                throw new IllegalArgumentException("the grid is empty: " + option + " has a blank value");
            }
        }
    }

    /** The runs, in the order described in the class comment. */
    public List<GridPoint> points() {
        return points;
    }

    /** The training options that take more than one value, in command-line order. */
    public List<String> varied() {
        return varied;
    }

    /** The folder of each run under the sweep's output (see {@link GridPoint#folder}). */
    public String folder(GridPoint p) {
        return p.folder(varied);
    }
}
