package io.github.jgrad.tensor;

import static io.github.jgrad.tensor.TestSupport.assertExact;
import static io.github.jgrad.tensor.TestSupport.assertMatches;
import static io.github.jgrad.tensor.TestSupport.assertRejects;
import static io.github.jgrad.tensor.TestSupport.assertSameTensor;
import static io.github.jgrad.tensor.TestSupport.broadcastableTo;
import static io.github.jgrad.tensor.TestSupport.dot;
import static io.github.jgrad.tensor.TestSupport.dotTolerance;
import static io.github.jgrad.tensor.TestSupport.random;
import static io.github.jgrad.tensor.TestSupport.tol;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Broadcasting binary ops, the broadcast shape rule, and its reverse {@code sumToShape}. */
class BroadcastPropertiesTest {

    @Provide
    Arbitrary<int[]> shapes() {
        return TestSupport.shapes(4);
    }

    @Property(tries = 200)
    void everyBinaryOpMatchesTheNaiveBroadcastReferenceExactly(@ForAll("shapes") int[] out, @ForAll BinaryOp op,
                                                              @ForAll DType dtype, @ForAll Random r) {
        Tensor a = random(r, dtype, broadcastableTo(r, out));
        Tensor b = random(r, dtype, r.nextBoolean() ? out : broadcastableTo(r, out));
        if (r.nextBoolean()) {
            Tensor t = a;
            a = b;
            b = t;
        }
        // One rounding of the double result to the dtype: float arithmetic on floats gives the same bits.
        NaiveTensor expected = NaiveTensor.of(NaiveTensor.binary(op, NaiveTensor.of(a), NaiveTensor.of(b)).toTensor(dtype));
        Tensor actual = a.zip(op, b);
        assertEquals(dtype, actual.dtype());
        assertExact(expected, actual);
    }

    @Property(tries = 100)
    void namedBinaryMethodsAreTheMatchingZip(@ForAll("shapes") int[] out, @ForAll BinaryOp op, @ForAll DType dtype,
                                            @ForAll Random r) {
        Tensor a = random(r, dtype, broadcastableTo(r, out));
        Tensor b = random(r, dtype, broadcastableTo(r, out));
        Tensor named;
        switch (op) {
            case ADD: named = a.add(b); break;
            case SUB: named = a.sub(b); break;
            case MUL: named = a.mul(b); break;
            case DIV: named = a.div(b); break;
            case POW: named = a.pow(b); break;
            case MAXIMUM: named = a.maximum(b); break;
            case MINIMUM: named = a.minimum(b); break;
            case EQ: named = a.eq(b); break;
            case NE: named = a.ne(b); break;
            case LT: named = a.lt(b); break;
            case LE: named = a.le(b); break;
            case GT: named = a.gt(b); break;
            case GE: named = a.ge(b); break;
            default: throw new AssertionError(op);
        }
        assertSameTensor(a.zip(op, b), named);
    }

    @Property(tries = 200)
    void zipWithAScalarEqualsZipWithTheSameScalarAsATensor(@ForAll("shapes") int[] shape, @ForAll BinaryOp op,
                                                          @ForAll DType dtype, @ForAll Random r) {
        Tensor x = random(r, dtype, shape);
        // Not representable as a float, and sometimes equal to an element after rounding.
        double c = r.nextBoolean() ? 0.1 * (r.nextInt(21) - 10) : r.nextGaussian();
        if (x.size() > 0 && r.nextBoolean()) {
            c = x.getDouble(r.nextInt(x.size())) + 1e-12;
        }
        assertSameTensor(x.zip(op, Tensor.scalar(c, dtype)), x.zip(op, c));
    }

    @Example
    void scalarComparisonRoundsTheScalarToTheTensorsDtype() {
        Tensor x = Tensor.of(new float[] {0.1f, 0.2f});
        // 0.1 as a float32 is 0.1f, so the first element equals it; comparing against the
        // unrounded double would say they differ.
        assertArrayEquals(new float[] {1f, 0f}, x.zip(BinaryOp.EQ, 0.1).toFloatArray());
        assertArrayEquals(new float[] {1f, 0f}, x.eq(Tensor.scalar(0.1)).toFloatArray());
    }

    @Property(tries = 200)
    void broadcastShapeFollowsTheNumpyRuleAndIsSymmetric(@ForAll("shapes") int[] a, @ForAll("shapes") int[] b,
                                                         @ForAll Random r) {
        if (r.nextBoolean()) {
            b = broadcastableTo(r, a);
        }
        int[] expected = NaiveTensor.broadcastShape(a, b);
        Shape sa = Shape.of(a);
        Shape sb = Shape.of(b);
        if (expected == null) {
            assertRejects(() -> Shape.broadcast("add", sa, sb), "add", Arrays.toString(a), Arrays.toString(b));
            assertRejects(() -> Shape.broadcast("mul", sb, sa), "mul", Arrays.toString(a), Arrays.toString(b));
        } else {
            assertArrayEquals(expected, Shape.broadcast("add", sa, sb).toArray());
            assertArrayEquals(expected, Shape.broadcast("add", sb, sa).toArray());
            assertEquals(Shape.of(expected), Shape.broadcast("add", sa, sb));
        }
    }

