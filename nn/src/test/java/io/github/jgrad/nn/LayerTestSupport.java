package io.github.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import java.util.Arrays;

/** Small helpers shared by the nn tests. */
final class LayerTestSupport {
    private LayerTestSupport() {
    }

    /** A float64 tensor with the given values and shape. */
    static Tensor f64(double[] values, int... dims) {
        return Tensor.of(values, dims);
    }

    /** Standard-normal float64 values. */
    static Tensor randn(long seed, int... dims) {
        return new Rng(seed).normal(DType.F64, Shape.of(dims), 0, 1);
    }

    /** Overwrites a parameter's value (outside any graph, as an optimizer would). */
    static void set(Parameter p, double... values) {
        Tensor v = p.value();
        p.value().copyFromInPlace(Tensor.of(values, v.shape().toArray()).to(v.dtype()));
    }

    /** Elementwise {@code |expected - actual| <= tol}, with shapes equal. */
    static void assertClose(Tensor expected, Tensor actual, double tol) {
        assertEquals(expected.shape(), actual.shape(), "shape");
        for (int i = 0; i < expected.size(); i++) {
            double e = expected.getDouble(i);
            double a = actual.getDouble(i);
            if (!(Math.abs(e - a) <= tol)) {
                fail("element " + i + ": expected " + e + " but got " + a + " (tolerance " + tol + ")\nexpected "
                        + Arrays.toString(expected.toDoubleArray()) + "\nactual   "
                        + Arrays.toString(actual.toDoubleArray()));
            }
        }
    }

    /** {@link #assertClose} against raw values in the actual tensor's shape. */
    static void assertClose(double[] expected, Tensor actual, double tol) {
        assertClose(Tensor.of(expected, actual.shape().toArray()), actual, tol);
    }
}
