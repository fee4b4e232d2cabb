package io.github.jgrad.tensor;

import static io.github.jgrad.tensor.TestSupport.assertRejects;

import org.junit.jupiter.api.Test;

/**
 * Every kind of bad input fails fast with an IllegalArgumentException whose message names the
 * operation and the offending shape or value, so the user can find the mistake from the
 * message alone.
 */
class BadInputTest {
    private final Tensor m23 = Tensor.zeros(2, 3);

    @Test
    void binaryOpOnShapesThatDoNotBroadcast() {
        assertRejects(() -> m23.add(Tensor.zeros(4)), "add", "[2, 3]", "[4]");
        assertRejects(() -> m23.mul(Tensor.zeros(3, 3)), "mul", "[2, 3]", "[3, 3]");
        assertRejects(() -> m23.where(Tensor.zeros(2, 3), Tensor.zeros(2)), "where", "[2, 3]", "[2]");
    }

    @Test
    void reductionOverAnAxisOutOfRange() {
        assertRejects(() -> m23.sum(new int[] {2}, false), "sum", "axis 2", "[2, 3]");
        assertRejects(() -> m23.mean(new int[] {-3}, true), "mean", "axis -3", "[2, 3]");
        assertRejects(() -> m23.max(new int[] {5}, false), "max", "axis 5", "[2, 3]");
        assertRejects(() -> m23.argmax(2, false), "argmax", "axis 2", "[2, 3]");
        assertRejects(() -> Tensor.scalar(1).sum(new int[] {0}, false), "sum", "axis 0", "[]");
    }

    @Test
    void reductionOverARepeatedAxis() {
        assertRejects(() -> m23.sum(new int[] {1, 1}, false), "sum", "repeated", "[1, 1]");
        // -1 and 1 are the same axis of a matrix.
        assertRejects(() -> m23.norm(new int[] {1, -1}, false), "norm", "repeated", "[1, -1]");
        assertRejects(() -> m23.variance(new int[] {0, -2}, 1, false), "variance", "repeated", "[0, -2]");
    }

    @Test
    void negativeVarianceCorrection() {
        assertRejects(() -> m23.variance(null, -1, false), "variance", "correction", "-1");
    }

    @Test
    void maxOverAnEmptyAxis() {
        assertRejects(() -> Tensor.zeros(0).max(), "max", "empty", "[0]");
        assertRejects(() -> Tensor.zeros(2, 0).min(new int[] {1}, false), "min", "empty", "[2, 0]");
        assertRejects(() -> Tensor.zeros(0, 3).argmax(0, false), "argmax", "empty", "[0, 3]");
    }

    @Test
    void mixingDtypes() {
        Tensor d = Tensor.zeros(DType.F64, Shape.of(2, 3));
        assertRejects(() -> m23.add(d), "add", "dtype", "F32", "F64");
        assertRejects(() -> m23.zip(BinaryOp.LT, d), "lt", "dtype", "F32", "F64");
        assertRejects(() -> Tensor.concat(0, m23, d), "concat", "dtype", "F32", "F64");
        assertRejects(() -> m23.copyFromInPlace(d), "copyFrom", "dtype", "F32", "F64");
        assertRejects(() -> m23.addScaledInPlace(d, 1), "addScaled", "dtype", "F32", "F64");
        assertRejects(() -> Tensor.ones(3).where(m23, d), "where", "dtype", "F32", "F64");
    }

    @Test
    void sliceOutOfRange() {
        assertRejects(() -> m23.slice(1, 2, 4), "slice", "[2, 4)", "[2, 3]");
        assertRejects(() -> m23.slice(0, -1, 1), "slice", "[-1, 1)", "[2, 3]");
        assertRejects(() -> m23.slice(0, 2, 1), "slice", "[2, 1)", "[2, 3]");
        assertRejects(() -> m23.slice(2, 0, 1), "slice", "axis 2", "[2, 3]");
    }

    @Test
    void reshapeToADifferentSize() {
        assertRejects(() -> m23.reshape(4, 2), "reshape", "[2, 3]", "[4, 2]");
        assertRejects(() -> m23.reshape(-1, 4), "reshape", "[-1, 4]", "[2, 3]");
        assertRejects(() -> m23.reshape(3, -2), "reshape", "negative", "[3, -2]");
        assertRejects(() -> Tensor.zeros(0, 3).reshape(0, -1), "reshape", "[0, -1]", "[0, 3]");
    }

    @Test
    void reshapeWithTwoInferredSizes() {
        assertRejects(() -> m23.reshape(-1, -1), "reshape", "more than one -1", "[-1, -1]");
    }

    @Test
    void negativeSizeInAShape() {
        assertRejects(() -> Shape.of(2, -1), "shape", "negative", "[2, -1]");
        assertRejects(() -> Tensor.zeros(3, -4), "shape", "negative", "[3, -4]");
    }

    @Test
    void shapeWithTooManyElements() {
        assertRejects(() -> Shape.of(65536, 65536), "shape", "[65536, 65536]");
    }

    @Test
    void permuteWithAListThatIsNotAPermutation() {
        assertRejects(() -> m23.permute(0, 0), "permute", "[0, 0]", "not a permutation");
        assertRejects(() -> m23.permute(1, -1), "permute", "[1, -1]", "not a permutation");
        assertRejects(() -> m23.permute(0), "permute", "1 axes", "[2, 3]");
        assertRejects(() -> m23.permute(0, 2), "permute", "axis 2", "[2, 3]");
        assertRejects(() -> m23.transpose(0, 3), "transpose", "axis 3", "[2, 3]");
    }

