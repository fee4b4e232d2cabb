package io.github.jgrad.wgan.data;

import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.joml.Vector2d;
import org.joml.Vector2dc;

/**
 * The 2-D toy distributions of the WGAN-GP paper's code (gan_toy.py), defined as in
 * REFERENCE.md. Each point is drawn in a "raw" space and the whole set is then divided by a
 * fixed scale factor (1.414, 2.828, 7.5) so that it sits roughly in {@code [-2, 2]^2}; every
 * geometric quantity this class reports ({@link #modeCentres()}, {@link #modeStd()}) is in that
 * scaled space, the space the samples live in.
 *
 * <p>Draws use {@link Rng} and {@link StrictMath}, so a seed gives the same batch on every
 * machine.
 */
public enum ToyData implements DataSource {

    /**
     * Eight Gaussians on a circle of radius 2: centres {@code 2*(+-1, 0)}, {@code 2*(0, +-1)},
     * {@code 2*(+-1/sqrt2, +-1/sqrt2)}, noise {@code 0.02 * N(0, I)}, divided by 1.414. Each
     * point's mode is {@code rng.nextInt(8)}, uniform.
     */
    EIGHT_GAUSSIANS("8gaussians", 1.414, 0.02, eightRawCentres()),

    /**
     * A 5 x 5 grid of Gaussians: centres {@code (2x, 2y)} for {@code x, y in {-2..2}}, noise
     * {@code 0.05 * N(0, I)}, divided by 2.828. Each point's mode is {@code rng.nextInt(25)}.
     */
    TWENTY_FIVE_GAUSSIANS("25gaussians", 2.828, 0.05, gridRawCentres()),

    /**
     * A swiss roll: {@code t = 1.5*pi*(1 + 2U)}, point {@code (t cos t, t sin t)} plus
     * {@code 0.25 * N(0, 1)} per coordinate (the x and z of scikit-learn's 3-D roll), divided by
     * 7.5. It has no modes.
     */
    SWISSROLL("swissroll", 7.5, 0.25, List.of());

    private final String id;
    private final double scale;
    private final double noiseStd;
    /** Centres before division by {@link #scale}, in the order of the reference code. */
    private final List<Vector2dc> rawCentres;
    private final List<Vector2dc> scaledCentres;

    ToyData(String id, double scale, double noiseStd, List<Vector2dc> rawCentres) {
        this.id = id;
        this.scale = scale;
        this.noiseStd = noiseStd;
        this.rawCentres = rawCentres;
        this.scaledCentres = rawCentres.stream()
                .map(c -> (Vector2dc) new Vector2d(c).div(scale))
                .collect(Collectors.toUnmodifiableList());
    }

    /** The short name used on the command line and in file names, e.g. {@code "8gaussians"}. */
    @Override
    public String id() {
        return id;
    }

    /** One sample is a point in the plane: {@code [2]}. */
    @Override
    public Shape sampleShape() {
        return Shape.of(2);
    }

    /**
     * The data set with the given {@link #id()} (case and surrounding spaces ignored).
     *
     * @throws IllegalArgumentException naming the valid ids if there is none
     */
    public static ToyData fromId(String id) {
        Objects.requireNonNull(id, "id");
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        for (ToyData d : values()) {
            if (d.id.equals(wanted)) {
                return d;
            }
        }
        String valid = Stream.of(values()).map(ToyData::id).collect(Collectors.joining(", "));
        throw new IllegalArgumentException("unknown toy data set '" + id + "'; valid ids: " + valid);
    }

    /**
     * Draws {@code n} points as a {@code [n, 2]} tensor of the given dtype.
     *
     * @param n     number of points, at least 1
     * @param rng   the source of randomness; the same state gives the same batch
     * @param dtype element type of the result
     */
    public Tensor sample(int n, Rng rng, DType dtype) {
        if (n < 1) {
            throw new IllegalArgumentException(id + ": sample size must be at least 1, got " + n);
        }
        Objects.requireNonNull(rng, "rng");
        Tensor out = Tensor.zeros(Objects.requireNonNull(dtype, "dtype"), Shape.of(n, 2));
        Vector2d p = new Vector2d();
        for (int i = 0; i < n; i++) {
            drawRaw(rng, p).div(scale);
            put(out, i, p);
        }
        return out;
    }

    /** Draws {@code n} float32 points, {@code [n, 2]}; see {@link #sample(int, Rng, DType)}. */
    @Override
    public Tensor sample(int n, Rng rng) {
        return sample(n, rng, DType.F32);
    }

    /**
     * The mode centres in the scaled space (raw centre divided by the scale factor), in the
     * order of the reference code; empty for {@link #SWISSROLL}. Mode {@code i} of
     * {@link io.github.jgrad.wgan.metrics.ModeCoverage} results is element {@code i} here.
     */
    public List<Vector2dc> modeCentres() {
        return scaledCentres;
    }

    /**
     * The standard deviation of the noise per coordinate, in the scaled space: the per-mode std
     * {@code 0.02/1.414} and {@code 0.05/2.828} for the Gaussian mixtures, and the spread
     * {@code 0.25/7.5} around the roll for {@link #SWISSROLL}.
     */
    public double modeStd() {
        return noiseStd / scale;
    }

    /** Whether the set is a mixture with discrete modes (false for {@link #SWISSROLL}). */
    public boolean hasModes() {
        return !rawCentres.isEmpty();
    }

    /** Writes one raw (unscaled) point into {@code dest} and returns it. */
    private Vector2d drawRaw(Rng rng, Vector2d dest) {
        if (this == SWISSROLL) {
            double t = 1.5 * Math.PI * (1.0 + 2.0 * rng.nextDouble());
            // StrictMath, like Rng's Box-Muller, keeps the data bit-identical across JVMs.
            dest.set(t * StrictMath.cos(t), t * StrictMath.sin(t));
        } else {
            dest.set(rawCentres.get(rng.nextInt(rawCentres.size())));
        }
        double gx = rng.nextGaussian();
        double gy = rng.nextGaussian();
        return dest.add(noiseStd * gx, noiseStd * gy);
    }

    private static void put(Tensor out, int row, Vector2dc p) {
        out.setInPlace(2 * row, p.x()).setInPlace(2 * row + 1, p.y());
    }

    /**
     * Listed rather than produced by rotating {@code (2, 0)} in steps of 45 degrees: a rotation
     * leaves cos(90 degrees) ~ 6e-17 where the reference has an exact 0, and the listed order is
     * the reference code's, so mode indices match it.
     */
    private static List<Vector2dc> eightRawCentres() {
        double h = 1.0 / Math.sqrt(2.0);
        double[][] unit = {{1, 0}, {-1, 0}, {0, 1}, {0, -1}, {h, h}, {h, -h}, {-h, h}, {-h, -h}};
        List<Vector2dc> centres = new ArrayList<>();
        for (double[] u : unit) {
            centres.add(new Vector2d(u[0], u[1]).mul(2.0));
        }
        return List.copyOf(centres);
    }

    /** {@code (2x, 2y)} for x in -2..2 (outer) and y in -2..2 (inner), as the reference loops. */
    private static List<Vector2dc> gridRawCentres() {
        List<Vector2dc> centres = new ArrayList<>();
        for (int x = -2; x <= 2; x++) {
            for (int y = -2; y <= 2; y++) {
                centres.add(new Vector2d(2.0 * x, 2.0 * y));
            }
        }
        return List.copyOf(centres);
    }
}
