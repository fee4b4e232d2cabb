package io.github.jgrad.tensor;

import static io.github.jgrad.tensor.TestSupport.assertRejects;
import static io.github.jgrad.tensor.TestSupport.assertSameTensor;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.function.DoubleUnaryOperator;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;

/** Unary functions against {@code java.lang.Math}, including their edge cases. */
class UnaryOpsTest {

    private static final double[] INPUTS = {
        -1000, -50, -20.5, -3, -1, -0.5, -1e-8, -0.0, 0.0, 1e-8, 0.5, 1, 2, 3.25, 20.5, 50, 1000,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};

    /** The textbook definition of each op, written without the library's overflow guards. */
    private static DoubleUnaryOperator reference(UnaryOp op) {
        switch (op) {
            case NEG: return x -> -x;
            case EXP: return Math::exp;
            case LOG: return Math::log;
            case SQRT: return Math::sqrt;
            case ABS: return Math::abs;
            case SIGN: return Math::signum;
            case RELU: return x -> Double.isNaN(x) ? x : (x > 0 ? x : 0); // NaN propagates, as in PyTorch
            case STEP: return x -> x > 0 ? 1 : 0;
            case TANH: return Math::tanh;
            case SIGMOID: return x -> 1 / (1 + Math.exp(-x));
            case SOFTPLUS: return x -> Math.log1p(Math.exp(x));
            case SQUARE: return x -> x * x;
            case RECIPROCAL: return x -> 1 / x;
            default: throw new AssertionError(op);
        }
    }

    private static void assertClose(double expected, double actual, double rtol, String what) {
        if (Double.isNaN(expected) ? !Double.isNaN(actual)
                : !(expected == actual || Math.abs(expected - actual) <= rtol * Math.abs(expected))) {
            fail(what + ": expected " + expected + " but was " + actual);
        }
    }

    @Example
    void everyUnaryOpMatchesMathOnModerateInputsInBothDtypes() {
        for (UnaryOp op : UnaryOp.values()) {
            DoubleUnaryOperator ref = reference(op);
            for (double x : INPUTS) {
                // The textbook sigmoid and softplus overflow at the extremes, which are checked separately.
                if (Math.abs(x) > 30 && (op == UnaryOp.SIGMOID || op == UnaryOp.SOFTPLUS)) {
                    continue;
                }
                double f64 = Tensor.of(new double[] {x}, 1).map(op).item();
                assertClose(ref.applyAsDouble(x), f64, 1e-14, op + " F64 at " + x);
                float xf = (float) x;
                double f32 = Tensor.of(new float[] {xf}, 1).map(op).item();
                assertClose((float) ref.applyAsDouble(xf), f32, 1e-6, op + " F32 at " + x);
            }
        }
    }

    @Property(tries = 200)
    void everyUnaryOpMatchesMathOnRandomInputs(@ForAll @DoubleRange(min = -30, max = 30) double x) {
        for (UnaryOp op : UnaryOp.values()) {
            double expected = reference(op).applyAsDouble(x);
            assertClose(expected, Tensor.of(new double[] {x}, 1).map(op).item(), 1e-13, op + " at " + x);
        }
    }

    @Example
    void sigmoidAtTheExtremesIsFiniteAndSaturates() {
        for (DType dtype : DType.values()) {
            Tensor s = Tensor.of(new double[] {-1000, -800, 800, 1000}, 4).to(dtype).sigmoid();
            assertArrayEquals(new double[] {0, 0, 1, 1}, s.toDoubleArray(), dtype.toString());
        }
        // Far from saturation on the negative side the stable branch keeps relative accuracy.
        assertEquals(Math.exp(-700), Tensor.scalar(-700, DType.F64).sigmoid().item(), 1e-14 * Math.exp(-700));
        assertEquals(0.5, Tensor.scalar(0, DType.F64).sigmoid().item());
    }

    @Example
    void softplusAtTheExtremesIsFiniteAndCorrect() {
        for (DType dtype : DType.values()) {
            Tensor s = Tensor.of(new double[] {-1000, 1000}, 2).to(dtype).softplus();
            assertArrayEquals(new double[] {0, 1000}, s.toDoubleArray(), dtype.toString());
        }
        // log(1 + e^-40) = e^-40 to within e^-80, which log(1 + exp(x)) would round to 0.
        assertEquals(Math.exp(-40), Tensor.scalar(-40, DType.F64).softplus().item(), 1e-15 * Math.exp(-40));
        assertEquals(Math.log(2), Tensor.scalar(0, DType.F64).softplus().item(), 1e-16);
    }

