package io.github.jgrad.autodiff;

import static io.github.jgrad.autodiff.BadInput.illegalArgument;
import static io.github.jgrad.autodiff.BadInput.nullArgument;

import io.github.jgrad.tensor.ConvGeometry;
import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The bad-input catalogue of autodiff, one row per mistake: operations on {@link Var}s given
 * wrong shapes, mixed dtypes, NaN where it is invalid and null operands; {@link Grad} given
 * outputs, inputs and output gradients that do not fit; {@link GradCheck} given float32 inputs
 * or impossible tolerances. Each row asserts the exact exception type and that the message names
 * the operation and the offending value. (Graph-lifetime errors, such as a second backward
 * through a freed graph, are engine behaviour and live in {@code EngineTest}.)
 */
class BadInputCatalogueTest {
    /** Every row of the catalogue. */
    static List<BadInput> rows() {
        List<BadInput> rows = new ArrayList<>();
        operations(rows);
        composites(rows);
        engine(rows);
        checks(rows);
        pictures(rows);
        return rows;
    }

    @TestFactory
    Stream<DynamicTest> everyBadInputIsRefusedWithItsKindAndAMessageNamingTheProblem() {
        return rows().stream().map(BadInput::asTest);
    }

    private static Var leaf(int... dims) {
        return Var.leaf(Tensor.ones(DType.F64, Shape.of(dims)));
    }

    private static Var leaf32(int... dims) {
        return Var.leaf(Tensor.ones(DType.F32, Shape.of(dims)));
    }

    private static void pictures(List<BadInput> rows) {
        Var y = leaf(2, 3).exp();
        rows.add(illegalArgument("a picture of no outputs", () -> GraphPicture.of(), "GraphPicture", "no outputs"));
        rows.add(nullArgument("a picture of a null output", () -> GraphPicture.of(y, null), "outputs[1]"));
        rows.add(illegalArgument("a picture limited to 0 nodes", () -> GraphPicture.of(y).maxNodes(0), "maxNodes",
                "0"));
        rows.add(illegalArgument("a picture showing -1 elements", () -> GraphPicture.of(y).maxShownElements(-1),
                "maxShownElements", "-1"));
        rows.add(illegalArgument("a picture rendered to a .gif", () -> GraphPicture.of(y).render(java.nio.file.Path.of("g.gif")),
                "g.gif", ".svg", ".png"));
        rows.add(illegalArgument("an explanation of a [2, 3] output", () -> Explain.backward(y), "Explain", "[2, 3]"));
        rows.add(illegalArgument("an explanation of a constant",
                () -> Explain.backward(Var.scalar(1, DType.F64)), "Explain", "does not require a gradient"));
        rows.add(nullArgument("an explanation of null", () -> Explain.backward(null), "output"));
    }

