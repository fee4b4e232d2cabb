package io.github.jgrad.tensor;

import static io.github.jgrad.tensor.BadInput.illegalArgument;
import static io.github.jgrad.tensor.BadInput.nullArgument;
import static io.github.jgrad.tensor.BadInput.raises;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The bad-input catalogue of tensor-core, one row per mistake: every public entry point given
 * wrong shapes, mixed dtypes, NaN or infinite values where they are invalid, empty tensors where
 * an element is needed, negative sizes and null arguments. Each row asserts the exact exception
 * type (IllegalArgumentException for a bad value, NullPointerException naming the parameter for
 * a missing one) and that the message names the operation and the offending shape or value, so
 * the user can find the mistake from the message alone.
 */
class BadInputCatalogueTest {
    private static final Tensor M23 = Tensor.zeros(2, 3);
    private static final Tensor D23 = Tensor.zeros(DType.F64, Shape.of(2, 3));
    private static final Rng RNG = new Rng(0);

    /** Every row of the catalogue. */
    static List<BadInput> rows() {
        List<BadInput> rows = new ArrayList<>();
        creation(rows);
        access(rows);
        elementwise(rows);
        fused(rows);
        reductions(rows);
        movement(rows);
        matmul(rows);
        convolution(rows);
        random(rows);
        return rows;
    }

    @TestFactory
    Stream<DynamicTest> everyBadInputIsRefusedWithItsKindAndAMessageNamingTheProblem() {
        return rows().stream().map(BadInput::asTest);
    }

    private static void creation(List<BadInput> rows) {
        rows.add(illegalArgument("negative size in a shape", () -> Shape.of(2, -1), "shape", "negative", "[2, -1]"));
        rows.add(illegalArgument("negative size in zeros", () -> Tensor.zeros(3, -4), "shape", "negative", "[3, -4]"));
        rows.add(illegalArgument("negative size in eye", () -> Tensor.eye(-2, DType.F32), "shape", "negative", "[-2, -2]"));
        rows.add(illegalArgument("negative size through withDim", () -> Shape.of(2, 3).withDim(1, -5), "negative",
                "[2, -5]"));
        rows.add(illegalArgument("shape with more elements than an array holds", () -> Shape.of(65536, 65536), "shape",
                "[65536, 65536]"));
        rows.add(illegalArgument("null dims", () -> Shape.of((int[]) null), "shape", "dims"));
        rows.add(illegalArgument("too few values for the shape", () -> Tensor.of(new float[] {1, 2, 3, 4, 5}, 2, 3),
                "of", "5 values", "[2, 3]"));
        rows.add(illegalArgument("too few float64 values for the shape", () -> Tensor.of(new double[] {1, 2}, 3), "of",
                "2 values", "[3]"));
        rows.add(illegalArgument("ragged rows", () -> Tensor.of(new float[][] {{1, 2}, {3}}), "of", "row 1", "length 1"));
        rows.add(illegalArgument("wrapped array of the wrong length", () -> Tensor.wrap(new float[3], Shape.of(2, 2)),
                "wrap", "3 values", "[2, 2]"));
        rows.add(illegalArgument("arange with step 0", () -> Tensor.arange(0, 10, 0, DType.F32), "arange", "step", "0.0"));
        rows.add(illegalArgument("arange with NaN step", () -> Tensor.arange(0, 10, Double.NaN, DType.F32), "arange",
                "NaN"));
        rows.add(illegalArgument("arange to infinity", () -> Tensor.arange(0, Double.POSITIVE_INFINITY, 1, DType.F64),
                "arange", "Infinity"));
        rows.add(illegalArgument("arange with too many elements", () -> Tensor.arange(0, 1e12, 1e-3, DType.F64), "arange",
                "too many"));
        rows.add(nullArgument("null dtype", () -> Tensor.full(null, Shape.of(2), 1), "dtype"));
        rows.add(nullArgument("null shape", () -> Tensor.zeros(DType.F32, null), "shape"));
        rows.add(nullArgument("null float data", () -> Tensor.of((float[]) null), "data"));
        rows.add(nullArgument("null double data", () -> Tensor.of((double[]) null), "data"));
        rows.add(nullArgument("null dims after data", () -> Tensor.of(new float[] {1}, (int[]) null), "dims"));
        rows.add(nullArgument("null rows", () -> Tensor.of((float[][]) null), "rows"));
        rows.add(nullArgument("a null row", () -> Tensor.of(new float[][] {{1}, null}), "row 1"));
        rows.add(nullArgument("wrapping a null array", () -> Tensor.wrap((float[]) null, Shape.of(1)), "data"));
        rows.add(nullArgument("wrapping with a null shape", () -> Tensor.wrap(new double[1], null), "shape"));
    }