    @Example
    void reluAndStepAtZeroAreZero() {
        for (DType dtype : DType.values()) {
            Tensor z = Tensor.of(new double[] {-0.0, 0.0}, 2).to(dtype);
            // A zero delta compares with ==, so -0.0 counts as zero (as IEEE 754 says).
            assertArrayEquals(new double[] {0, 0}, z.relu().toDoubleArray(), 0.0);
            assertArrayEquals(new double[] {0, 0}, z.map(UnaryOp.STEP).toDoubleArray(), 0.0);
            assertArrayEquals(new double[] {0, 0}, z.sign().toDoubleArray(), 0.0);
            Tensor x = Tensor.of(new double[] {-2, -1e-30, 1e-30, 3}, 4).to(dtype);
            assertArrayEquals(new double[] {-1, -1, 1, 1}, x.sign().toDoubleArray());
            assertArrayEquals(new double[] {0, 0, 1, 1}, x.map(UnaryOp.STEP).toDoubleArray(), 0.0);
        }
    }

    @Example
    void signOfNanIsNan() {
        assertTrue(Double.isNaN(Tensor.scalar(Double.NaN, DType.F64).sign().item()));
        assertTrue(Double.isNaN(Tensor.scalar(Double.NaN, DType.F32).sign().item()));
    }

    @Example
    void leakyReluScalesOnlyNonPositiveValues() {
        for (DType dtype : DType.values()) {
            Tensor x = Tensor.of(new double[] {-4, -0.5, 0, 0.5, 4}, 5).to(dtype);
            assertArrayEquals(new double[] {-0.8, -0.1, 0, 0.5, 4}, x.leakyRelu(0.2).toDoubleArray(), 1e-7);
            assertArrayEquals(x.relu().toDoubleArray(), x.leakyRelu(0).toDoubleArray(), 0.0);
            assertArrayEquals(x.toDoubleArray(), x.leakyRelu(1).toDoubleArray());
        }
        assertRejects(() -> Tensor.zeros(2).leakyRelu(Double.NaN), "leakyRelu", "slope", "NaN");
    }

    @Example
    void clampLimitsToTheRangeAndKeepsNan() {
        for (DType dtype : DType.values()) {
            Tensor x = Tensor.of(new double[] {-5, -1, 0.25, 1, 5, Double.NEGATIVE_INFINITY, Double.NaN}, 7)
                    .to(dtype);
            double[] c = x.clamp(-1, 1).toDoubleArray();
            assertArrayEquals(new double[] {-1, -1, 0.25, 1, 1, -1}, java.util.Arrays.copyOf(c, 6));
            assertTrue(Double.isNaN(c[6]));
            assertArrayEquals(new double[] {2, 2, 2, 2, 2, 2}, java.util.Arrays.copyOf(x.clamp(2, 2).toDoubleArray(), 6));
        }
    }

    @Example
    void clampInPlaceChangesTheTensorItself() {
        Tensor x = Tensor.of(new double[] {-3, 0.5, 3}, 3);
        Tensor r = x.clampInPlace(-1, 1);
        assertSame(x, r);
        assertArrayEquals(new double[] {-1, 0.5, 1}, x.toDoubleArray());
    }

    @Example
    void namedUnaryMethodsAreTheMatchingMap() {
        Tensor x = Tensor.of(new double[] {-2, -0.5, 0.25, 3}, 4);
        assertSameTensor(x.map(UnaryOp.NEG), x.neg());
        assertSameTensor(x.map(UnaryOp.EXP), x.exp());
        assertSameTensor(x.map(UnaryOp.LOG), x.log());
        assertSameTensor(x.map(UnaryOp.SQRT), x.sqrt());
        assertSameTensor(x.map(UnaryOp.ABS), x.abs());
        assertSameTensor(x.map(UnaryOp.SIGN), x.sign());
        assertSameTensor(x.map(UnaryOp.RELU), x.relu());
        assertSameTensor(x.map(UnaryOp.TANH), x.tanh());
        assertSameTensor(x.map(UnaryOp.SIGMOID), x.sigmoid());
        assertSameTensor(x.map(UnaryOp.SOFTPLUS), x.softplus());
        assertSameTensor(x.map(UnaryOp.SQUARE), x.square());
        assertArrayEquals(new double[] {2, 0.5, 0.25, 3}, x.abs().toDoubleArray());
        assertArrayEquals(new double[] {4, 0.25, 0.0625, 9}, x.square().toDoubleArray());
    }

    @Example
    void mapNeverChangesItsOperand() {
        double[] data = {-1, 2, -3};
        Tensor x = Tensor.of(data, 3);
        for (UnaryOp op : UnaryOp.values()) {
            x.map(op);
        }
        assertArrayEquals(data, x.toDoubleArray());
    }
}