    private static void operations(List<BadInput> rows) {
        Var m23 = leaf(2, 3);
        rows.add(nullArgument("a leaf of null", () -> Var.leaf(null), "value"));
        rows.add(nullArgument("a constant of null", () -> Var.constant(null), "value"));
        rows.add(nullArgument("a scalar of a null dtype", () -> Var.scalar(1, null), "dtype"));
        rows.add(illegalArgument("add of shapes that do not broadcast", () -> m23.add(leaf(4)), "add", "[2, 3]", "[4]"));
        rows.add(illegalArgument("mul of float64 and float32", () -> m23.mul(leaf32(2, 3)), "mul", "dtype", "F64",
                "F32"));
        rows.add(illegalArgument("pow of shapes that do not broadcast", () -> m23.pow(leaf(3, 2)), "pow", "[2, 3]",
                "[3, 2]"));
        rows.add(illegalArgument("maximum of shapes that do not broadcast", () -> m23.maximum(leaf(5)), "maximum",
                "[2, 3]", "[5]"));
        rows.add(nullArgument("add of null", () -> m23.add((Var) null), "add", "operand b"));
        rows.add(nullArgument("div of null", () -> m23.div((Var) null), "div", "operand b"));
        rows.add(nullArgument("minimum of null", () -> m23.minimum(null), "minimum", "operand b"));
        rows.add(nullArgument("pow of null", () -> m23.pow((Var) null), "pow", "operand b"));
        rows.add(nullArgument("matmul of null", () -> m23.matmul(null), "matmul", "operand b"));
        rows.add(nullArgument("where with a null condition", () -> ElementwiseOps.where(null, m23, m23), "cond"));
        rows.add(illegalArgument("pow with a NaN exponent", () -> m23.pow(Double.NaN), "pow", "exponent", "NaN"));
        rows.add(illegalArgument("pow with an infinite exponent", () -> m23.pow(Double.POSITIVE_INFINITY), "pow",
                "exponent", "Infinity"));
        rows.add(illegalArgument("clamp with lo above hi", () -> m23.clamp(1, 0), "clamp", "[1.0, 0.0]"));
        rows.add(illegalArgument("clamp with a NaN bound", () -> m23.clamp(0, Double.NaN), "clamp", "NaN"));
        rows.add(illegalArgument("leaky ReLU with a NaN slope", () -> m23.leakyRelu(Double.NaN), "leakyRelu", "slope",
                "NaN"));
        rows.add(illegalArgument("matmul with mismatched inner sizes", () -> m23.matmul(leaf(2, 3)), "matmul", "inner",
                "(3 vs 2)"));
        rows.add(illegalArgument("matmul of a vector", () -> m23.matmul(leaf(3)), "matmul", "2-D or 3-D", "[3]"));
        rows.add(illegalArgument("sum over an axis out of range", () -> m23.sum(new int[] {2}, false), "sum", "axis 2",
                "[2, 3]"));
        rows.add(illegalArgument("mean over a repeated axis", () -> m23.mean(new int[] {0, -2}, false), "mean",
                "repeated"));
        rows.add(illegalArgument("max of an empty tensor", () -> leaf(0).max(), "max", "empty", "[0]"));
        rows.add(illegalArgument("reshape to another size", () -> m23.reshape(4, 2), "reshape", "[2, 3]", "[4, 2]"));
        rows.add(illegalArgument("permute with a repeated axis", () -> m23.permute(1, 1), "permute",
                "not a permutation"));
        rows.add(illegalArgument("expand to a shape it does not broadcast to", () -> m23.expand(Shape.of(3, 3)),
                "expand", "[2, 3]", "[3, 3]"));
        rows.add(illegalArgument("sum to a shape that does not broadcast", () -> m23.sumToShape(Shape.of(3, 1)),
                "sumToShape", "[3, 1]", "[2, 3]"));
        rows.add(illegalArgument("squeeze of an axis of size 3", () -> m23.squeeze(1), "squeeze", "size 3"));
        rows.add(illegalArgument("slice past the end", () -> m23.slice(1, 1, 5), "slice", "[1, 5)", "[2, 3]"));
        rows.add(illegalArgument("negative pad width", () -> m23.pad(new int[] {-1, 0}, new int[] {0, 0}, 0), "pad",
                "negative"));
        rows.add(illegalArgument("concat of nothing", () -> ShapeOps.concat(0), "concat", "no tensors"));
        rows.add(illegalArgument("concat of shapes that differ outside the axis",
                () -> ShapeOps.concat(0, m23, leaf(2, 4)), "concat", "[2, 3]", "[2, 4]"));
        rows.add(nullArgument("concat with a null part", () -> ShapeOps.concat(0, m23, null), "concat", "part 1"));
        rows.add(illegalArgument("stack of different shapes", () -> ShapeOps.stack(0, m23, leaf(3, 2)), "stack",
                "[2, 3]", "[3, 2]"));
        rows.add(nullArgument("stack with a null part", () -> ShapeOps.stack(0, null, m23), "stack", "part 0"));
        rows.add(nullArgument("expand to a null shape", () -> m23.expand(null), "target"));
        rows.add(nullArgument("reshape to null dims", () -> m23.reshape((int[]) null), "dims"));
        ConvGeometry g = ConvGeometry.square(2, 4, 4, 3, 1, 1, 1);
        rows.add(illegalArgument("im2col of an input that does not match the geometry",
                () -> LinalgOps.im2col(leaf(1, 3, 4, 4), g), "im2col", "[1, 3, 4, 4]"));
        rows.add(illegalArgument("col2im of columns that do not match the geometry",
                () -> LinalgOps.col2im(leaf(1, 18, 15), g), "col2im", "[1, 18, 15]"));
    }

    private static void composites(List<BadInput> rows) {
        Var m23 = leaf(2, 3);
        rows.add(illegalArgument("norm with a negative eps", () -> CompositeOps.norm(m23, null, false, -1), "norm",
                "eps", "-1.0"));
        rows.add(illegalArgument("norm with a NaN eps", () -> CompositeOps.norm(m23, null, false, Double.NaN), "norm",
                "eps", "NaN"));
        rows.add(illegalArgument("variance with a correction as large as the group",
                () -> CompositeOps.variance(m23, new int[] {0}, 2, false), "variance", "correction 2", "[2, 3]"));
        rows.add(illegalArgument("variance with a negative correction",
                () -> CompositeOps.variance(m23, null, -1, false), "variance", "correction -1"));
        rows.add(illegalArgument("mse of shapes that do not broadcast", () -> CompositeOps.mse(m23, leaf(2)), "sub",
                "[2, 3]", "[2]"));
        rows.add(illegalArgument("cross-entropy of logits and targets that do not broadcast",
                () -> CompositeOps.bceWithLogits(m23, leaf(4)), "mul", "[2, 3]", "[4]"));
        rows.add(illegalArgument("softmax over an axis out of range", () -> CompositeOps.softmax(m23, 2), "axis 2",
                "[2, 3]"));
    }