    private static void access(List<BadInput> rows) {
        rows.add(illegalArgument("item of a tensor with several elements", M23::item, "item", "[2, 3]", "6 elements"));
        rows.add(illegalArgument("item of an empty tensor", () -> Tensor.zeros(0).item(), "item", "[0]", "0 elements"));
        rows.add(illegalArgument("index out of range", () -> M23.get(2, 0), "get", "[2, 0]", "[2, 3]"));
        rows.add(illegalArgument("too few indices", () -> M23.get(0), "get", "1 indices", "[2, 3]"));
        rows.add(illegalArgument("dimension out of range", () -> M23.dim(2), "axis 2", "[2, 3]"));
        rows.add(illegalArgument("index select past the first axis", () -> M23.indexSelect(0, 2), "indexSelect",
                "index 2", "position 1", "[2, 3]"));
        rows.add(illegalArgument("index select from a scalar", () -> Tensor.scalar(1).indexSelect(0), "indexSelect",
                "scalar"));
        rows.add(nullArgument("index select with null indices", () -> M23.indexSelect((int[]) null), "indices"));
        rows.add(raises(ArrayIndexOutOfBoundsException.class, "flat index out of range", () -> M23.getDouble(6), "6"));
        rows.add(raises(IndexOutOfBoundsException.class, "set at a flat index out of range",
                () -> M23.copy().setInPlace(6, 1), "6", "6"));
        rows.add(raises(IndexOutOfBoundsException.class, "bulk copy out past the end",
                () -> M23.copyTo(java.nio.ByteBuffer.allocate(64), 4, 3), "4", "3", "6"));
        rows.add(raises(IndexOutOfBoundsException.class, "bulk copy in past the end",
                () -> D23.copy().copyFromInPlace(java.nio.ByteBuffer.allocate(64), -1, 2), "-1"));
        rows.add(raises(java.nio.BufferUnderflowException.class, "bulk copy in from a buffer with too few values",
                () -> D23.copy().copyFromInPlace(java.nio.ByteBuffer.allocate(8), 0, 2)));
        rows.add(nullArgument("bulk copy out to null", () -> M23.copyTo(null, 0, 1), "dst"));
        rows.add(nullArgument("bulk copy in from null", () -> M23.copy().copyFromInPlace(null, 0, 1), "src"));
        rows.add(nullArgument("conversion to a null dtype", () -> M23.to(null), "dtype"));
        rows.add(nullArgument("zeros like with a null shape", () -> M23.newZeros(null), "shape"));
        rows.add(nullArgument("allClose to null", () -> M23.allClose(null), "other"));
    }

