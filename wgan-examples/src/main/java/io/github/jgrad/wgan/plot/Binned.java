package io.github.jgrad.wgan.plot;

/**
 * Counts of values in equal-width bins.
 *
 * @param edges {@code bins + 1} increasing bin edges
 * @param counts values per bin; bin {@code b} holds {@code [edges[b], edges[b+1])}, the last bin
 *     also its right edge
 * @param finite number of finite values counted
 * @param dropped number of non-finite values left out
 */
record Binned(double[] edges, long[] counts, long finite, long dropped) {
    /**
     * Bins the finite {@code values} over the range spanning them and {@code include} (the
     * histogram's marker); a zero-width range is widened to one unit around its value.
     */
    static Binned of(double[] values, int bins, double include) {
        double lo = include;
        double hi = include;
        long finite = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
                finite++;
            }
        }
        if (!(hi > lo)) {
            lo -= 0.5;
            hi += 0.5;
        }
        double[] edges = new double[bins + 1];
        for (int b = 0; b <= bins; b++) {
            edges[b] = b == bins ? hi : lo + (hi - lo) * b / bins;
        }
        long[] counts = new long[bins];
        for (double v : values) {
            if (Double.isFinite(v)) {
                int b = (int) Math.floor((v - lo) / (hi - lo) * bins);
                counts[Math.max(0, Math.min(bins - 1, b))]++;
            }
        }
        return new Binned(edges, counts, finite, values.length - finite);
    }

    /** The largest count. */
    long maxCount() {
        long m = 0;
        for (long c : counts) {
            m = Math.max(m, c);
        }
        return m;
    }
}
