package io.github.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The per-thread work arrays: reused per slot and thread, grown on demand, large ones not kept. */
class ScratchTest {
    private static final Tensor F32 = Tensor.zeros(DType.F32, Shape.of(1));
    private static final Tensor F64 = Tensor.zeros(DType.F64, Shape.of(1));

    @Test
    void aSlotGivesBackItsArrayUntilALargerOneIsAsked() {
        Tensor first = Scratch.buffer(F32, 0, 1000);
        assertTrue(first.size() >= 1000);
        assertEquals(DType.F32, first.dtype());
        assertSame(first.f, Scratch.buffer(F32, 0, 10).f);
        assertSame(first.f, Scratch.buffer(F32, 0, first.size()).f);
        Tensor grown = Scratch.buffer(F32, 0, first.size() + 1);
        assertTrue(grown.size() > first.size());
        assertSame(grown.f, Scratch.buffer(F32, 0, 1000).f);
    }

    @Test
    void slotsDtypesAndThreadsHaveTheirOwnArrays() throws Exception {
        Tensor a = Scratch.buffer(F32, 0, 64);
        Tensor b = Scratch.buffer(F32, 1, 64);
        Tensor d = Scratch.buffer(F64, 0, 64);
        assertNotSame(a.f, b.f);
        assertEquals(DType.F64, d.dtype());
        assertTrue(d.d.length >= 64);
        float[] other = CompletableFuture.supplyAsync(() -> Scratch.buffer(F32, 0, 64).f).get();
        assertNotSame(a.f, other);
    }

    @Test
    void buffersAboveTheLimitAreNotKept() {
        Tensor kept = Scratch.buffer(F32, 1, 16);
        Tensor huge = Scratch.buffer(F32, 1, Scratch.MAX_KEPT + 1);
        assertEquals(Scratch.MAX_KEPT + 1, huge.size());
        assertSame(kept.f, Scratch.buffer(F32, 1, 16).f);
    }

    @Test
    void badSlotsAndSizesAreRejected() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Scratch.buffer(F32, Scratch.SLOTS, 1))
                .getMessage().contains("slot " + Scratch.SLOTS));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Scratch.buffer(F32, 0, -1))
                .getMessage().contains("-1"));
    }
}
