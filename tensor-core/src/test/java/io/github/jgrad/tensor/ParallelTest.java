package io.github.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * {@link Parallel#run} runs every part exactly once, on at most the thread budget's threads,
 * waits for all of them, reports failures, and neither deadlocks nor oversubscribes when called
 * from inside a part or from several threads at once.
 */
class ParallelTest {

    @Test
    void everyPartRunsOnceAndPartZeroOnTheCaller() {
        for (int round = 0; round < 200; round++) {
            int parts = 1 + round % 7;
            AtomicIntegerArray runs = new AtomicIntegerArray(parts);
            Thread caller = Thread.currentThread();
            Thread[] ranOn = new Thread[parts];
            Parallel.run(parts, p -> {
                runs.incrementAndGet(p);
                ranOn[p] = Thread.currentThread();
            });
            for (int p = 0; p < parts; p++) {
                assertEquals(1, runs.get(p), "part " + p + " of " + parts);
            }
            assertSame(caller, ranOn[0]);
        }
    }

    @Test
    void noMoreThreadsThanTheBudgetWorkAtOnce() {
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        for (int round = 0; round < 50; round++) {
            Parallel.run(8, p -> {
                threads.add(Thread.currentThread());
                busyWork(20_000);
            });
        }
        assertTrue(threads.size() <= Parallel.WORKERS, threads + " for a budget of " + Parallel.WORKERS);
    }

    @Test
    void resultsAreWrittenBeforeRunReturns() {
        double[] out = new double[1 << 16];
        for (int round = 0; round < 100; round++) {
            int r = round;
            Parallel.forSlices(out.length, 4, (from, to) -> {
                for (int i = from; i < to; i++) {
                    out[i] = i * 0.5 + r;
                }
            });
            for (int i = 0; i < out.length; i += 97) {
                assertEquals(i * 0.5 + r, out[i]);
            }
        }
    }

    @Test
    void aFailingPartIsRethrownAfterTheOthersFinish() {
        AtomicIntegerArray finished = new AtomicIntegerArray(4);
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> Parallel.run(4, p -> {
            if (p == 2) {
                throw new IllegalStateException("part 2 failed");
            }
            busyWork(50_000);
            finished.set(p, 1);
        }));
        assertEquals("part 2 failed", thrown.getMessage());
        assertArrayEquals(new int[] {1, 1, 0, 1}, new int[] {finished.get(0), finished.get(1), finished.get(2),
            finished.get(3)});
    }

    @Test
    void nestedAndConcurrentCallsFinish() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(3);
        try {
            CountDownLatch go = new CountDownLatch(1);
            Future<?>[] futures = new Future<?>[3];
            long[] sums = new long[3];
            for (int c = 0; c < 3; c++) {
                int caller = c;
                futures[c] = callers.submit(() -> {
                    go.await();
                    AtomicIntegerArray cells = new AtomicIntegerArray(16);
                    for (int round = 0; round < 100; round++) {
                        Parallel.run(4, outer -> Parallel.run(4, inner -> cells.incrementAndGet(outer * 4 + inner)));
                    }
                    long sum = 0;
                    for (int i = 0; i < 16; i++) {
                        sum += cells.get(i);
                    }
                    sums[caller] = sum;
                    return null;
                });
            }
            go.countDown();
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
            assertArrayEquals(new long[] {1600, 1600, 1600}, sums);
        } finally {
            callers.shutdownNow();
        }
    }

    private static double busyWork(int n) {
        double x = 0;
        for (int i = 0; i < n; i++) {
            x += Math.sqrt(i);
        }
        return x;
    }
}
