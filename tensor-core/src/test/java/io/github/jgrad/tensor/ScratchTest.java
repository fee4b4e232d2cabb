package io.github.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import org.junit.jupiter.api.Test;

/** The per-thread work arrays: reused per slot and thread, never shared while taken, large ones not kept. */
class ScratchTest {
    private static final Tensor F32 = Tensor.zeros(DType.F32, Shape.of(1));
    private static final Tensor F64 = Tensor.zeros(DType.F64, Shape.of(1));

    @Test
    void aBufferGivenBackIsTakenAgainUntilALargerOneIsAsked() {
        Tensor first = Scratch.take(F32, 0, 1000);
        assertTrue(first.size() >= 1000);
        assertEquals(DType.F32, first.dtype());
        Scratch.give(first, 0);
        Tensor again = Scratch.take(F32, 0, 10);
        assertSame(first.floats(), again.floats());
        Scratch.give(again, 0);
        Tensor grown = Scratch.take(F32, 0, first.size() + 1);
        assertTrue(grown.size() > first.size());
        Scratch.give(grown, 0);
        Tensor afterGrowth = Scratch.take(F32, 0, 1000);
        assertSame(grown.floats(), afterGrowth.floats());
        Scratch.give(afterGrowth, 0);
    }

    @Test
    void aTakenBufferIsNeverHandedOutTwice() {
        // A second take on the same thread before the give (a re-entered kernel) gets its own array.
        Tensor outer = Scratch.take(F32, 1, 64);
        Tensor inner = Scratch.take(F32, 1, 64);
        assertNotSame(outer.floats(), inner.floats());
        Scratch.give(inner, 1);
        Scratch.give(outer, 1);
    }

    @Test
    void slotsDtypesAndThreadsHaveTheirOwnArrays() throws Exception {
        Tensor a = Scratch.take(F32, 0, 64);
        Tensor b = Scratch.take(F32, 1, 64);
        Tensor d = Scratch.take(F64, 0, 64);
        assertNotSame(a.floats(), b.floats());
        assertEquals(DType.F64, d.dtype());
        assertTrue(d.doubles().length >= 64);
        Scratch.give(a, 0);
        Scratch.give(b, 1);
        Scratch.give(d, 0);
        float[] mine = Scratch.take(F32, 0, 64).floats();
        float[] other = CompletableFuture.supplyAsync(() -> Scratch.take(F32, 0, 64).floats()).get();
        assertNotSame(mine, other);
    }

    @Test
    void buffersAboveTheLimitAreNotKept() {
        Tensor kept = Scratch.take(F32, 1, 16);
        Scratch.give(kept, 1);
        Tensor huge = Scratch.take(F32, 1, Scratch.MAX_KEPT + 1);
        assertEquals(Scratch.MAX_KEPT + 1, huge.size());
        Scratch.give(huge, 1);
        Tensor next = Scratch.take(F32, 1, 16);
        assertTrue(next.size() <= Scratch.MAX_KEPT);
        Scratch.give(next, 1);
    }

    @Test
    void convolutionsRunFromPoolTasksAgreeWithTheSameConvolutionsRunOneByOne() {
        // Many convolutions at once on the common pool, whose waiting workers may run other tasks.
        ConvGeometry g = ConvGeometry.square(8, 9, 9, 4, 2, 1, 1);
        Random r = new Random(3);
        List<Tensor[]> inputs = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            inputs.add(new Tensor[] {TestSupport.random(r, DType.F32, 2 + i % 5, 8, 9, 9),
                TestSupport.random(r, DType.F32, 6, 8, 4, 4)});
        }
        List<double[]> serial = new ArrayList<>();
        for (Tensor[] in : inputs) {
            serial.add(Convolution.forward(in[0], in[1], g, 1 + serial.size() % 3).toDoubleArray());
        }
        List<ForkJoinTask<double[]>> tasks = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            Tensor[] in = inputs.get(i);
            int chunk = 1 + i % 3;
            tasks.add(ForkJoinPool.commonPool().submit(() -> Convolution.forward(in[0], in[1], g, chunk)
                    .toDoubleArray()));
        }
        for (int i = 0; i < tasks.size(); i++) {
            assertEquals(java.util.Arrays.toString(serial.get(i)), java.util.Arrays.toString(tasks.get(i).join()),
                    "convolution " + i);
        }
    }

    @Test
    void badSlotsAndSizesAreRejected() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Scratch.take(F32, Scratch.SLOTS, 1))
                .getMessage().contains("slot " + Scratch.SLOTS));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Scratch.take(F32, 0, -1))
                .getMessage().contains("-1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Scratch.give(F32, -1))
                .getMessage().contains("slot -1"));
    }
}