    private static void fused(List<BadInput> rows) {
        rows.add(illegalArgument("addcmul of another shape", () -> Fused.addcmulInPlace(M23.copy(), M23, Tensor.zeros(6), 1),
                "addcmulInPlace", "[2, 3]", "[6]"));
        rows.add(illegalArgument("addcdiv of another dtype", () -> Fused.addcdivInPlace(M23.copy(), D23, M23, 1),
                "addcdivInPlace", "dtype", "F64"));
        rows.add(illegalArgument("addcmul with a NaN value", () -> Fused.addcmulInPlace(M23.copy(), M23, M23, Double.NaN),
                "addcmulInPlace", "value", "NaN"));
        rows.add(illegalArgument("lerp with an infinite weight",
                () -> Fused.lerpInPlace(M23.copy(), M23, Double.POSITIVE_INFINITY), "lerpInPlace", "weight", "Infinity"));
        rows.add(illegalArgument("lerp towards another shape", () -> Fused.lerpInPlace(M23.copy(), Tensor.zeros(3, 2), 0.5),
                "lerpInPlace", "[3, 2]"));
        rows.add(illegalArgument("in-place clamp with lo above hi", () -> Fused.clampInPlace(M23.copy(), 2, 1),
                "clampInPlace", "[2.0, 1.0]"));
        rows.add(nullArgument("sum of squares of null", () -> Fused.sumOfSquares(null), "x"));
        rows.add(nullArgument("finite check of null", () -> Fused.allFinite(null), "x"));
        rows.add(nullArgument("addcmul into null", () -> Fused.addcmulInPlace(null, M23, M23, 1), "self"));
        rows.add(illegalArgument("Adam step with a state of another shape",
                () -> OptimizerSteps.adamInPlace(M23.copy(), M23, M23.copy(), Tensor.zeros(6), 0.9, 0.999, 1e-8, 0, 1, 1),
                "adamInPlace", "[6]"));
        rows.add(illegalArgument("RMSprop step with a momentum buffer of another dtype",
                () -> OptimizerSteps.rmspropInPlace(M23.copy(), M23, M23.copy(), D23.copy(), null, 0.1, 0.9, 1e-8, 0, 0.5),
                "rmspropInPlace", "dtype", "F64"));
        rows.add(illegalArgument("SGD step with a gradient of another shape",
                () -> OptimizerSteps.sgdInPlace(M23.copy(), Tensor.zeros(3, 2), null, true, 0.1, 0, 0, 0, false),
                "sgdInPlace", "[3, 2]"));
        rows.add(nullArgument("SGD step without a gradient",
                () -> OptimizerSteps.sgdInPlace(M23.copy(), null, null, true, 0.1, 0, 0, 0, false), "sgdInPlace"));
    }

    private static void elementwise(List<BadInput> rows) {
        rows.add(illegalArgument("add of shapes that do not broadcast", () -> M23.add(Tensor.zeros(4)), "add", "[2, 3]",
                "[4]"));
        rows.add(illegalArgument("mul of shapes that do not broadcast", () -> M23.mul(Tensor.zeros(3, 3)), "mul",
                "[2, 3]", "[3, 3]"));
        rows.add(illegalArgument("where of shapes that do not broadcast",
                () -> M23.where(Tensor.zeros(2, 3), Tensor.zeros(2)), "where", "[2, 3]", "[2]"));
        rows.add(illegalArgument("add of float32 and float64", () -> M23.add(D23), "add", "dtype", "F32", "F64"));
        rows.add(illegalArgument("comparison of float32 and float64", () -> M23.zip(BinaryOp.LT, D23), "lt", "dtype",
                "F32", "F64"));
        rows.add(illegalArgument("where of float32 and float64", () -> Tensor.ones(3).where(M23, D23), "where", "dtype",
                "F32", "F64"));
        rows.add(illegalArgument("copy from another dtype", () -> M23.copy().copyFromInPlace(D23), "copyFrom", "dtype",
                "F32", "F64"));
        rows.add(illegalArgument("scaled add of another dtype", () -> M23.copy().addScaledInPlace(D23, 1), "addScaled",
                "dtype", "F32", "F64"));
        rows.add(illegalArgument("copy from another shape", () -> M23.copy().copyFromInPlace(Tensor.zeros(3, 2)),
                "copyFrom", "[2, 3]", "[3, 2]"));
        rows.add(illegalArgument("scaled add of another shape", () -> M23.copy().addScaledInPlace(Tensor.zeros(6), 2),
                "addScaled", "[2, 3]", "[6]"));
        rows.add(illegalArgument("clamp with lo above hi", () -> Tensor.zeros(3).clamp(1, -1), "clamp", "[1.0, -1.0]"));
        rows.add(illegalArgument("clamp with a NaN bound", () -> Tensor.zeros(3).clamp(Double.NaN, 1), "clamp", "NaN"));
        rows.add(illegalArgument("in-place clamp with a NaN bound", () -> M23.copy().clampInPlace(0, Double.NaN),
                "clamp", "NaN"));
        rows.add(illegalArgument("leaky ReLU with a NaN slope", () -> M23.leakyRelu(Double.NaN), "leakyRelu", "slope",
                "NaN"));
        rows.add(illegalArgument("leaky ReLU with an infinite slope", () -> M23.leakyRelu(Double.NEGATIVE_INFINITY),
                "leakyRelu", "slope", "-Infinity"));
        rows.add(illegalArgument("kernel output of the wrong shape",
                () -> Elementwise.binary(BinaryOp.ADD, M23, M23, Tensor.zeros(3, 2)), "add", "[3, 2]", "[2, 3]"));
        rows.add(illegalArgument("unary kernel output of the wrong shape",
                () -> Elementwise.unary(UnaryOp.EXP, M23, Tensor.zeros(6)), "exp", "[2, 3]", "[6]"));
        rows.add(illegalArgument("sum-to-shape output that does not broadcast",
                () -> Broadcast.sumToShape(M23, Tensor.zeros(2)), "sumToShape", "[2]", "[2, 3]"));
        rows.add(nullArgument("add of null", () -> M23.add(null), "other"));
        rows.add(nullArgument("binary op null", () -> M23.zip(null, M23), "op"));
        rows.add(nullArgument("unary op null", () -> M23.map(null), "op"));
        rows.add(nullArgument("where with a null branch", () -> M23.where(null, M23), "a"));
        rows.add(nullArgument("copy from null", () -> M23.copy().copyFromInPlace(null), "src"));
        rows.add(nullArgument("scaled add of null", () -> M23.copy().addScaledInPlace(null, 1), "other"));
        rows.add(nullArgument("kernel with a null output", () -> Elementwise.unary(UnaryOp.EXP, M23, null), "out"));
    }

