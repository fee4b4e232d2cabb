package io.github.jgrad.tensor;

/**
 * Work arrays that a kernel reuses from call to call on the same thread, so that a hot loop does
 * not allocate (and have the JVM zero) a fresh buffer on every call.
 *
 * <p>Each thread has a few numbered slots. A kernel {@link #take}s a buffer from a slot, writes
 * every element it later reads, and {@link #give}s it back when it returns, without handing it
 * out. While a buffer is taken its slot is empty, so a call that re-enters on the same thread (a
 * fork-join worker may run another task while it waits) gets a fresh array instead of sharing
 * one. Buffers of more than {@link #MAX_KEPT} elements are not kept, so a thread holds at most
 * {@code SLOTS * MAX_KEPT} float32 and as many float64 elements.
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
     * there and large enough, otherwise a new one. The slot stays empty until {@link #give}.
     */
    static Tensor take(Tensor like, int slot, int size) {
        checkSlot(slot);
        if (size < 0) {
            throw new IllegalArgumentException("scratch size " + size + " is negative");
        }
        Scratch s = PER_THREAD.get();
        if (like.storage instanceof Storage.F32) {
            float[] a = s.floats[slot];
            s.floats[slot] = null;
            if (a == null || a.length < size) {
                a = new float[size];
            }
            return new Tensor(Shape.of(a.length), a);
        }
        double[] a = s.doubles[slot];
        s.doubles[slot] = null;
        if (a == null || a.length < size) {
            a = new double[size];
        }
        return new Tensor(Shape.of(a.length), a);
    }

    /**
     * Returns a buffer from {@link #take} to the calling thread's {@code slot}, unless it has
     * more than {@link #MAX_KEPT} elements or the slot already holds a larger one. Null is ignored.
     */
    static void give(Tensor buffer, int slot) {
        checkSlot(slot);
        if (buffer == null || buffer.size() > MAX_KEPT) {
            return;
        }
        Scratch s = PER_THREAD.get();
        if (buffer.storage instanceof Storage.F32 b) {
            if (s.floats[slot] == null || s.floats[slot].length < b.values.length) {
                s.floats[slot] = b.values;
            }
        } else if (s.doubles[slot] == null || s.doubles[slot].length < buffer.doubles().length) {
            s.doubles[slot] = buffer.doubles();
        }
    }

    private static void checkSlot(int slot) {
        if (slot < 0 || slot >= SLOTS) {
            throw new IllegalArgumentException("scratch slot " + slot + " outside [0, " + SLOTS + ")");
        }
    }
}
