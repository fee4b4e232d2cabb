package io.github.jgrad.tensor;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * jgrad's own worker threads, behind {@link Parallel}: a fixed number of daemon threads, started
 * on first use, that run one job at a time. A job is a number of parts; the caller runs part 0,
 * then takes any part no worker has claimed yet, then waits for the parts that workers are
 * running.
 *
 * <p>Waiting spins with {@link Thread#onSpinWait()} for at most {@link #SPIN_NANOS} and then
 * parks: long enough that kernels issued one after another (the layers of a forward pass) reach
 * a worker that is still awake, short enough that an idle worker costs nothing measurable. The
 * handshake that avoids a lost wake-up is the usual one on two volatile fields: a worker sets
 * {@code parked} and then looks for a job once more before parking; a caller publishes the job
 * and then unparks every worker that says it is parked.
 */
final class WorkerPool {
    /** How long a waiting thread spins before it blocks: 50 microseconds. */
    static final long SPIN_NANOS = 50_000;

    private final Worker[] workers;
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile boolean started;
    private volatile Job job;

    WorkerPool(int threads) {
        workers = new Worker[Math.max(0, threads)];
    }

    /**
     * Runs the job on the caller and the workers and returns true, or returns false at once
     * (running nothing) when there are no workers or they are taken by another job, including
     * the job this thread is itself a part of.
     */
    boolean tryRun(int parts, IntConsumer body) {
        if (workers.length == 0 || !busy.compareAndSet(false, true)) {
            return false;
        }
        try {
            start();
            Job j = new Job(parts, body, Thread.currentThread());
            job = j;
            for (Worker w : workers) {
                if (w.parked) {
                    LockSupport.unpark(w);
                }
            }
            j.runPart(0, false);
            for (int p = j.next.getAndIncrement(); p < parts; p = j.next.getAndIncrement()) {
                j.runPart(p, true);
            }
            j.awaitOthers();
            rethrow(j.failure);
            return true;
        } finally {
            job = null;
            busy.set(false);
        }
    }

    private void start() {
        if (started) {
            return;
        }
        synchronized (this) {
            if (!started) {
                for (int i = 0; i < workers.length; i++) {
                    workers[i] = new Worker(i + 1);
                    workers[i].start();
                }
                started = true;
            }
        }
    }

    /** {@code first} with {@code next} added as suppressed, or {@code next} if there is no first. */
    static Throwable combine(Throwable first, Throwable next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    /** Rethrows a part's failure unchanged (parts throw only unchecked exceptions and errors). */
    static void rethrow(Throwable failure) {
        if (failure instanceof RuntimeException) {
            throw (RuntimeException) failure;
        }
        if (failure != null) {
            throw (Error) failure;
        }
    }

    /** One call of {@link #tryRun}: its parts, which are claimed in order, and who waits. */
    private static final class Job {
        final int parts;
        final IntConsumer body;
        final Thread caller;
        /** The next part nobody has claimed; part 0 is the caller's. */
        final AtomicInteger next = new AtomicInteger(1);
        /** Parts other than 0 that have finished; a part records its failure before counting itself. */
        final AtomicInteger done = new AtomicInteger();
        Throwable failure;

        Job(int parts, IntConsumer body, Thread caller) {
            this.parts = parts;
            this.body = body;
            this.caller = caller;
        }

        void runPart(int p, boolean counted) {
            try {
                body.accept(p);
            } catch (RuntimeException | Error e) {
                synchronized (this) {
                    failure = combine(failure, e);
                }
            }
            if (counted && done.incrementAndGet() == parts - 1 && Thread.currentThread() != caller) {
                LockSupport.unpark(caller);
            }
        }

        void awaitOthers() {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (done.get() < parts - 1) {
                if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
            }
        }
    }

    /** A worker thread: takes parts of the current job, then waits for the next job. */
    private final class Worker extends Thread {
        volatile boolean parked;

        Worker(int index) {
            super("jgrad-parallel-" + index);
            setDaemon(true);
        }

        @Override
        public void run() {
            Job seen = null;
            while (true) {
                Job j = job;
                if (j != null && j != seen) {
                    seen = j;
                    for (int p = j.next.getAndIncrement(); p < j.parts; p = j.next.getAndIncrement()) {
                        j.runPart(p, true);
                    }
                    continue;
                }
                long spinUntil = System.nanoTime() + SPIN_NANOS;
                while (job == seen || job == null) {
                    if (System.nanoTime() < spinUntil) {
                        Thread.onSpinWait();
                        continue;
                    }
                    parked = true;
                    if (job == seen || job == null) {
                        LockSupport.park(this);
                    }
                    parked = false;
                }
            }
        }
    }
}