    private static void reductions(List<BadInput> rows) {
        rows.add(illegalArgument("sum over an axis out of range", () -> M23.sum(new int[] {2}, false), "sum", "axis 2",
                "[2, 3]"));
        rows.add(illegalArgument("mean over a negative axis out of range", () -> M23.mean(new int[] {-3}, true), "mean",
                "axis -3", "[2, 3]"));
        rows.add(illegalArgument("max over an axis out of range", () -> M23.max(new int[] {5}, false), "max", "axis 5",
                "[2, 3]"));
        rows.add(illegalArgument("argmax over an axis out of range", () -> M23.argmax(2, false), "argmax", "axis 2",
                "[2, 3]"));
        rows.add(illegalArgument("sum of a scalar over axis 0", () -> Tensor.scalar(1).sum(new int[] {0}, false), "sum",
                "axis 0", "[]"));
        rows.add(illegalArgument("sum over a repeated axis", () -> M23.sum(new int[] {1, 1}, false), "sum", "repeated",
                "[1, 1]"));
        rows.add(illegalArgument("norm over the same axis counted from both ends",
                () -> M23.norm(new int[] {1, -1}, false), "norm", "repeated", "[1, -1]"));
        rows.add(illegalArgument("variance over a repeated axis", () -> M23.variance(new int[] {0, -2}, 1, false),
                "variance", "repeated", "[0, -2]"));
        rows.add(illegalArgument("negative variance correction", () -> M23.variance(null, -1, false), "variance",
                "correction", "-1"));
        rows.add(illegalArgument("max of an empty tensor", () -> Tensor.zeros(0).max(), "max", "empty", "[0]"));
        rows.add(illegalArgument("min over an empty axis", () -> Tensor.zeros(2, 0).min(new int[] {1}, false), "min",
                "empty", "[2, 0]"));
        rows.add(illegalArgument("argmax over an empty axis", () -> Tensor.zeros(0, 3).argmax(0, false), "argmax",
                "empty", "[0, 3]"));
    }

