package io.github.jgrad.wgan.plot;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/** "Nice" tick positions (1, 2, 2.5 or 5 times a power of ten) and their labels. */
final class Ticks {
    private Ticks() {
    }

    /** The nice step that cuts {@code [lo, hi]} into about {@code target} intervals. */
    static double step(double lo, double hi, int target) {
        double raw = (hi - lo) / Math.max(1, target);
        if (!(raw > 0) || !Double.isFinite(raw)) {
            return 1;
        }
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / mag;
        double nice = f < 1.5 ? 1 : f < 2.25 ? 2 : f < 3.5 ? 2.5 : f < 7.5 ? 5 : 10;
        return nice * mag;
    }

    /** Multiples of {@code step} inside {@code [lo, hi]} (end points included, with float slack). */
    static double[] within(double lo, double hi, double step) {
        double slack = step * 1e-9;
        long first = (long) Math.ceil((lo - slack) / step);
        long last = (long) Math.floor((hi + slack) / step);
        int n = (int) Math.max(0, Math.min(1000, last - first + 1));
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            // Multiplying an integer by the step avoids the drift of repeated addition, and
            // snapping tiny results to 0 avoids printing "-0.0" or "1e-17" at the origin.
            double v = (first + i) * step;
            out[i] = Math.abs(v) < slack ? 0 : v;
        }
        return out;
    }

    /** Nice ticks covering about {@code target} intervals of {@code [lo, hi]}. */
    static double[] nice(double lo, double hi, int target) {
        return within(lo, hi, step(lo, hi, target));
    }

    /**
     * A short label for {@code v} on an axis whose ticks are {@code step} apart: as many decimals
     * as the step needs, and scientific notation for very large or very small magnitudes (an
     * unconstrained critic's values reach 1e6 and more).
     */
    static String label(double v, double step) {
        if (v == 0) {
            return "0";
        }
        double mag = Math.max(Math.abs(v), step);
        if (mag >= 1e5 || mag < 1e-3) {
            // Mantissa decimals: the step's decade relative to the value's, plus one for steps
            // like 2.5e6; at least one, so neighbours read alike (5.0e6 next to 1.0e7).
            int stepExp = (int) Math.floor(Math.log10(step));
            double stepMantissa = step / Math.pow(10, stepExp);
            int extra = Math.abs(stepMantissa - Math.rint(stepMantissa)) > 1e-6 ? 1 : 0;
            int digits = (int) Math.floor(Math.log10(Math.abs(v))) - stepExp + extra;
            return compactExponent(String.format(Locale.ROOT, "%." + Math.max(1, Math.min(digits, 4)) + "e", v));
        }
        int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
        if (Math.abs(step * Math.pow(10, decimals) - Math.rint(step * Math.pow(10, decimals))) > 1e-6) {
            decimals++; // steps like 0.25 need one digit more than their magnitude says
        }
        return String.format(Locale.ROOT, "%." + Math.min(decimals, 6) + "f", v);
    }

    /**
     * {@code v} with {@code digits} significant digits and no trailing zeros, in plain notation
     * unless very large or very small: for quoting an exact extreme next to rounded ticks.
     */
    static String significant(double v, int digits) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        if (v == 0) {
            return "0";
        }
        double mag = Math.abs(v);
        if (mag >= 1e6 || mag < 1e-4) {
            return compactExponent(String.format(Locale.ROOT, "%." + (digits - 1) + "e", v));
        }
        return new BigDecimal(v).round(new MathContext(digits, RoundingMode.HALF_EVEN)).stripTrailingZeros().toPlainString();
    }

    /** "2.0e+06" as "2.0e6", "5e-04" as "5e-4": the exponent without sign padding. */
    private static String compactExponent(String s) {
        return s.replace("e+0", "e").replace("e-0", "e-").replace("e+", "e");
    }
}