    private static void engine(List<BadInput> rows) {
        Var x = leaf(2, 3);
        Var y = x.mul(2.0);
        Var loss = x.square().sum();
        Var constant = Var.constant(Tensor.ones(DType.F64, Shape.of(2)));
        rows.add(illegalArgument("grad of no outputs", () -> Grad.grad(List.of(), List.of(x), null, false, true, false),
                "grad", "no outputs"));
        rows.add(illegalArgument("grad with respect to no inputs",
                () -> Grad.grad(List.of(loss), List.of(), null, false, true, false), "grad", "no inputs"));
        rows.add(illegalArgument("grad with respect to a null input",
                () -> Grad.grad(List.of(loss), Arrays.asList(x, null), null, false, true, false), "grad",
                "input 1 is null"));
        rows.add(illegalArgument("grad of a null output",
                () -> Grad.grad(Arrays.asList(loss, null), List.of(x), null, false, true, false), "grad",
                "output 1 is null"));
        rows.add(nullArgument("single grad of a null output", () -> Grad.grad(null, x, false), "output"));
        rows.add(nullArgument("single grad with respect to null", () -> Grad.grad(loss, null, false), "input"));
        rows.add(illegalArgument("grad of an output that needs no gradient",
                () -> Grad.grad(List.of(constant.mul(3.0).sum()), List.of(x), null, false, false, true), "output 0",
                "does not require a gradient"));
        rows.add(illegalArgument("backward of an output that needs no gradient",
                () -> constant.mul(3.0).sum().backward(), "does not require a gradient"));
        rows.add(illegalArgument("grad with respect to a constant",
                () -> Grad.grad(List.of(x.sum()), List.of(constant), null, false, true, true), "input 0",
                "does not require a gradient"));
        rows.add(illegalArgument("grad with respect to an input the output does not use",
                () -> Grad.grad(List.of(loss), List.of(x, leaf(3)), null, false, true, false), "input 1",
                "not part of the graph", "allowUnused"));
        rows.add(illegalArgument("grad of a non-scalar output without gradOutputs",
                () -> Grad.grad(List.of(y), List.of(x), null, false, true, false), "output 0", "[2, 3]",
                "gradOutputs"));
        rows.add(illegalArgument("backward of a non-scalar output", y::backward, "[2, 3]", "gradOutputs"));
        rows.add(illegalArgument("gradOutput of another shape",
                () -> Grad.grad(List.of(y), List.of(x), List.of(Var.constant(Tensor.ones(DType.F64, Shape.of(3, 2)))),
                        false, true, false), "gradOutput 0", "[3, 2]", "[2, 3]"));
        rows.add(illegalArgument("gradOutput of another dtype",
                () -> Grad.grad(List.of(y), List.of(x), List.of(Var.constant(Tensor.ones(DType.F32, Shape.of(2, 3)))),
                        false, true, false), "gradOutput 0", "F32", "F64"));
        rows.add(illegalArgument("fewer gradOutputs than outputs",
                () -> Grad.grad(List.of(y), List.of(x), List.of(), false, true, false), "0 gradOutputs", "1 outputs"));
        rows.add(illegalArgument("backward with a gradient of another shape",
                () -> y.backward(Tensor.ones(DType.F64, Shape.of(6)), true), "[6]", "[2, 3]"));
        rows.add(illegalArgument("setGrad of another shape", () -> x.setGrad(Tensor.zeros(DType.F64, Shape.of(3))),
                "setGrad", "[3]", "[2, 3]"));
        rows.add(illegalArgument("setGrad of another dtype", () -> x.setGrad(Tensor.zeros(DType.F32, Shape.of(2, 3))),
                "setGrad", "F32", "F64"));
        rows.add(nullArgument("treating a null class as library code", () -> Anomaly.treatAsLibrary(null),
                "libraryClass"));
    }

    private static void checks(List<BadInput> rows) {
        Tensor f32 = Tensor.ones(2);
        rows.add(illegalArgument("gradcheck of float32 inputs", () -> GradCheck.gradcheck(v -> v[0].sum(), f32),
                "gradcheck", "input 0", "F32", "F64"));
        rows.add(illegalArgument("gradgradcheck of float32 inputs",
                () -> GradCheck.gradgradcheck(v -> v[0].square().sum(), f32), "gradcheck", "F32"));
        rows.add(illegalArgument("gradcheck with step 0", () -> GradCheck.withTolerances(0, 1e-5, 1e-3), "gradcheck",
                "eps > 0", "0.0"));
        rows.add(illegalArgument("gradcheck with a NaN tolerance",
                () -> GradCheck.withTolerances(1e-6, Double.NaN, 1e-3), "gradcheck", "NaN"));
        rows.add(illegalArgument("gradcheck with a negative tolerance", () -> GradCheck.withTolerances(1e-6, 0, -1),
                "gradcheck", "-1.0"));
        rows.add(nullArgument("gradcheck of a null function",
                () -> GradCheck.gradcheck(null, Tensor.ones(DType.F64, Shape.of(2))), "fn"));
    }
}