    private static void movement(List<BadInput> rows) {
        rows.add(illegalArgument("slice past the end", () -> M23.slice(1, 2, 4), "slice", "[2, 4)", "[2, 3]"));
        rows.add(illegalArgument("slice from a negative start", () -> M23.slice(0, -1, 1), "slice", "[-1, 1)", "[2, 3]"));
        rows.add(illegalArgument("slice ending before it starts", () -> M23.slice(0, 2, 1), "slice", "[2, 1)", "[2, 3]"));
        rows.add(illegalArgument("slice along an axis out of range", () -> M23.slice(2, 0, 1), "slice", "axis 2",
                "[2, 3]"));
        rows.add(illegalArgument("reshape to another size", () -> M23.reshape(4, 2), "reshape", "[2, 3]", "[4, 2]"));
        rows.add(illegalArgument("reshape whose -1 cannot be inferred", () -> M23.reshape(-1, 4), "reshape", "[-1, 4]",
                "[2, 3]"));
        rows.add(illegalArgument("reshape to a negative size", () -> M23.reshape(3, -2), "reshape", "negative",
                "[3, -2]"));
        rows.add(illegalArgument("reshape of an empty tensor with -1", () -> Tensor.zeros(0, 3).reshape(0, -1),
                "reshape", "[0, -1]", "[0, 3]"));
        rows.add(illegalArgument("reshape with two inferred sizes", () -> M23.reshape(-1, -1), "reshape",
                "more than one -1", "[-1, -1]"));
        rows.add(illegalArgument("permute with a repeated axis", () -> M23.permute(0, 0), "permute", "[0, 0]",
                "not a permutation"));
        rows.add(illegalArgument("permute naming one axis from both ends", () -> M23.permute(1, -1), "permute",
                "[1, -1]", "not a permutation"));
        rows.add(illegalArgument("permute with too few axes", () -> M23.permute(0), "permute", "1 axes", "[2, 3]"));
        rows.add(illegalArgument("permute to an axis out of range", () -> M23.permute(0, 2), "permute", "axis 2",
                "[2, 3]"));
        rows.add(illegalArgument("transpose of an axis out of range", () -> M23.transpose(0, 3), "transpose", "axis 3",
                "[2, 3]"));
        rows.add(illegalArgument("expand to a shape it does not broadcast to", () -> M23.expand(Shape.of(4, 3, 2)),
                "expand", "[2, 3]", "[4, 3, 2]"));
        rows.add(illegalArgument("sum to a shape that does not broadcast", () -> M23.sumToShape(Shape.of(2)),
                "sumToShape", "[2]", "[2, 3]"));
        rows.add(illegalArgument("squeeze of an axis of size 2", () -> M23.squeeze(0), "squeeze", "axis 0", "[2, 3]",
                "size 2"));
        rows.add(illegalArgument("unsqueeze at an axis out of range", () -> M23.unsqueeze(3), "unsqueeze", "axis 3",
                "[2, 3]"));
        rows.add(illegalArgument("flatten with start after end", () -> M23.flatten(1, 0), "flatten", "[2, 3]"));
        rows.add(illegalArgument("pad widths for another rank", () -> M23.pad(new int[] {1}, new int[] {1}, 0), "pad",
                "[1]", "[2, 3]"));
        rows.add(illegalArgument("negative pad width", () -> M23.pad(new int[] {0, -1}, new int[] {0, 0}, 0), "pad",
                "negative", "[0, -1]"));
        rows.add(illegalArgument("concat of shapes that differ outside the axis",
                () -> Tensor.concat(0, M23, Tensor.zeros(2, 4)), "concat", "[2, 3]", "[2, 4]"));
        rows.add(illegalArgument("concat of different ranks", () -> Tensor.concat(1, M23, Tensor.zeros(2, 3, 1)),
                "concat", "[2, 3]", "[2, 3, 1]"));
        rows.add(illegalArgument("concat along an axis out of range", () -> Tensor.concat(2, M23, M23), "concat",
                "axis 2", "[2, 3]"));
        rows.add(illegalArgument("concat of float32 and float64", () -> Tensor.concat(0, M23, D23), "concat", "dtype",
                "F32", "F64"));
        rows.add(illegalArgument("concat of nothing", () -> Tensor.concat(0), "concat", "no tensors"));
        rows.add(illegalArgument("stack of different shapes", () -> Tensor.stack(0, M23, Tensor.zeros(3, 2)), "stack",
                "[2, 3]", "[3, 2]"));
        rows.add(nullArgument("reshape to null dims", () -> M23.reshape((int[]) null), "dims"));
        rows.add(nullArgument("permute with null axes", () -> M23.permute((int[]) null), "axes"));
        rows.add(nullArgument("expand to a null shape", () -> M23.expand(null), "target"));
        rows.add(nullArgument("sum to a null shape", () -> M23.sumToShape(null), "target"));
        rows.add(nullArgument("pad with null widths", () -> M23.pad(null, new int[] {0, 0}, 0), "before"));
        rows.add(nullArgument("concat with a null part", () -> Tensor.concat(0, M23, null), "concat", "part 1"));
        rows.add(nullArgument("stack with a null part", () -> Tensor.stack(0, null, M23), "stack", "part 0"));
    }