    @Test
    void concatOfShapesThatDifferOutsideTheAxis() {
        assertRejects(() -> Tensor.concat(0, m23, Tensor.zeros(2, 4)), "concat", "[2, 3]", "[2, 4]");
        assertRejects(() -> Tensor.concat(1, m23, Tensor.zeros(2, 3, 1)), "concat", "[2, 3]", "[2, 3, 1]");
        assertRejects(() -> Tensor.concat(2, m23, m23), "concat", "axis 2", "[2, 3]");
        assertRejects(() -> Tensor.concat(0), "concat", "no tensors");
        assertRejects(() -> Tensor.stack(0, m23, Tensor.zeros(3, 2)), "stack", "[2, 3]", "[3, 2]");
    }

    @Test
    void matmulWithMismatchedInnerSizes() {
        assertRejects(() -> m23.matmul(Tensor.zeros(4, 2)), "matmul", "inner", "[2, 3]", "[4, 2]");
    }

    @Test
    void convGeometryWithNoOutput() {
        assertRejects(() -> ConvGeometry.square(3, 4, 4, 5, 1, 0, 1), "conv geometry", "input 3x4x4", "kernel 5x5");
        assertRejects(() -> ConvGeometry.square(0, 4, 4, 3, 1, 0, 1), "conv geometry", "input 0x4x4");
        assertRejects(() -> new ConvGeometry(1, 8, 8, 3, 3, 1, 1, 0, 0, 0, 1), "conv geometry", "dilation 0x1");
    }

    @Test
    void arangeWithANonFiniteOrZeroStep() {
        assertRejects(() -> Tensor.arange(0, 10, 0, DType.F32), "arange", "step", "0.0");
        assertRejects(() -> Tensor.arange(0, 10, Double.NaN, DType.F32), "arange", "NaN");
        assertRejects(() -> Tensor.arange(0, Double.POSITIVE_INFINITY, 1, DType.F64), "arange", "Infinity");
        assertRejects(() -> Tensor.arange(0, 1e12, 1e-3, DType.F64), "arange", "too many");
    }

    @Test
    void itemOfATensorWithMoreThanOneElement() {
        assertRejects(m23::item, "item", "[2, 3]", "6 elements");
        assertRejects(() -> Tensor.zeros(0).item(), "item", "[0]", "0 elements");
    }

    @Test
    void ofWithTheWrongNumberOfValues() {
        assertRejects(() -> Tensor.of(new float[] {1, 2, 3, 4, 5}, 2, 3), "of", "5 values", "[2, 3]");
        assertRejects(() -> Tensor.of(new double[] {1, 2}, 3), "of", "2 values", "[3]");
        assertRejects(() -> Tensor.of(new float[][] {{1, 2}, {3}}), "of", "row 1", "length 1");
        assertRejects(() -> Tensor.wrap(new float[3], Shape.of(2, 2)), "wrap", "3 values", "[2, 2]");
    }

    @Test
    void indexOutOfRange() {
        assertRejects(() -> m23.get(2, 0), "get", "[2, 0]", "[2, 3]");
        assertRejects(() -> m23.get(0), "get", "1 indices", "[2, 3]");
        assertRejects(() -> m23.dim(2), "axis 2", "[2, 3]");
    }

    @Test
    void expandSqueezeUnsqueezeFlattenAndPadWithImpossibleArguments() {
        assertRejects(() -> m23.expand(Shape.of(4, 3, 2)), "expand", "[2, 3]", "[4, 3, 2]");
        assertRejects(() -> m23.squeeze(0), "squeeze", "axis 0", "[2, 3]", "size 2");
        assertRejects(() -> m23.unsqueeze(3), "unsqueeze", "axis 3", "[2, 3]");
        assertRejects(() -> m23.flatten(1, 0), "flatten", "[2, 3]");
        assertRejects(() -> m23.pad(new int[] {1}, new int[] {1}, 0), "pad", "[1]", "[2, 3]");
        assertRejects(() -> m23.pad(new int[] {0, -1}, new int[] {0, 0}, 0), "pad", "negative", "[0, -1]");
    }

    @Test
    void inPlaceOpsOnDifferentShapes() {
        assertRejects(() -> m23.copy().copyFromInPlace(Tensor.zeros(3, 2)), "copyFrom", "[2, 3]", "[3, 2]");
        assertRejects(() -> m23.copy().addScaledInPlace(Tensor.zeros(6), 2), "addScaled", "[2, 3]", "[6]");
    }

    @Test
    void kernelOutputOfTheWrongShape() {
        assertRejects(() -> Elementwise.binary(BinaryOp.ADD, m23, m23, Tensor.zeros(3, 2)), "add", "[3, 2]", "[2, 3]");
        assertRejects(() -> Elementwise.unary(UnaryOp.EXP, m23, Tensor.zeros(6)), "exp", "[2, 3]", "[6]");
        assertRejects(() -> Broadcast.sumToShape(m23, Tensor.zeros(2)), "sumToShape", "[2]", "[2, 3]");
    }
}
