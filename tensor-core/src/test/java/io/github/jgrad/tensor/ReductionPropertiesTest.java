package io.github.jgrad.tensor;

import static io.github.jgrad.tensor.TestSupport.assertExact;
import static io.github.jgrad.tensor.TestSupport.assertMatches;
import static io.github.jgrad.tensor.TestSupport.assertRejects;
import static io.github.jgrad.tensor.TestSupport.random;
import static io.github.jgrad.tensor.TestSupport.tol;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Reductions over random axis subsets against the naive grouping reference. */
class ReductionPropertiesTest {

    @Provide
    Arbitrary<int[]> shapes() {
        return TestSupport.shapes(4);
    }

    /** A random subset of the axes in random order, each written positive or negative; null now and then (all axes). */
    private static int[] randomAxes(Random r, int rank) {
        if (r.nextInt(8) == 0) {
            return null;
        }
        List<Integer> axes = new ArrayList<>();
        for (int i = 0; i < rank; i++) {
            if (r.nextBoolean()) {
                axes.add(r.nextBoolean() ? i : i - rank);
            }
        }
        Collections.shuffle(axes, r);
        return axes.stream().mapToInt(Integer::intValue).toArray();
    }

    private static boolean[] mask(int[] axes, int rank) {
        boolean[] m = new boolean[rank];
        if (axes == null) {
            Arrays.fill(m, true);
        } else {
            for (int a : axes) {
                m[Math.floorMod(a, rank)] = true;
            }
        }
        return m;
    }

    private static int reducedCount(int[] shape, boolean[] m) {
        int c = 1;
        for (int i = 0; i < shape.length; i++) {
            if (m[i]) {
                c *= shape[i];
            }
        }
        return c;
    }

    private static void check(NaiveTensor x, boolean[] m, boolean keepDims, ToDoubleFunction<List<Double>> fold,
                              Tensor actual, DType dtype) {
        assertMatches(x.reduce(m, keepDims, fold), actual, tol(dtype), tol(dtype));
    }

    @Property(tries = 200)
    void sumMeanNormAndVarianceMatchTheNaiveReference(@ForAll("shapes") int[] shape, @ForAll DType dtype,
                                                      @ForAll boolean keepDims, @ForAll Random r) {
        Tensor x = random(r, dtype, shape);
        int[] axes = randomAxes(r, shape.length);
        boolean[] m = mask(axes, shape.length);
        NaiveTensor nx = NaiveTensor.of(x);
        check(nx, m, keepDims, NaiveTensor::sum, x.sum(axes, keepDims), dtype);
        check(nx, m, keepDims, NaiveTensor::mean, x.mean(axes, keepDims), dtype);
        check(nx, m, keepDims, NaiveTensor::norm, x.norm(axes, keepDims), dtype);
        check(nx, m, keepDims, v -> NaiveTensor.variance(v, 0), x.variance(axes, 0, keepDims), dtype);
        check(nx, m, keepDims, v -> NaiveTensor.variance(v, 1), x.variance(axes, 1, keepDims), dtype);
        assertEquals(dtype, x.sum(axes, keepDims).dtype());
    }

    @Property(tries = 200)
    void maxAndMinMatchTheNaiveReferenceOrRejectAnEmptyReduction(@ForAll("shapes") int[] shape, @ForAll DType dtype,
                                                                 @ForAll boolean keepDims, @ForAll Random r) {
        Tensor x = random(r, dtype, shape);
        int[] axes = randomAxes(r, shape.length);
        boolean[] m = mask(axes, shape.length);
        if (reducedCount(shape, m) == 0) {
            assertRejects(() -> x.max(axes, keepDims), "max", "empty", Arrays.toString(shape));
            assertRejects(() -> x.min(axes, keepDims), "min", "empty", Arrays.toString(shape));
            return;
        }
        NaiveTensor nx = NaiveTensor.of(x);
        assertExact(nx.reduce(m, keepDims, NaiveTensor::max), x.max(axes, keepDims));
        assertExact(nx.reduce(m, keepDims, NaiveTensor::min), x.min(axes, keepDims));
    }

    @Property(tries = 200)
    void argmaxIsTheFirstLargestIndexAlongTheAxis(@ForAll("shapes") int[] shape, @ForAll DType dtype,
                                                  @ForAll boolean keepDims, @ForAll Random r) {
        if (shape.length == 0) {
            shape = new int[] {3};
        }
        Tensor x = random(r, dtype, shape);
        int axis = r.nextInt(shape.length);
        int written = r.nextBoolean() ? axis : axis - shape.length;
        if (shape[axis] == 0) {
            assertRejects(() -> x.argmax(written, keepDims), "argmax", "empty", Arrays.toString(shape));
            return;
        }
        boolean[] m = new boolean[shape.length];
        m[axis] = true;
        assertExact(NaiveTensor.of(x).reduce(m, keepDims, NaiveTensor::argmax), x.argmax(written, keepDims));
    }

