package io.github.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link BufferPool}: an array handed back through a lease is the next one of its length to be
 * allocated, zero-filled; a lease hands back only arrays allocated on its thread while it was
 * open, each once; small arrays are never cached; leases do not nest.
 */
class BufferPoolTest {
    private static final Shape LARGE = Shape.of(64, 128);

    @BeforeEach
    @AfterEach
    void emptyCache() {
        BufferPool.clear();
    }

    @Test
    void aRecycledArrayComesBackZeroFilledForTheSameLength() {
        Tensor dead;
        try (BufferPool.Lease lease = BufferPool.open()) {
            dead = Tensor.zeros(DType.F32, LARGE).fillInPlace(3);
            assertTrue(lease.owns(dead));
            assertTrue(lease.recycle(dead));
            assertFalse(lease.recycle(dead), "handed back twice");
        }
        assertEquals(4L * LARGE.size(), BufferPool.cachedBytes());
        Tensor other = Tensor.zeros(DType.F32, Shape.of(32, 64));
        assertFalse(BufferPool.sameArray(dead, other), "another length must not get it");
        Tensor reused = Tensor.zeros(DType.F32, Shape.of(128, 64));
        assertTrue(BufferPool.sameArray(dead, reused));
        assertEquals(0.0, reused.abs().sum().item());
        assertEquals(0L, BufferPool.cachedBytes());
    }

    @Test
    void aLeaseRefusesArraysItDidNotSeeAllocated() {
        Tensor before = Tensor.zeros(DType.F64, LARGE);
        Tensor wrapped = Tensor.of(new double[(int) LARGE.size()], 64, 128);
        try (BufferPool.Lease lease = BufferPool.open()) {
            Tensor small = Tensor.zeros(DType.F64, Shape.of(8, 8));
            assertFalse(lease.recycle(before));
            assertFalse(lease.recycle(wrapped));
            assertFalse(lease.recycle(small), "small arrays are not cached");
            Tensor mine = Tensor.zeros(DType.F64, LARGE);
            Tensor view = mine.reshape(128, 64);
            assertTrue(lease.owns(view));
            assertTrue(lease.recycle(view));
            assertFalse(lease.recycle(mine), "the same array through another tensor");
        }
        assertEquals(8L * LARGE.size(), BufferPool.cachedBytes());
    }

    @Test
    void leasesDoNotNestAndAClosedLeaseHandsNothingBack() {
        BufferPool.Lease outer = BufferPool.open();
        assertNull(BufferPool.open());
        Tensor t = Tensor.zeros(DType.F32, LARGE);
        outer.close();
        assertFalse(outer.recycle(t));
        BufferPool.Lease next = BufferPool.open();
        assertNotSame(outer, next);
        next.close();
        assertEquals(0L, BufferPool.cachedBytes());
    }

    @Test
    void anotherThreadCannotHandBackALeasesArray() throws Exception {
        try (BufferPool.Lease lease = BufferPool.open()) {
            Tensor mine = Tensor.zeros(DType.F32, LARGE);
            boolean[] handedBack = new boolean[1];
            Thread other = new Thread(() -> handedBack[0] = lease.recycle(mine));
            other.start();
            other.join();
            assertFalse(handedBack[0]);
            assertSame(Boolean.TRUE, lease.owns(mine));
        }
    }
}