    private static void matmul(List<BadInput> rows) {
        Tensor a = Tensor.zeros(2, 3);
        rows.add(illegalArgument("matmul with mismatched inner sizes", () -> a.matmul(Tensor.zeros(2, 3)), "matmul",
                "[2, 3]", "(3 vs 2)"));
        rows.add(illegalArgument("transposed matmul with mismatched inner sizes",
                () -> a.matmul(Tensor.zeros(2, 3), true, true), "matmul", "^T", "(2 vs 3)"));
        rows.add(illegalArgument("matmul of float32 and float64", () -> a.matmul(Tensor.zeros(DType.F64, Shape.of(3, 2))),
                "matmul", "dtype", "F32", "F64"));
        rows.add(illegalArgument("matmul of a vector", () -> a.matmul(Tensor.zeros(3)), "matmul", "2-D or 3-D", "[3]"));
        rows.add(illegalArgument("matmul of a 4-D tensor", () -> Tensor.zeros(1, 2, 3, 4).matmul(a), "matmul",
                "[1, 2, 3, 4]"));
        rows.add(illegalArgument("batched matmul with different batch sizes",
                () -> Tensor.zeros(2, 2, 3).matmul(Tensor.zeros(3, 3, 2)), "matmul", "batch", "[2, 2, 3]", "[3, 3, 2]"));
        Tensor sq = Tensor.zeros(2, 2);
        rows.add(illegalArgument("matmul into one of its operands",
                () -> MatMul.matmul(sq, Tensor.zeros(2, 2), false, false, sq), "matmul", "share storage"));
        rows.add(illegalArgument("matmul into an output of the wrong shape",
                () -> MatMul.matmul(sq, Tensor.zeros(2, 2), false, false, Tensor.zeros(2, 3)), "matmul", "[2, 3]",
                "[2, 2]"));
        rows.add(nullArgument("matmul with null", () -> a.matmul(null), "other"));
        rows.add(nullArgument("matmul kernel with a null operand", () -> MatMul.matmul(null, a, false, false), "a"));
        rows.add(illegalArgument("linear with a weight of other input features",
                () -> MatMul.linear(Tensor.zeros(4, 3), Tensor.zeros(2, 5), Tensor.zeros(2)), "linear",
                "[4, 3]", "[2, 5]", "[2]"));
        rows.add(illegalArgument("linear with a bias of other length than the outputs",
                () -> MatMul.linear(Tensor.zeros(4, 3), Tensor.zeros(2, 3), Tensor.zeros(3)), "linear", "bias [3]"));
        rows.add(illegalArgument("linear with a float64 bias",
                () -> MatMul.linear(Tensor.zeros(4, 3), Tensor.zeros(2, 3), Tensor.zeros(DType.F64, Shape.of(2))),
                "linear", "F64"));
        rows.add(illegalArgument("linear into an output of the wrong shape",
                () -> MatMul.linear(Tensor.zeros(4, 3), Tensor.zeros(2, 3), Tensor.zeros(2), Tensor.zeros(2, 4)),
                "linear", "output [2, 4]", "[4, 2]"));
        rows.add(illegalArgument("linear into its own input",
                () -> {
                    Tensor x = Tensor.zeros(2, 2);
                    MatMul.linear(x, Tensor.zeros(2, 2), Tensor.zeros(2), x);
                }, "linear", "share storage"));
        rows.add(nullArgument("linear with a null bias",
                () -> MatMul.linear(Tensor.zeros(4, 3), Tensor.zeros(2, 3), null), "bias"));
    }

