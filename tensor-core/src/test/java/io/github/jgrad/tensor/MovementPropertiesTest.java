package io.github.jgrad.tensor;

import static io.github.jgrad.tensor.TestSupport.assertExact;
import static io.github.jgrad.tensor.TestSupport.assertSameTensor;
import static io.github.jgrad.tensor.TestSupport.dot;
import static io.github.jgrad.tensor.TestSupport.dotTolerance;
import static io.github.jgrad.tensor.TestSupport.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Shape operations against the naive reference, and the adjoint pairs autodiff relies on. */
class MovementPropertiesTest {

    @Provide
    Arbitrary<int[]> shapes() {
        return TestSupport.shapes(4);
    }

    private static int[] randomPermutation(Random r, int n) {
        List<Integer> p = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            p.add(i);
        }
        Collections.shuffle(p, r);
        return p.stream().mapToInt(Integer::intValue).toArray();
    }

    @Property(tries = 200)
    void permuteMatchesTheNaiveReferenceAndTheInversePermutationUndoesIt(@ForAll("shapes") int[] shape,
                                                                         @ForAll DType dtype, @ForAll Random r) {
        Tensor x = random(r, dtype, shape);
        int[] p = randomPermutation(r, shape.length);
        int[] written = p.clone();
        for (int i = 0; i < written.length; i++) {
            if (r.nextBoolean()) {
                written[i] -= shape.length;
            }
        }
        Tensor y = x.permute(written);
        assertExact(NaiveTensor.of(x).permute(p), y);
        assertSameTensor(x, y.permute(Movement.inversePermutation(written)));
    }

    @Property(tries = 100)
    void transposeIsThePermutationSwappingTwoAxes(@ForAll("shapes") int[] shape, @ForAll Random r) {
        if (shape.length == 0) {
            return;
        }
        Tensor x = random(r, DType.F64, shape);
        int a = r.nextInt(shape.length);
        int b = r.nextInt(shape.length);
        int[] p = new int[shape.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = i;
        }
        p[a] = b;
        p[b] = a;
        assertExact(NaiveTensor.of(x).permute(p), x.transpose(a, b - shape.length));
    }

    @Property(tries = 200)
    void sliceMatchesTheNaiveReference(@ForAll("shapes") int[] shape, @ForAll DType dtype, @ForAll Random r) {
        if (shape.length == 0) {
            return;
        }
        Tensor x = random(r, dtype, shape);
        int axis = r.nextInt(shape.length);
        int start = r.nextInt(shape[axis] + 1);
        int end = start + r.nextInt(shape[axis] - start + 1);
        int written = r.nextBoolean() ? axis : axis - shape.length;
        assertExact(NaiveTensor.of(x).slice(axis, start, end), x.slice(written, start, end));
    }

    private static int[] randomWidths(Random r, int rank) {
        int[] w = new int[rank];
        for (int i = 0; i < rank; i++) {
            w[i] = r.nextInt(3);
        }
        return w;
    }

    @Property(tries = 200)
    void padMatchesTheNaiveReferenceAndSlicingBackIsTheIdentity(@ForAll("shapes") int[] shape, @ForAll DType dtype,
                                                               @ForAll Random r) {
        Tensor x = random(r, dtype, shape);
        int[] before = randomWidths(r, shape.length);
        int[] after = randomWidths(r, shape.length);
        double value = r.nextInt(5) - 2;
        Tensor padded = x.pad(before, after, value);
        assertExact(NaiveTensor.of(x).pad(before, after, value), padded);
        Tensor back = padded;
        for (int i = 0; i < shape.length; i++) {
            back = back.slice(i, before[i], before[i] + shape[i]);
        }
        assertSameTensor(x, back);
    }

    @Property(tries = 200)
    void sliceIsTheAdjointOfZeroPadding(@ForAll("shapes") int[] shape, @ForAll DType dtype, @ForAll Random r) {
        if (shape.length == 0) {
            return;
        }
        int axis = r.nextInt(shape.length);
        int start = r.nextInt(shape[axis] + 1);
        int end = start + r.nextInt(shape[axis] - start + 1);
        Tensor x = random(r, dtype, shape);
        Tensor sx = x.slice(axis, start, end);
        Tensor y = random(r, dtype, sx.shape().toArray());
        int[] before = new int[shape.length];
        int[] after = new int[shape.length];
        before[axis] = start;
        after[axis] = shape[axis] - end;
        Tensor py = y.pad(before, after, 0);
        assertEquals(x.shape(), py.shape());
        assertEquals(dot(sx, y), dot(x, py), dotTolerance(dtype, sx, y));
    }

    @Property(tries = 150)
    void concatMatchesTheNaiveReferenceAndSplittingItBackGivesTheParts(@ForAll("shapes") int[] shape,
                                                                      @ForAll DType dtype, @ForAll Random r) {
        if (shape.length == 0) {
            shape = new int[] {2};
        }
        int axis = r.nextInt(shape.length);
        int count = 1 + r.nextInt(3);
        Tensor[] parts = new Tensor[count];
        List<NaiveTensor> naive = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int[] s = shape.clone();
            s[axis] = r.nextInt(4);
            parts[i] = random(r, dtype, s);
            naive.add(NaiveTensor.of(parts[i]));
        }
        int written = r.nextBoolean() ? axis : axis - shape.length;
        Tensor joined = Tensor.concat(written, parts);
        assertExact(NaiveTensor.concat(axis, naive), joined);
        int at = 0;
        for (Tensor p : parts) {
            assertSameTensor(p, joined.slice(axis, at, at + p.dim(axis)));
            at += p.dim(axis);
        }
    }

    @Property(tries = 150)
    void stackIsConcatOfUnsqueezedParts(@ForAll("shapes") int[] shape, @ForAll DType dtype, @ForAll Random r) {
        int axis = r.nextInt(shape.length + 1);
        int count = 1 + r.nextInt(3);
        Tensor[] parts = new Tensor[count];
        List<NaiveTensor> naive = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            parts[i] = random(r, dtype, shape);
            int[] s = new int[shape.length + 1];
            for (int k = 0, j = 0; k < s.length; k++) {
                s[k] = k == axis ? 1 : shape[j++];
            }
            naive.add(new NaiveTensor(s, parts[i].toDoubleArray()));
        }
        Tensor stacked = Tensor.stack(r.nextBoolean() ? axis : axis - shape.length - 1, parts);
        assertExact(NaiveTensor.concat(axis, naive), stacked);
        assertEquals(count, stacked.dim(axis));
    }

    @Property(tries = 150)
    void flattenMergesTheAxisRangeAndKeepsRowMajorOrder(@ForAll("shapes") int[] shape, @ForAll DType dtype,
                                                       @ForAll Random r) {
        Tensor x = random(r, dtype, shape);
        if (shape.length == 0) {
            assertEquals(Shape.of(1), x.flatten(0, -1).shape());
            return;
        }
        int s = r.nextInt(shape.length);
        int e = s + r.nextInt(shape.length - s);
        Tensor f = x.flatten(s, e - shape.length);
        int[] expected = new int[shape.length - (e - s)];
        int merged = 1;
        for (int i = s; i <= e; i++) {
            merged *= shape[i];
        }
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (i < s || i > e) {
                expected[j++] = shape[i];
            } else if (i == s) {
                expected[j++] = merged;
            }
        }
        assertExact(new NaiveTensor(expected, x.toDoubleArray()), f);
    }

    @Property(tries = 150)
    void reshapeInfersTheMinusOneSizeAndKeepsRowMajorOrder(@ForAll("shapes") int[] shape, @ForAll DType dtype,
                                                          @ForAll Random r) {
        Tensor x = random(r, dtype, shape);
        int n = x.size();
        // A random factorisation of n into up to three sizes (when n == 0, the zero goes in one of them).
        List<Integer> dims = new ArrayList<>();
        int rest = n;
        for (int i = r.nextInt(3); i > 0 && rest > 1; i--) {
            int f = 1 + r.nextInt(rest);
            if (rest % f == 0) {
                dims.add(f);
                rest /= f;
            }
        }
        dims.add(rest);
        Collections.shuffle(dims, r);
        int[] target = dims.stream().mapToInt(Integer::intValue).toArray();
        assertExact(new NaiveTensor(target, x.toDoubleArray()), x.reshape(target));
        if (n > 0) {
            int[] withInfer = target.clone();
            int k = r.nextInt(withInfer.length);
            withInfer[k] = -1;
            assertExact(new NaiveTensor(target, x.toDoubleArray()), x.reshape(withInfer));
        }
    }

    @Property(tries = 150)
    void unsqueezeThenSqueezeIsTheIdentity(@ForAll("shapes") int[] shape, @ForAll DType dtype, @ForAll Random r) {
        Tensor x = random(r, dtype, shape);
        int axis = r.nextInt(shape.length + 1);
        int written = r.nextBoolean() ? axis : axis - shape.length - 1;
        Tensor u = x.unsqueeze(written);
        int[] expected = new int[shape.length + 1];
        for (int i = 0, j = 0; i < expected.length; i++) {
            expected[i] = i == axis ? 1 : shape[j++];
        }
        assertArrayEquals(expected, u.shape().toArray());
        assertArrayEquals(x.toDoubleArray(), u.toDoubleArray());
        assertSameTensor(x, u.squeeze(written));
    }

    @Example
    void handWorkedMovesOfASmallMatrix() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertArrayEquals(new double[] {1, 4, 2, 5, 3, 6}, x.transpose(0, 1).toDoubleArray());
        assertArrayEquals(new double[] {2, 3, 5, 6}, x.slice(1, 1, 3).toDoubleArray());
        assertArrayEquals(new double[] {0, 0, 0, 0, 1, 2, 3, 0, 4, 5, 6, 0},
                x.pad(new int[] {1, 0}, new int[] {0, 1}, 0).toDoubleArray());
        assertEquals(Shape.of(3, 3), x.pad(new int[] {1, 0}, new int[] {0, 0}, 0).shape());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 1, 2, 3, 4, 5, 6},
                Tensor.concat(0, x, x).toDoubleArray());
        assertArrayEquals(new double[] {1, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6},
                Tensor.concat(1, x, x).toDoubleArray());
        assertEquals(Shape.of(2, 2, 3), Tensor.stack(0, x, x).shape());
        assertEquals(Shape.of(2, 3, 2), Tensor.stack(-1, x, x).shape());
        assertEquals(Shape.of(3, 2), x.reshape(-1, 2).shape());
        assertArrayEquals(new double[] {1, 2, 3, 1, 2, 3}, x.slice(0, 0, 1).expand(Shape.of(2, 3)).toDoubleArray());
    }

    @Example
    void shapeOpsNeverChangeTheirOperand() {
        double[] data = {1, 2, 3, 4, 5, 6};
        Tensor x = Tensor.of(data, 2, 3);
        x.permute(1, 0);
        x.slice(0, 0, 1);
        x.pad(new int[] {1, 1}, new int[] {1, 1}, 9);
        x.expand(Shape.of(4, 2, 3));
        Tensor.concat(0, x, x);
        x.reshape(3, 2);
        assertArrayEquals(data, x.toDoubleArray());
        assertEquals(Shape.of(2, 3), x.shape());
    }

    @Example
    void inversePermutationAcceptsNegativeAxes() {
        assertArrayEquals(new int[] {1, 2, 0}, Movement.inversePermutation(new int[] {2, 0, 1}));
        assertArrayEquals(new int[] {1, 2, 0}, Movement.inversePermutation(new int[] {-1, 0, -2}));
        assertEquals(Arrays.toString(new int[0]), Arrays.toString(Movement.inversePermutation(new int[0])));
    }
}
