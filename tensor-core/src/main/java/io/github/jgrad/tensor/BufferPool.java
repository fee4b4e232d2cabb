package io.github.jgrad.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A cache of large element arrays, so that a steady training loop reuses the memory of its last
 * step instead of allocating fresh arrays for every operation.
 *
 * <p>Every tensor tensor-core allocates takes its array from here: a cached array of exactly the
 * right length when there is one (zero-filled, except for {@link Tensor#empty} outputs that their
 * kernel overwrites), else a new one. Arrays come back in two ways, and only arrays allocated on
 * the returning thread while the returner was open can come back, so nothing that existed before
 * (a value the caller passed in, a parameter) is ever handed back:
 * <ul>
 *   <li>a {@link Lease}, which the autodiff engine opens for a backward pass that builds no graph,
 *       hands back each gradient once no rule, result or pending sum refers to it;</li>
 *   <li>a {@link StepScope} ({@link #openStep}), which a training loop opens around each step,
 *       hands back everything the step allocated when it ends, on the loop's promise that none of
 *       it is used afterwards.</li>
 * </ul>
 *
 * <p>Why it matters: without it, the arrays of one step are garbage a moment later, the young
 * generation fills in a few steps, and a collector that grows the heap to keep up (G1 on a
 * machine with two or more processors) makes the kernel fault in fresh pages for every new region.
 * Arrays below {@link #MIN_ELEMENTS} elements are left to the allocator, which serves them from
 * the thread's own buffer. The cache holds at most {@link #MAX_BYTES} and is shared by all threads.
 */
public final class BufferPool {
    /** Arrays shorter than this are never cached. */
    static final int MIN_ELEMENTS = 1 << 12;
    /**
     * The most memory the cache holds: 128 MB (a thirty-second of the heap's limit if that is
     * less). A training step of the MNIST conv workload hands back about 60 MB, which the next
     * step takes again; more would only hold arrays of lengths no one asks for.
     */
    static final long MAX_BYTES = Math.min(128L << 20, Runtime.getRuntime().maxMemory() / 32);

    private static final Map<Integer, ArrayDeque<float[]>> FLOATS = new HashMap<>();
    private static final Map<Integer, ArrayDeque<double[]>> DOUBLES = new HashMap<>();
    private static final ThreadLocal<Lease> OPEN = new ThreadLocal<>();
    private static final ThreadLocal<StepScope> STEP = new ThreadLocal<>();
    private static final ThreadLocal<Boolean> OUTLIVING = new ThreadLocal<>();
    private static volatile boolean enabled = !"off".equals(System.getProperty("jgrad.bufferPool"));
    private static volatile boolean poisoned = "poison".equals(System.getProperty("jgrad.bufferPool"));
    private static long cachedBytes;

    private BufferPool() {
    }

    /** A zero-filled float array of length {@code n}, cached or new. */
    static float[] floats(int n) {
        return floats(n, true);
    }

    /**
     * A float array of length {@code n}, cached or new: zero-filled if {@code zero}, else holding
     * whatever it held (NaN when {@link #setPoisoned poisoned}), for an output a kernel overwrites.
     */
    static float[] floats(int n, boolean zero) {
        float[] a = null;
        if (n >= MIN_ELEMENTS && enabled) {
            synchronized (BufferPool.class) {
                ArrayDeque<float[]> free = FLOATS.get(n);
                if (free != null && !free.isEmpty()) {
                    a = free.pop();
                    cachedBytes -= 4L * n;
                }
            }
        }
        if (a == null) {
            a = new float[n];
        } else if (zero) {
            Arrays.fill(a, 0f);
        } else if (poisoned) {
            Arrays.fill(a, Float.NaN);
        }
        noteAllocated(a, n);
        return a;
    }

    /** A zero-filled double array of length {@code n}, cached or new. */
    static double[] doubles(int n) {
        return doubles(n, true);
    }

    /** {@link #floats(int, boolean)} for doubles. */
    static double[] doubles(int n, boolean zero) {
        double[] a = null;
        if (n >= MIN_ELEMENTS && enabled) {
            synchronized (BufferPool.class) {
                ArrayDeque<double[]> free = DOUBLES.get(n);
                if (free != null && !free.isEmpty()) {
                    a = free.pop();
                    cachedBytes -= 8L * n;
                }
            }
        }
        if (a == null) {
            a = new double[n];
        } else if (zero) {
            Arrays.fill(a, 0d);
        } else if (poisoned) {
            Arrays.fill(a, Double.NaN);
        }
        noteAllocated(a, n);
        return a;
    }

    private static void noteAllocated(Object array, int n) {
        if (n >= MIN_ELEMENTS && enabled && OUTLIVING.get() == null) {
            Lease lease = OPEN.get();
            if (lease != null) {
                lease.fresh.add(array);
            }
            StepScope step = STEP.get();
            if (step != null && step.isRecording()) {
                step.fresh.add(array);
            }
        }
    }

    /**
     * Turns caching on or off for the whole JVM. It is on unless the system property
     * {@code jgrad.bufferPool} is {@code off}. Off, every tensor gets a new array and nothing is
     * taken back, through a lease or a step: the results are the same bit for bit, only slower and with more garbage, which
     * makes it the switch to try first when a tensor seems to change behind a program's back.
     */
    public static void setEnabled(boolean on) {
        enabled = on;
        if (!on) {
            clear();
        }
    }

    /**
     * Poisons reused arrays: an array handed out again for an output that its kernel is to
     * overwrite ({@link Tensor#empty}) is first filled with NaN instead of keeping its old
     * contents, so a kernel that reads such an output before writing it turns its result into
     * NaN instead of quietly using stale numbers. Only cached arrays are poisoned, that is
     * arrays of at least 4096 elements handed out a second time; new arrays are zero. Also on
     * with {@code -Djgrad.bufferPool=poison}. For tests and debugging; it costs a fill per reuse.
     */
    public static void setPoisoned(boolean on) {
        poisoned = on;
    }

    /** Whether caching is on; see {@link #setEnabled}. */
    public static boolean isEnabled() {
        return enabled;
    }

    /**
     * Runs {@code allocation} with no lease or step recording what it allocates, for state that
     * must outlive the step it is created in, such as an optimizer's moments created at its
     * first step.
     */
    public static <T> T outliving(java.util.function.Supplier<T> allocation) {
        if (OUTLIVING.get() != null) {
            return allocation.get();
        }
        OUTLIVING.set(Boolean.TRUE);
        try {
            return allocation.get();
        } finally {
            OUTLIVING.remove();
        }
    }

    /** Bytes of arrays the cache holds now, waiting to be handed out again. */
    public static synchronized long cachedBytes() {
        return cachedBytes;
    }

    /** Empties the cache (tests start from a known state). */
    static synchronized void clear() {
        FLOATS.clear();
        DOUBLES.clear();
        cachedBytes = 0;
    }

    private static void give(Object array) {
        if (!enabled) {
            return;
        }
        synchronized (BufferPool.class) {
            if (array instanceof float[] f) {
                if (cachedBytes + 4L * f.length <= MAX_BYTES) {
                    FLOATS.computeIfAbsent(f.length, n -> new ArrayDeque<>()).push(f);
                    cachedBytes += 4L * f.length;
                }
            } else {
                double[] d = (double[]) array;
                if (cachedBytes + 8L * d.length <= MAX_BYTES) {
                    DOUBLES.computeIfAbsent(d.length, n -> new ArrayDeque<>()).push(d);
                    cachedBytes += 8L * d.length;
                }
            }
        }
    }

    /** Whether two tensors share their elements' array (one is a view of the other, or both of a third). */
    public static boolean sameArray(Tensor a, Tensor b) {
        return arrayOf(a) == arrayOf(b);
    }

    /** The array behind a tensor's elements. */
    static Object arrayOf(Tensor t) {
        return t.storage.array();
    }

    /**
     * Opens a lease on the calling thread: until it is closed, the large arrays this thread
     * allocates are recorded as the lease's own, and only those can be handed back through it.
     * Leases do not nest: while one is open on a thread, this returns null (and a null lease
     * hands nothing back).
     */
    public static Lease open() {
        if (OPEN.get() != null) {
            return null;
        }
        Lease lease = new Lease(Thread.currentThread());
        OPEN.set(lease);
        return lease;
    }

    /**
     * The arrays one thread allocated during a piece of work whose intermediate tensors it owns
     * outright, such as a backward pass that records no graph. See {@link BufferPool}.
     */
    public static final class Lease implements AutoCloseable {
        private final Thread owner;
        private final Set<Object> fresh = Collections.newSetFromMap(new IdentityHashMap<>());
        private boolean closed;

        private Lease(Thread owner) {
            this.owner = owner;
        }

        /**
         * Hands {@code dead}'s array back to the cache, on the caller's promise that neither
         * {@code dead} nor any other tensor on the same array is read or written again. Does
         * nothing when the array is not this lease's own (allocated before the lease, on another
         * thread, or already handed back).
         *
         * @return whether the array was handed back
         */
        public boolean recycle(Tensor dead) {
            if (!owns(dead) || Thread.currentThread() != owner) {
                return false;
            }
            Object array = arrayOf(dead);
            fresh.remove(array);
            StepScope step = STEP.get();
            if (step != null) {
                // The step must not hand it back a second time.
                step.forget(array);
            }
            give(array);
            return true;
        }

        /** Whether {@code t}'s array was allocated on this lease's thread while it was open. */
        public boolean owns(Tensor t) {
            return !closed && t != null && fresh.contains(arrayOf(t));
        }

        /** Stops recording; arrays not handed back are left to the garbage collector. */
        @Override
        public void close() {
            if (!closed) {
                closed = true;
                fresh.clear();
                if (OPEN.get() == this) {
                    OPEN.remove();
                }
            }
        }
    }

    /**
     * Opens a training step's scope on the calling thread: until it is closed, the large arrays
     * this thread allocates are recorded, and closing it hands every one of them back to the
     * cache, so that the next step reuses the memory of this one's activations, penalty graph and
     * gradients instead of allocating it again. This is what keeps a steady training loop's heap
     * small: a step of the toy WGAN-GP workload would otherwise leave about 20 MB of garbage.
     *
     * <p>The caller promises that no tensor created during the step is read or written after it
     * closes, except those passed to {@link StepScope#keep} and those allocated inside
     * {@link #outliving}. Parameters created before the step and updated in place are not
     * affected; gradients stored on parameters during the step are (clear them before closing).
     * Use it with try-with-resources on one thread: a scope must be closed on the thread that
     * opened it. Scopes do not nest: while one is open on a thread (or a lease is), this returns
     * an inert scope that records and hands back nothing, whose {@link StepScope#keep} acts on the
     * scope that is recording.
     */
    public static StepScope openStep() {
        if (STEP.get() != null || OPEN.get() != null || !enabled) {
            return new StepScope(null);
        }
        StepScope step = new StepScope(Thread.currentThread());
        STEP.set(step);
        return step;
    }

    /** The arrays of one training step; see {@link #openStep}. */
    public static final class StepScope implements AutoCloseable {
        private final Thread owner;
        /** Each array once: it is added when allocated and removed when kept or handed back. */
        private final ArrayList<Object> fresh = new ArrayList<>();
        private boolean closed;

        private StepScope(Thread owner) {
            this.owner = owner;
        }

        /** Whether this scope records (false for a nested, disabled or closed one). */
        public boolean isRecording() {
            return owner != null && !closed;
        }

        /**
         * Keeps {@code t}'s array out of the hand-back: {@code t} stays valid after the step. On an
         * inert scope this keeps it out of the scope that is recording on the calling thread.
         */
        public void keep(Tensor t) {
            if (t == null) {
                return;
            }
            StepScope recording = STEP.get();
            if (recording != null && recording.owner == Thread.currentThread()) {
                recording.forget(arrayOf(t));
            }
        }

        /** Drops {@code array} from the record (by identity; the latest arrays are the likeliest). */
        private void forget(Object array) {
            for (int i = fresh.size() - 1; i >= 0; i--) {
                if (fresh.get(i) == array) {
                    fresh.remove(i);
                    return;
                }
            }
        }

        /**
         * Hands back every array allocated during the step and not kept.
         *
         * @throws IllegalStateException on a thread other than the one that opened the scope,
         *     which stays open
         */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            if (owner != null && Thread.currentThread() != owner) {
                throw new IllegalStateException("a step scope must be closed on the thread that opened it");
            }
            closed = true;
            if (owner == null) {
                return;
            }
            STEP.remove();
            for (Object array : fresh) {
                give(array);
            }
            fresh.clear();
        }
    }
}
