package io.github.jgrad.nn.optim;

/** Hyperparameter checks shared by the optimizers and schedules; messages name the value. */
final class Hyper {
    private Hyper() {
    }

    /** {@code v} if finite and {@code >= 0}. */
    static double nonNegative(String who, String name, double v) {
        if (!(v >= 0) || v == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException(who + ": " + name + " must be finite and >= 0, got " + v);
        }
        return v;
    }

    /** {@code v} if in {@code [0, 1)}: a decay rate of exactly 1 would never forget (and Adam's bias correction divides by 0). */
    static double unitOpen(String who, String name, double v) {
        if (!(v >= 0 && v < 1)) {
            throw new IllegalArgumentException(who + ": " + name + " must be in [0, 1), got " + v);
        }
        return v;
    }

    /** {@code v} if in {@code [0, 1]}. */
    static double unitClosed(String who, String name, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(who + ": " + name + " must be in [0, 1], got " + v);
        }
        return v;
    }
}
