package io.github.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.function.Executable;

/** Generators and assertions shared by the tensor-core tests. */
final class TestSupport {
    private TestSupport() {
    }

    /**
     * Shapes of rank 0 to {@code maxRank} whose sizes favour 1 and 2 (so broadcasting and
     * squeezing have something to do) and include 0 (empty tensors) now and then.
     */
    static Arbitrary<int[]> shapes(int maxRank) {
        Arbitrary<Integer> dim = Arbitraries.frequency(
                Tuple.of(1, 0), Tuple.of(4, 1), Tuple.of(4, 2), Tuple.of(3, 3), Tuple.of(2, 4));
        return dim.list().ofMinSize(0).ofMaxSize(maxRank).map(l -> l.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * Values that are a mix of small integers (so maxima tie and comparisons hit equality) and
     * Gaussians; all exactly representable as floats, so both dtypes hold the same numbers.
     */
    static double[] values(Random r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextInt(3) == 0 ? r.nextInt(7) - 3 : (float) (2 * r.nextGaussian());
        }
        return v;
    }

    static Tensor random(Random r, DType dtype, int... shape) {
        return Tensor.of(values(r, NaiveTensor.size(shape)), shape).to(dtype);
    }

    /**
     * A shape that broadcasts to {@code out}: some leading axes dropped and some sizes set to 1.
     */
    static int[] broadcastableTo(Random r, int[] out) {
        int rank = r.nextInt(out.length + 1);
        int[] s = Arrays.copyOfRange(out, out.length - rank, out.length);
        for (int i = 0; i < rank; i++) {
            if (r.nextInt(3) == 0) {
                s[i] = 1;
            }
        }
        return s;
    }

    /** Relative tolerance for results whose computation rounds once or a few times in {@code dtype}. */
    static double tol(DType dtype) {
        return dtype == DType.F32 ? 1e-5 : 1e-12;
    }

    /** Asserts equal shape and values within {@code atol + rtol * |expected|}; NaN must match NaN. */
    static void assertMatches(NaiveTensor expected, Tensor actual, double rtol, double atol) {
        assertArrayEquals(expected.shape, actual.shape().toArray(), "shape");
        for (int i = 0; i < expected.data.length; i++) {
            double e = expected.data[i];
            double a = actual.getDouble(i);
            if (Double.isNaN(e) || Double.isNaN(a)) {
                if (!(Double.isNaN(e) && Double.isNaN(a))) {
                    fail("element " + i + ": expected " + e + " but was " + a + " in shape " + Arrays.toString(expected.shape));
                }
            } else if (e != a && !(Math.abs(e - a) <= atol + rtol * Math.abs(e))) {
                fail("element " + i + ": expected " + e + " but was " + a + " in shape " + Arrays.toString(expected.shape));
            }
        }
    }

    /** Asserts equal shape and bit-for-bit equal values (NaN equal to NaN). */
    static void assertExact(NaiveTensor expected, Tensor actual) {
        assertMatches(expected, actual, 0, 0);
    }

    /** Asserts equal shape, dtype and values. */
    static void assertSameTensor(Tensor expected, Tensor actual) {
        assertTrue(expected.dtype() == actual.dtype(), "dtype " + expected.dtype() + " vs " + actual.dtype());
        assertExact(NaiveTensor.of(expected), actual);
    }

    /**
     * Asserts that {@code call} throws an IllegalArgumentException whose message contains every
     * one of {@code fragments} (the operation's name and the offending shape or value).
     */
    static IllegalArgumentException assertRejects(Executable call, String... fragments) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        String msg = String.valueOf(e.getMessage());
        for (String f : fragments) {
            assertTrue(msg.contains(f), "message \"" + msg + "\" should contain \"" + f + "\"");
        }
        return e;
    }

    /** Elementwise inner product of two tensors of equal size, in double. */
    static double dot(Tensor a, Tensor b) {
        return NaiveTensor.dot(a.toDoubleArray(), b.toDoubleArray());
    }

    /** Bound on the rounding error of {@code <a, b>} computed in {@code dtype}: tol * |a| * |b|. */
    static double dotTolerance(DType dtype, Tensor a, Tensor b) {
        return 1e-9 + 10 * tol(dtype) * NaiveTensor.norm2(a.toDoubleArray()) * NaiveTensor.norm2(b.toDoubleArray());
    }
}