    private static void convolution(List<BadInput> rows) {
        rows.add(illegalArgument("kernel larger than the input", () -> ConvGeometry.square(3, 4, 4, 5, 1, 0, 1),
                "conv geometry", "input 3x4x4", "kernel 5x5"));
        rows.add(illegalArgument("dilated kernel larger than the input", () -> ConvGeometry.square(1, 3, 3, 2, 1, 0, 3),
                "conv geometry", "dilation 3x3"));
        rows.add(illegalArgument("zero channels", () -> ConvGeometry.square(0, 4, 4, 3, 1, 0, 1), "conv geometry",
                "input 0x4x4"));
        rows.add(illegalArgument("zero dilation", () -> new ConvGeometry(1, 8, 8, 3, 3, 1, 1, 0, 0, 0, 1),
                "conv geometry", "dilation 0x1"));
        rows.add(illegalArgument("zero stride", () -> ConvGeometry.square(1, 4, 4, 3, 0, 1, 1), "conv geometry",
                "stride 0x0"));
        rows.add(illegalArgument("negative padding", () -> ConvGeometry.square(1, 4, 4, 3, 1, -1, 1), "conv geometry",
                "padding -1x-1"));
        ConvGeometry g = ConvGeometry.square(2, 4, 4, 3, 1, 1, 1);
        rows.add(illegalArgument("im2col of an input that does not match the geometry",
                () -> Convolution.im2col(Tensor.zeros(1, 3, 4, 4), g), "im2col", "[1, 3, 4, 4]"));
        rows.add(illegalArgument("col2im of columns that do not match the geometry",
                () -> Convolution.col2im(Tensor.zeros(1, 18, 15), g), "col2im", "[1, 18, 15]"));
        rows.add(nullArgument("im2col with a null geometry", () -> Convolution.im2col(Tensor.zeros(1, 2, 4, 4), null),
                "geometry"));
        Tensor w = Tensor.zeros(5, 2, 3, 3);
        rows.add(illegalArgument("conv2d of an input with the wrong channels",
                () -> Convolution.forward(Tensor.zeros(1, 3, 4, 4), w, g), "conv2d", "input", "[1, 3, 4, 4]",
                "[N, 2, 4, 4]"));
        rows.add(illegalArgument("conv2d with a weight of the wrong kernel size",
                () -> Convolution.forward(Tensor.zeros(1, 2, 4, 4), Tensor.zeros(5, 2, 2, 2), g), "conv2d",
                "weight", "[5, 2, 2, 2]", "[O, 2, 3, 3]"));
        rows.add(illegalArgument("conv2d with a float64 weight on float32 input",
                () -> Convolution.forward(Tensor.zeros(1, 2, 4, 4), Tensor.zeros(DType.F64, Shape.of(5, 2, 3, 3)),
                        g), "conv2d", "F64", "F32"));
        rows.add(illegalArgument("conv_transpose2d of an input with other channels than the weight's outputs",
                () -> Convolution.transposed(Tensor.zeros(1, 4, 4, 4), w, g), "conv_transpose2d",
                "[1, 4, 4, 4]", "[N, 5, 4, 4]"));
        rows.add(illegalArgument("conv2d_weight_grad with batches of different sizes",
                () -> Convolution.weightGradient(Tensor.zeros(2, 2, 4, 4), Tensor.zeros(1, 5, 4, 4), g),
                "conv2d_weight_grad", "[1, 5, 4, 4]", "[2, 2, 4, 4]"));
        rows.add(illegalArgument("conv_transpose2d with a 2-D weight",
                () -> Convolution.transposed(Tensor.zeros(1, 5, 4, 4), Tensor.zeros(5, 18), g), "conv_transpose2d",
                "weight", "[5, 18]"));
        rows.add(nullArgument("conv2d_weight_grad with a null output gradient",
                () -> Convolution.weightGradient(Tensor.zeros(1, 2, 4, 4), null, g), "output gradient"));
        rows.add(illegalArgument("conv2d into an output of the wrong shape",
                () -> Convolution.forward(Tensor.zeros(1, 2, 4, 4), w, g, Tensor.zeros(1, 5, 3, 3)), "conv2d",
                "output [1, 5, 3, 3]", "[1, 5, 4, 4]"));
        rows.add(illegalArgument("conv2d_weight_grad into its output gradient, which has another shape",
                () -> {
                    Tensor y = Tensor.zeros(1, 5, 4, 4);
                    Convolution.weightGradient(Tensor.zeros(1, 2, 4, 4), y, g, y);
                }, "conv2d_weight_grad", "output"));
        rows.add(illegalArgument("conv2d with a bias of the wrong length",
                () -> Convolution.forward(Tensor.zeros(1, 2, 4, 4), w, Tensor.zeros(4), g), "conv2d", "bias",
                "[4]", "[5]"));
        rows.add(illegalArgument("conv2d with a float64 bias on float32 input",
                () -> Convolution.forward(Tensor.zeros(1, 2, 4, 4), w, Tensor.zeros(DType.F64, Shape.of(5)), g),
                "conv2d", "bias", "F64", "F32"));
        rows.add(illegalArgument("conv2d with a bias of rank 3",
                () -> Convolution.forward(Tensor.zeros(1, 2, 4, 4), w, Tensor.zeros(5, 1, 1), g), "conv2d", "bias",
                "[5, 1, 1]", "[5]"));
        rows.add(illegalArgument("conv2d into an output that shares storage with the bias",
                () -> {
                    // A 3 x 3 kernel over a 3 x 3 image: one output position, so y has as many
                    // entries as the bias and a view of one can be the other.
                    Tensor y = Tensor.zeros(1, 5, 1, 1);
                    Convolution.forward(Tensor.zeros(1, 2, 3, 3), w, y.reshape(5),
                            ConvGeometry.square(2, 3, 3, 3, 1, 0, 1), y);
                }, "conv2d", "output", "share storage"));
        rows.add(nullArgument("conv2d with a null geometry",
                () -> Convolution.forward(Tensor.zeros(1, 2, 4, 4), w, null), "geometry"));
    }