    @Property(tries = 100)
    void reducingNoAxesIsTheIdentityAndAllAxesEqualsNull(@ForAll("shapes") int[] shape, @ForAll DType dtype,
                                                         @ForAll Random r) {
        Tensor x = random(r, dtype, shape);
        assertExact(NaiveTensor.of(x), x.sum(new int[0], false));
        int[] all = new int[shape.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        assertExact(NaiveTensor.of(x.sum()), x.sum(all, false));
        assertEquals(Shape.scalar(), x.mean().shape());
    }

    @Example
    void handWorkedReductionsOfASmallMatrix() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertArrayEquals(new double[] {5, 7, 9}, x.sum(new int[] {0}, false).toDoubleArray());
        assertArrayEquals(new double[] {6, 15}, x.sum(new int[] {-1}, false).toDoubleArray());
        assertEquals(Shape.of(2, 1), x.sum(new int[] {1}, true).shape());
        assertEquals(21, x.sum().item());
        assertEquals(3.5, x.mean().item());
        assertArrayEquals(new double[] {2, 5}, x.mean(new int[] {1}, false).toDoubleArray());
        assertEquals(6, x.max().item());
        assertEquals(1, x.min().item());
        assertEquals(Math.sqrt(91), x.norm().item(), 1e-15);
        // Population variance of 1..6 is 35/12; the sample variance is 3.5.
        assertEquals(35.0 / 12, x.variance(null, 0, false).item(), 1e-15);
        assertEquals(3.5, x.variance(null, 1, false).item(), 1e-15);
        assertArrayEquals(new double[] {1, 1}, x.variance(new int[] {1}, 1, false).toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {1, 1, 1}, x.argmax(0, false).toDoubleArray());
        assertArrayEquals(new double[] {2, 2}, x.argmax(1, false).toDoubleArray());
    }

    @Example
    void argmaxPicksTheFirstOfTiedMaxima() {
        Tensor x = Tensor.of(new float[] {3, 7, 1, 7, 7});
        assertEquals(1, x.argmax(0, false).item());
        assertEquals(Shape.of(1), x.argmax(0, true).shape());
    }

    @Example
    void argmaxTreatsNanAsTheMaximumAsMaxDoes() {
        Tensor x = Tensor.of(new double[] {1, Double.NaN, 3, Double.NaN});
        assertEquals(1, x.argmax(0, false).item());
        assertTrue(Double.isNaN(x.max().item()));
        assertTrue(Double.isNaN(x.min().item()));
    }

    @Example
    void argmaxAlongANonEmptyAxisOfAnEmptyTensorIsEmpty() {
        // The axis being searched has size 3, but a later axis is empty: the answer is empty, not an error.
        Tensor x = Tensor.zeros(DType.F32, Shape.of(3, 0));
        assertEquals(Shape.of(0), x.argmax(0, false).shape());
        assertEquals(Shape.of(1, 0), x.argmax(0, true).shape());
        assertEquals(Shape.of(2, 0), Tensor.zeros(DType.F64, Shape.of(2, 3, 0)).argmax(1, false).shape());
    }

    @Example
    void sumAndMeanOverAnEmptyAxisAreZeroAndNan() {
        Tensor x = Tensor.zeros(DType.F64, Shape.of(2, 0));
        assertArrayEquals(new double[] {0, 0}, x.sum(new int[] {1}, false).toDoubleArray());
        assertTrue(Double.isNaN(x.mean(new int[] {1}, false).toDoubleArray()[0]));
    }

    @Example
    void floatSumsAccumulateInDouble() {
        // A million copies of 0.1f: summed in float the total drifts by about 1%.
        float[] v = new float[1_000_000];
        Arrays.fill(v, 0.1f);
        Tensor x = Tensor.of(v);
        assertEquals((float) (1_000_000 * (double) 0.1f), (float) x.sum().item());
        assertEquals((float) (double) 0.1f, (float) x.mean().item());
    }

    @Example
    void varianceOfFloatsIsNotSpoiledByALargeMean() {
        // Values 1e4 + {0, 1, 2, 3}: the naive E[x^2] - E[x]^2 in float would lose every digit.
        Tensor x = Tensor.of(new float[] {10000f, 10001f, 10002f, 10003f});
        assertEquals(1.25, x.variance(null, 0, false).item(), 1e-6);
    }
}
