package io.github.jgrad.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The summary table of {@link SideBySide}: per workload and thread count, the median and the
 * range over repeats of each side's iterations per second, each side's spread (fastest repeat
 * over slowest), the ratio jgrad / PyTorch, and the median peak resident memory of each side's
 * process; then, per workload, jgrad's speed-up from one thread to two (medians of this run).
 *
 * <p>The ratio is the median of the per-repeat ratios: each pair was measured back to back, so
 * a change in the machine's load between repeats cancels out of it, which it would not in a
 * ratio of medians taken at different times.
 */
final class SideBySideTable {

    private SideBySideTable() {
    }

    /**
     * Prints the table.
     *
     * @param cells        per {@code "workload|threads"}, one {@code {jgrad, torch}} pair per repeat
     *                     (torch null when PyTorch is not run)
     * @param torchMissing why PyTorch was not run, or null
     */
    static void print(Map<String, List<ChildRun[]>> cells, String torchMissing) {
        System.out.println();
        System.out.println("generator iterations per second: median (min-max) over repeats; spread = max/min;"
                + " ratio = median of per-repeat jgrad/PyTorch; peak = median max RSS of the child process");
        System.out.printf(Locale.ROOT, "%-19s %3s | %-22s %6s | %-22s %6s | %-17s | %9s %9s%n", "workload", "thr",
                "jgrad it/s", "spread", "PyTorch it/s", "spread", "ratio jgrad/torch", "jgrad MB", "torch MB");
        Map<String, Map<String, Double>> jgradMedians = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, List<ChildRun[]>> e : cells.entrySet()) {
            String[] key = e.getKey().split("\\|");
            List<Double> j = new ArrayList<>();
            List<Double> p = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            List<Double> jMem = new ArrayList<>();
            List<Double> pMem = new ArrayList<>();
            for (ChildRun[] pair : e.getValue()) {
                if (pair[0].ok()) {
                    j.add(pair[0].itPerSecond());
                    jMem.add(pair[0].peakRssKb() / 1024.0);
                }
                if (pair[1] != null && pair[1].ok()) {
                    p.add(pair[1].itPerSecond());
                    pMem.add(pair[1].peakRssKb() / 1024.0);
                    if (pair[0].ok()) {
                        ratios.add(pair[0].itPerSecond() / pair[1].itPerSecond());
                    }
                }
            }
            System.out.printf(Locale.ROOT, "%-19s %3s | %-22s %6s | %-22s %6s | %-17s | %9s %9s%n", key[0], key[1],
                    spread(j, 3), maxOverMin(j), torchMissing != null ? "not run" : spread(p, 3),
                    torchMissing != null ? "-" : maxOverMin(p), spread(ratios, 2),
                    median(jMem, 0), torchMissing != null ? "-" : median(pMem, 0));
            if (!j.isEmpty()) {
                jgradMedians.computeIfAbsent(key[0], w -> new java.util.LinkedHashMap<>()).put(key[1], median(j));
            }
        }
        for (Map.Entry<String, Map<String, Double>> e : jgradMedians.entrySet()) {
            Double one = e.getValue().get("1");
            Double two = e.getValue().get("2");
            if (one != null && two != null) {
                System.out.printf(Locale.ROOT, "jgrad speed-up 1 -> 2 threads, %-19s %.2f (serial fraction 2/S-1 = %.2f)%n",
                        e.getKey(), two / one, Math.max(0, 2 * one / two - 1));
            }
        }
        if (torchMissing != null) {
            System.out.println("PyTorch not run: " + torchMissing);
        }
    }

    /** {@code "median (min-max)"}, or "failed" for no values. */
    private static String spread(List<Double> values, int decimals) {
        if (values.isEmpty()) {
            return "failed";
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        String f = "%." + decimals + "f";
        return String.format(Locale.ROOT, f + " (" + f + "-" + f + ")", median(sorted),
                sorted.get(0), sorted.get(sorted.size() - 1));
    }

    /** The fastest repeat over the slowest, or "-" for no values. */
    private static String maxOverMin(List<Double> values) {
        return values.isEmpty() ? "-" : String.format(Locale.ROOT, "%.2f", Collections.max(values) / Collections.min(values));
    }

    private static String median(List<Double> values, int decimals) {
        return values.isEmpty() ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", median(values));
    }

    /** The middle value, or the mean of the two middle ones. */
    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
