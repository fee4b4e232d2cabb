package io.github.jgrad.tensor;

import java.util.Objects;

/**
 * A seeded random number generator that gives the same numbers for the same seed on every
 * machine, JVM and BLAS backend: SplitMix64 for the bits, and {@link StrictMath} (bit-exact
 * everywhere) for the Box-Muller transform behind normal draws. Its whole state is one
 * {@code long}, so it can be saved in a checkpoint and restored with {@link #setState}.
 *
 * <p>Not thread-safe: give each thread its own, e.g. from {@link #split()}.
 */
public final class Rng {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private long state;

    /** A generator started from {@code seed}. */
    public Rng(long seed) {
        this.state = seed;
    }

    /** The current state; a generator given it with {@link #setState} continues identically. */
    public long state() {
        return state;
    }

    /** Restores a state taken from {@link #state()}. */
    public void setState(long state) {
        this.state = state;
    }

    /** 64 random bits. */
    public long nextLong() {
        long z = (state += GOLDEN);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in {@code [0, 1)} with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform integer in {@code [0, bound)}, without modulo bias. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("nextInt: bound must be positive, got " + bound);
        }
        long limit = (1L << 32) - ((1L << 32) % bound);
        long r;
        do {
            r = nextLong() >>> 32;
        } while (r >= limit);
        return (int) (r % bound);
    }

    /**
     * Shuffles {@code values} in place (Fisher-Yates from the last index down, one
     * {@link #nextInt} per position), so the same seed always gives the same order.
     */
    public void shuffleInPlace(int[] values) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    /** A random order of {@code 0 .. n-1}: the identity shuffled by {@link #shuffleInPlace}. */
    public int[] permutation(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("permutation: n must not be negative, got " + n);
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        shuffleInPlace(order);
        return order;
    }

    /** Standard normal draw (Box-Muller; one of the pair is used, so the state stays one long). */
    public double nextGaussian() {
        double u1 = 1.0 - nextDouble(); // in (0, 1], so the log is finite
        double u2 = nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * Math.PI * u2);
    }

    /** A new generator seeded from this one's stream, for an independent sub-stream. */
    public Rng split() {
        return new Rng(nextLong());
    }

    /** Uniform values in {@code [lo, hi)}. */
    public Tensor uniform(DType dtype, Shape shape, double lo, double hi) {
        Elementwise.checkFinite("uniform", "lo", lo);
        Elementwise.checkFinite("uniform", "hi", hi);
        if (lo > hi) {
            throw new IllegalArgumentException("uniform: lo " + lo + " > hi " + hi);
        }
        Tensor t = Tensor.zeros(Objects.requireNonNull(dtype, "dtype"), shape);
        for (int i = 0; i < t.size(); i++) {
            t.setDouble(i, lo + (hi - lo) * nextDouble());
        }
        return t;
    }

    /** Normal values with the given mean and standard deviation. */
    public Tensor normal(DType dtype, Shape shape, double mean, double std) {
        Elementwise.checkFinite("normal", "mean", mean);
        Elementwise.checkFinite("normal", "std", std);
        if (std < 0) {
            throw new IllegalArgumentException("normal: std must be >= 0, got " + std);
        }
        Tensor t = Tensor.zeros(Objects.requireNonNull(dtype, "dtype"), shape);
        for (int i = 0; i < t.size(); i++) {
            t.setDouble(i, mean + std * nextGaussian());
        }
        return t;
    }

    /** 1 with probability {@code p}, else 0. */
    public Tensor bernoulli(DType dtype, Shape shape, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("bernoulli: p must be in [0, 1], got " + p);
        }
        Tensor t = Tensor.zeros(Objects.requireNonNull(dtype, "dtype"), shape);
        for (int i = 0; i < t.size(); i++) {
            t.setDouble(i, nextDouble() < p ? 1.0 : 0.0);
        }
        return t;
    }
}
