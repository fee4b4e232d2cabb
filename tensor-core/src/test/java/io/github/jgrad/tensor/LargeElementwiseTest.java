package io.github.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Elementwise kernels on tensors large enough to be split across threads (when the machine has
 * more than one) give, element by element, what the scalar formula gives.
 */
class LargeElementwiseTest {
    private static final int N = 300_001; // odd, so slices have unequal lengths

    private static final Tensor X = new Rng(3).normal(DType.F32, Shape.of(N), 0, 1);
    private static final Tensor Y = new Rng(4).normal(DType.F32, Shape.of(N), 0, 1);

    @Test
    void sizeIsAboveTheSplitThreshold() {
        assertTrue(N >= 4 * Parallel.MIN_ELEMENTS_PER_PART);
    }

    @Test
    void unaryBinaryAndScalarKernelsMatchTheirFormulas() {
        float[] x = X.floatData();
        float[] y = Y.floatData();
        float[] neg = X.map(UnaryOp.NEG).floatData();
        float[] tanh = X.map(UnaryOp.TANH).floatData();
        float[] sum = X.add(Y).floatData();
        float[] prod = X.mul(Y).floatData();
        float[] shifted = X.add(0.25).floatData();
        float[] leaky = X.leakyRelu(0.2).floatData();
        float[] clamped = X.clamp(-0.5, 0.75).floatData();
        float[] leakyGrad = Elementwise.leakyReluBackward(Y, X, 0.2, Y.newZeros(Y.shape())).floatData();
        for (int i = 0; i < N; i++) {
            assertEquals(-x[i], neg[i]);
            assertEquals((float) Math.tanh(x[i]), tanh[i]);
            assertEquals(x[i] + y[i], sum[i]);
            assertEquals(x[i] * y[i], prod[i]);
            assertEquals(x[i] + 0.25f, shifted[i]);
            assertEquals(x[i] > 0 ? x[i] : 0.2f * x[i], leaky[i]);
            assertEquals(Math.min(Math.max(x[i], -0.5f), 0.75f), clamped[i]);
            assertEquals(x[i] > 0 ? y[i] : 0.2f * y[i], leakyGrad[i]);
        }
    }
}