    @Property(tries = 100)
    void incompatibleOperandsAreRejectedNamingBothShapes(@ForAll("shapes") int[] out, @ForAll Random r) {
        if (out.length == 0) {
            out = new int[] {2};
        }
        int[] a = out.clone();
        int[] b = broadcastableTo(r, out);
        if (b.length == 0) {
            b = new int[] {out[out.length - 1]};
        }
        // Make one aligned pair of sizes differ with neither equal to 1.
        int axis = r.nextInt(b.length);
        int ai = axis + a.length - b.length;
        a[ai] = 2 + r.nextInt(3);
        b[axis] = a[ai] + 1 + r.nextInt(2);
        Tensor ta = Tensor.zeros(DType.F64, Shape.of(a));
        Tensor tb = Tensor.zeros(DType.F64, Shape.of(b));
        assertRejects(() -> ta.sub(tb), "sub", Arrays.toString(a), Arrays.toString(b));
        assertRejects(() -> tb.zip(BinaryOp.GE, ta), "ge", Arrays.toString(a), Arrays.toString(b));
    }

    @Example
    void broadcastOfARowAndAColumnIsTheirOuterSum() {
        Tensor col = Tensor.of(new double[] {0, 10, 20}, 3, 1);
        Tensor row = Tensor.of(new double[] {1, 2}, 2);
        Tensor sum = col.add(row);
        assertEquals(Shape.of(3, 2), sum.shape());
        assertArrayEquals(new double[] {1, 2, 11, 12, 21, 22}, sum.toDoubleArray());
    }

    @Property(tries = 200)
    void sumToShapeMatchesTheNaiveReference(@ForAll("shapes") int[] shape, @ForAll DType dtype, @ForAll Random r) {
        int[] target = broadcastableTo(r, shape);
        Tensor y = random(r, dtype, shape);
        NaiveTensor expected = NaiveTensor.of(y).sumToShape(target);
        assertMatches(expected, y.sumToShape(Shape.of(target)), tol(dtype), tol(dtype));
    }

    @Property(tries = 200)
    void sumToShapeIsTheAdjointOfExpand(@ForAll("shapes") int[] shape, @ForAll DType dtype, @ForAll Random r) {
        Shape target = Shape.of(broadcastableTo(r, shape));
        Tensor x = random(r, dtype, target.toArray());
        Tensor y = random(r, dtype, shape);
        Tensor ex = x.expand(Shape.of(shape));
        Tensor sy = y.sumToShape(target);
        assertEquals(target, sy.shape());
        assertEquals(dot(ex, y), dot(x, sy), dotTolerance(dtype, ex, y));
    }

    @Property(tries = 150)
    void expandMatchesTheNaiveReference(@ForAll("shapes") int[] shape, @ForAll DType dtype, @ForAll Random r) {
        Tensor x = random(r, dtype, broadcastableTo(r, shape));
        assertExact(NaiveTensor.of(x).expand(shape), x.expand(Shape.of(shape)));
    }

    @Example
    void sumToShapeRejectsATargetThatDoesNotBroadcast() {
        Tensor y = Tensor.zeros(2, 3);
        assertRejects(() -> y.sumToShape(Shape.of(2)), "sumToShape", "[2]", "[2, 3]");
    }

    @Example
    void sumToShapeOfFloatsAccumulatesInDouble() {
        // 2^24 + 1 + 1 + ... : float accumulation would lose every added 1.
        float[] v = new float[1001];
        Arrays.fill(v, 1f);
        v[0] = 16777216f;
        Tensor y = Tensor.of(v, 1001, 1);
        assertEquals(16777216.0 + 1000, y.sumToShape(Shape.of(1)).item());
    }

    @Property(tries = 150)
    void whereMatchesTheNaiveReference(@ForAll("shapes") int[] out, @ForAll DType dtype, @ForAll Random r) {
        Tensor cond = random(r, DType.F32, broadcastableTo(r, out)).gt(Tensor.scalar(0));
        Tensor a = random(r, dtype, broadcastableTo(r, out));
        Tensor b = random(r, dtype, r.nextBoolean() ? out : broadcastableTo(r, out));
        NaiveTensor expected = NaiveTensor.where(NaiveTensor.of(cond), NaiveTensor.of(a), NaiveTensor.of(b));
        Tensor actual = cond.where(a, b);
        assertEquals(dtype, actual.dtype());
        assertExact(expected, actual);
    }
}
