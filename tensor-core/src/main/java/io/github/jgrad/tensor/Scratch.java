package io.github.jgrad.tensor;

/**
 * Work arrays that a kernel reuses from call to call on the same thread, so that a hot loop does
 * not allocate (and have the JVM zero) a fresh buffer on every call.
 *
 * <p>Each thread has a few numbered slots. A kernel takes at most one buffer per slot, writes
 * every element it later reads, and neither hands the buffer out nor keeps it past its return.
 * Buffers of more than {@link #MAX_KEPT} elements are allocated per call and not kept, so a
 * thread holds at most {@code SLOTS * MAX_KEPT} elements.
 */
final class Scratch {
    /** Slots per thread. */
    static final int SLOTS = 2;
    /** The largest buffer kept between calls: 2^22 elements, 16 MB of float32. */
    static final int MAX_KEPT = 1 << 22;

    private static final ThreadLocal<Scratch> PER_THREAD = ThreadLocal.withInitial(Scratch::new);

    private final float[][] floats = new float[SLOTS][];
    private final double[][] doubles = new double[SLOTS][];

    private Scratch() {
    }

    /**
     * A one-dimensional tensor of {@code like}'s dtype with at least {@code size} elements, whose
     * contents are left from earlier use: the calling thread's buffer in {@code slot} when it is
     * large enough, otherwise a new one (kept in the slot if it has at most {@link #MAX_KEPT}
     * elements).
     */
    static Tensor buffer(Tensor like, int slot, int size) {
        if (slot < 0 || slot >= SLOTS) {
            throw new IllegalArgumentException("scratch slot " + slot + " outside [0, " + SLOTS + ")");
        }
        if (size < 0) {
            throw new IllegalArgumentException("scratch size " + size + " is negative");
        }
        Scratch s = PER_THREAD.get();
        if (like.f != null) {
            float[] a = s.floats[slot];
            if (a == null || a.length < size) {
                a = new float[size];
                if (size <= MAX_KEPT) {
                    s.floats[slot] = a;
                }
            }
            return new Tensor(Shape.of(a.length), a);
        }
        double[] a = s.doubles[slot];
        if (a == null || a.length < size) {
            a = new double[size];
            if (size <= MAX_KEPT) {
                s.doubles[slot] = a;
            }
        }
        return new Tensor(Shape.of(a.length), a);
    }
}