    private static void random(List<BadInput> rows) {
        rows.add(illegalArgument("nextInt with bound 0", () -> RNG.nextInt(0), "nextInt", "0"));
        rows.add(illegalArgument("nextInt with a negative bound", () -> RNG.nextInt(-3), "nextInt", "-3"));
        rows.add(illegalArgument("uniform with lo above hi", () -> RNG.uniform(DType.F32, Shape.of(2), 1, 0), "uniform",
                "1.0", "0.0"));
        rows.add(illegalArgument("uniform with an infinite bound",
                () -> RNG.uniform(DType.F32, Shape.of(2), 0, Double.POSITIVE_INFINITY), "uniform", "Infinity"));
        rows.add(illegalArgument("uniform with a NaN bound", () -> RNG.uniform(DType.F32, Shape.of(2), Double.NaN, 1),
                "uniform", "lo", "NaN"));
        rows.add(illegalArgument("normal with a negative std", () -> RNG.normal(DType.F32, Shape.of(2), 0, -1), "normal",
                "-1.0"));
        rows.add(illegalArgument("normal with a NaN std", () -> RNG.normal(DType.F32, Shape.of(2), 0, Double.NaN),
                "normal", "std", "NaN"));
        rows.add(illegalArgument("normal with an infinite mean",
                () -> RNG.normal(DType.F64, Shape.of(2), Double.NEGATIVE_INFINITY, 1), "normal", "mean", "-Infinity"));
        rows.add(illegalArgument("bernoulli with p above 1", () -> RNG.bernoulli(DType.F32, Shape.of(2), 1.5),
                "bernoulli", "1.5"));
        rows.add(illegalArgument("bernoulli with a NaN p", () -> RNG.bernoulli(DType.F32, Shape.of(2), Double.NaN),
                "bernoulli", "NaN"));
        rows.add(nullArgument("uniform with a null dtype", () -> RNG.uniform(null, Shape.of(2), 0, 1), "dtype"));
        rows.add(nullArgument("normal with a null shape", () -> RNG.normal(DType.F32, null, 0, 1), "shape"));
    }
}
