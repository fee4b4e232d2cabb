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
 * open, each once; small arrays are never cached; leases do not nest. A step scope hands back every
 * array allocated during it except those it keeps and those allocated as outliving it, and never
 * one a lease already handed back.
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

    @Test
    void aStepHandsBackWhatItAllocatedExceptWhatItKeepsAndWhatOutlivesIt() {
        Tensor before = Tensor.zeros(DType.F32, LARGE);
        Tensor kept;
        Tensor outliving;
        Tensor dead;
        try (BufferPool.StepScope step = BufferPool.openStep()) {
            assertTrue(step.isRecording());
            dead = Tensor.zeros(DType.F32, LARGE).fillInPlace(2);
            kept = Tensor.zeros(DType.F32, LARGE).fillInPlace(5);
            step.keep(kept.reshape(128, 64));
            outliving = BufferPool.outliving(() -> Tensor.zeros(DType.F32, LARGE).fillInPlace(7));
        }
        assertEquals(4L * LARGE.size(), BufferPool.cachedBytes(), "only the dead array is cached");
        Tensor next = Tensor.zeros(DType.F32, LARGE);
        assertTrue(BufferPool.sameArray(dead, next));
        assertEquals(0.0, next.abs().sum().item());
        Tensor fresh = Tensor.zeros(DType.F32, LARGE);
        for (Tensor other : new Tensor[] {before, kept, outliving, next}) {
            assertFalse(BufferPool.sameArray(fresh, other));
        }
        assertEquals(5.0 * LARGE.size(), kept.sum().item());
        assertEquals(7.0 * LARGE.size(), outliving.sum().item());
    }

    @Test
    void anArrayALeaseHandsBackInsideAStepIsNotHandedBackAgainByTheStep() {
        try (BufferPool.StepScope step = BufferPool.openStep()) {
            try (BufferPool.Lease lease = BufferPool.open()) {
                assertTrue(lease.recycle(Tensor.zeros(DType.F64, LARGE)));
            }
        }
        assertEquals(8L * LARGE.size(), BufferPool.cachedBytes(), "cached once, not twice");
        Tensor a = Tensor.zeros(DType.F64, LARGE);
        Tensor b = Tensor.zeros(DType.F64, LARGE);
        assertFalse(BufferPool.sameArray(a, b), "two live tensors on one array");
    }

    @Test
    void stepsDoNotNestAndAClosedStepHandsNothingBackTwice() {
        BufferPool.StepScope outer = BufferPool.openStep();
        BufferPool.StepScope inner = BufferPool.openStep();
        assertFalse(inner.isRecording());
        Tensor t = Tensor.zeros(DType.F32, LARGE);
        inner.close();
        assertEquals(0L, BufferPool.cachedBytes(), "the inner step hands back nothing");
        outer.close();
        outer.close();
        assertEquals(4L * LARGE.size(), BufferPool.cachedBytes());
        assertTrue(BufferPool.sameArray(t, Tensor.zeros(DType.F32, LARGE)));
    }

    @Test
    void keepOnANestedScopeKeepsTheArrayFromTheScopeThatRecords() {
        Tensor kept;
        try (BufferPool.StepScope outer = BufferPool.openStep()) {
            try (BufferPool.StepScope inner = BufferPool.openStep()) {
                kept = Tensor.zeros(DType.F32, LARGE).fillInPlace(3);
                inner.keep(kept);
            }
        }
        assertEquals(0L, BufferPool.cachedBytes());
        assertFalse(BufferPool.sameArray(kept, Tensor.zeros(DType.F32, LARGE)));
        assertEquals(3.0 * LARGE.size(), kept.sum().item());
    }

    @Test
    void aScopeOpenedInsideALeaseIsInertSoNothingIsCachedTwice() {
        try (BufferPool.Lease lease = BufferPool.open()) {
            Tensor t;
            try (BufferPool.StepScope step = BufferPool.openStep()) {
                assertFalse(step.isRecording());
                t = Tensor.zeros(DType.F32, LARGE);
            }
            assertTrue(lease.recycle(t));
        }
        assertEquals(4L * LARGE.size(), BufferPool.cachedBytes(), "cached once");
        assertFalse(BufferPool.sameArray(Tensor.zeros(DType.F32, LARGE), Tensor.zeros(DType.F32, LARGE)));
    }

    @Test
    void closingAScopeOnAnotherThreadFailsAndLeavesItOpenForItsOwner() throws Exception {
        BufferPool.StepScope step = BufferPool.openStep();
        Tensor dead = Tensor.zeros(DType.F32, LARGE);
        Throwable[] failure = new Throwable[1];
        Thread other = new Thread(() -> {
            try {
                step.close();
            } catch (IllegalStateException e) {
                failure[0] = e;
            }
        });
        other.start();
        other.join();
        assertTrue(failure[0] instanceof IllegalStateException);
        assertTrue(step.isRecording());
        step.close();
        assertFalse(step.isRecording());
        assertEquals(4L * LARGE.size(), BufferPool.cachedBytes());
        assertTrue(BufferPool.sameArray(dead, Tensor.zeros(DType.F32, LARGE)));
        try (BufferPool.StepScope next = BufferPool.openStep()) {
            assertTrue(next.isRecording(), "the thread can open a new scope");
        }
    }

    @Test
    void withThePoolOffNothingIsRecordedOrReused() {
        BufferPool.setEnabled(false);
        try {
            Tensor dead;
            try (BufferPool.StepScope step = BufferPool.openStep()) {
                assertFalse(step.isRecording());
                dead = Tensor.zeros(DType.F32, LARGE);
            }
            assertEquals(0L, BufferPool.cachedBytes());
            assertFalse(BufferPool.sameArray(dead, Tensor.zeros(DType.F32, LARGE)));
        } finally {
            BufferPool.setEnabled(true);
        }
    }

    @Test
    void emptyTensorsReuseArraysWithoutZeroingThemAndPoisonedOnesHoldNaN() {
        Tensor dead;
        try (BufferPool.StepScope step = BufferPool.openStep()) {
            dead = Tensor.zeros(DType.F32, LARGE).fillInPlace(4);
        }
        Tensor stale = Tensor.empty(DType.F32, LARGE);
        assertTrue(BufferPool.sameArray(dead, stale));
        assertEquals(4.0, stale.getDouble(17), "an empty tensor keeps the old contents");
        try (BufferPool.StepScope step = BufferPool.openStep()) {
            Tensor.zeros(DType.F32, LARGE).fillInPlace(4);
        }
        BufferPool.setPoisoned(true);
        try {
            Tensor poisoned = Tensor.empty(DType.F32, LARGE);
            assertTrue(Double.isNaN(poisoned.getDouble(0)) && Double.isNaN(poisoned.getDouble(LARGE.size() - 1)));
            Tensor zeroed = Tensor.zeros(DType.F32, LARGE);
            assertEquals(0.0, zeroed.abs().sum().item(), "zeros stay zeros when poisoned");
        } finally {
            BufferPool.setPoisoned(false);
        }
    }

    @Test
    void kernelsWriteEveryElementOfAPoisonedReusedOutput() {
        Rng rng = new Rng(5);
        Tensor x = rng.normal(DType.F32, LARGE, 0, 1);
        Tensor y = rng.normal(DType.F32, LARGE, 0, 1);
        Tensor w = rng.normal(DType.F32, Shape.of(96, 128), 0, 1);
        Tensor bias = rng.normal(DType.F32, Shape.of(96), 0, 1);
        Tensor images = rng.normal(DType.F32, Shape.of(12, 8, 14, 14), 0, 1);
        Tensor filters = rng.normal(DType.F32, Shape.of(16, 8, 5, 5), 0, 1);
        Tensor filterBias = rng.normal(DType.F32, Shape.of(16), 0, 1);
        ConvGeometry conv = ConvGeometry.square(8, 14, 14, 5, 2, 2, 1);
        BufferPool.setPoisoned(true);
        try {
            for (int round = 0; round < 2; round++) {
                // Round 0 allocates fresh arrays; round 1 gets them back from the step, poisoned.
                try (BufferPool.StepScope step = BufferPool.openStep()) {
                    Tensor[] results = {x.relu(), x.add(y), x.mul(2.0), x.leakyRelu(0.2), x.clamp(-0.5, 0.5),
                        x.matmul(y, false, true), MatMul.linear(x, w, bias),
                        Elementwise.leakyReluBackward(y, x, 0.2, y.newEmpty(y.shape())),
                        Convolution.forward(images, filters, filterBias, conv)};
                    for (Tensor r : results) {
                        assertTrue(Fused.allFinite(r), "round " + round + ": a reused output was read before written");
                    }
                }
            }
        } finally {
            BufferPool.setPoisoned(false);
        }
    }
}
