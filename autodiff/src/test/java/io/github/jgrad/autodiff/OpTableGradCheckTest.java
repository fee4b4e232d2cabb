package io.github.jgrad.autodiff;

import static io.github.jgrad.autodiff.Fixtures.awayFrom;
import static io.github.jgrad.autodiff.Fixtures.awayFromZero;
import static io.github.jgrad.autodiff.Fixtures.broadcastableTo;
import static io.github.jgrad.autodiff.Fixtures.dims;
import static io.github.jgrad.autodiff.Fixtures.distinct;
import static io.github.jgrad.autodiff.Fixtures.normal;
import static io.github.jgrad.autodiff.Fixtures.positive;
import static io.github.jgrad.autodiff.Fixtures.size;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.github.jgrad.tensor.ConvGeometry;
import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every entry of the op table passes gradcheck and gradgradcheck on random small float64 inputs,
 * with broadcasting, scalar operands and several seeds (so shapes differ per seed). Adding an
 * {@link Op} without a case here fails {@link #everyOpHasAtLeastOneCase()}.
 */
class OpTableGradCheckTest {
    /** A function of the inputs and the float64 point at which to check it. */
    record Case(Function<Var[], Var> fn, Tensor... inputs) {
    }

    /** Draws a case (shapes and values) from a seeded generator. */
    @FunctionalInterface
    interface CaseMaker {
        Case make(Rng rng);
    }

    private static final long[] SEEDS = {11, 23, 37};
    private static final Map<Op, Map<String, CaseMaker>> TABLE = new EnumMap<>(Op.class);

    private static void put(Op op, String name, CaseMaker maker) {
        TABLE.computeIfAbsent(op, k -> new LinkedHashMap<>()).put(name, maker);
    }

    private static Case c(Function<Var[], Var> fn, Tensor... inputs) {
        return new Case(fn, inputs);
    }

    /** Two operand shapes that broadcast together, drawn at random (rank up to 3). */
    private static int[][] broadcastPair(Rng rng) {
        int[] out = dims(rng, size(rng, 1, 3), 2, 3);
        int[] a = broadcastableTo(rng, out);
        int[] b = broadcastableTo(rng, out);
        // make sure at least one operand has the full shape, so the output is `out`
        if (rng.nextDouble() < 0.5) {
            a = out;
        } else {
            b = out;
        }
        return new int[][] {a, b};
    }

    static {
        // ------------------------------------------------------------- binary, with broadcasting
        put(Op.ADD, "same shape", r -> {
            int[] d = dims(r, 2, 1, 3);
            return c(v -> v[0].add(v[1]), normal(r, d), normal(r, d));
        });
        put(Op.ADD, "(3,1)+(1,4)", r -> c(v -> v[0].add(v[1]), normal(r, 3, 1), normal(r, 1, 4)));
        put(Op.ADD, "(2,3,4)+(4)", r -> c(v -> v[0].add(v[1]), normal(r, 2, 3, 4), normal(r, 4)));
        put(Op.ADD, "scalar+(2,3)", r -> c(v -> v[0].add(v[1]), normal(r), normal(r, 2, 3)));
        put(Op.ADD, "random broadcast", r -> {
            int[][] s = broadcastPair(r);
            return c(v -> v[0].add(v[1]), normal(r, s[0]), normal(r, s[1]));
        });
        put(Op.ADD, "x+constant", r -> c(v -> v[0].add(1.5), normal(r, 2, 3)));

        put(Op.SUB, "(3,1)-(1,4)", r -> c(v -> v[0].sub(v[1]), normal(r, 3, 1), normal(r, 1, 4)));
        put(Op.SUB, "scalar-(2,3)", r -> c(v -> v[0].sub(v[1]), normal(r), normal(r, 2, 3)));
        put(Op.SUB, "random broadcast", r -> {
            int[][] s = broadcastPair(r);
            return c(v -> v[0].sub(v[1]), normal(r, s[0]), normal(r, s[1]));
        });

        put(Op.MUL, "(2,3,4)*(4)", r -> c(v -> v[0].mul(v[1]), normal(r, 2, 3, 4), normal(r, 4)));
        put(Op.MUL, "(3,1)*(1,4)", r -> c(v -> v[0].mul(v[1]), normal(r, 3, 1), normal(r, 1, 4)));
        put(Op.MUL, "scalar*(3,2)", r -> c(v -> v[0].mul(v[1]), normal(r), normal(r, 3, 2)));
        put(Op.MUL, "x*x (shared operand)", r -> c(v -> v[0].mul(v[0]), normal(r, dims(r, 2, 1, 3))));
        put(Op.MUL, "random broadcast", r -> {
            int[][] s = broadcastPair(r);
            return c(v -> v[0].mul(v[1]), normal(r, s[0]), normal(r, s[1]));
        });

        put(Op.DIV, "(3,1)/(1,4)", r -> c(v -> v[0].div(v[1]), normal(r, 3, 1), positive(r, 1, 4)));
        put(Op.DIV, "scalar/(2,3)", r -> c(v -> v[0].div(v[1]), normal(r), positive(r, 2, 3)));
        put(Op.DIV, "(2,3)/scalar", r -> c(v -> v[0].div(v[1]), normal(r, 2, 3), positive(r)));
        put(Op.DIV, "random broadcast", r -> {
            int[][] s = broadcastPair(r);
            return c(v -> v[0].div(v[1]), normal(r, s[0]), awayFromZero(r, 0.5, s[1]));
        });

        put(Op.NEG, "neg", r -> c(v -> v[0].neg(), normal(r, dims(r, 2, 1, 3))));

        for (double p : new double[] {0, 1, 2, 3, 0.5, -1.5, 2.5}) {
            put(Op.POW_SCALAR, "p=" + p, r -> c(v -> v[0].pow(p), positive(r, dims(r, 2, 1, 3))));
        }
        put(Op.POW_SCALAR, "square() of signed", r -> c(v -> v[0].square(), normal(r, 2, 3)));
        put(Op.POW_SCALAR, "cube of signed", r -> c(v -> v[0].pow(3), normal(r, 2, 3)));

        put(Op.POW, "(3,1)^(1,4)", r -> c(v -> v[0].pow(v[1]), positive(r, 3, 1), normal(r, 1, 4)));
        put(Op.POW, "same shape", r -> {
            int[] d = dims(r, 2, 1, 3);
            return c(v -> v[0].pow(v[1]), positive(r, d), normal(r, d));
        });
        put(Op.POW, "(2,3)^scalar", r -> c(v -> v[0].pow(v[1]), positive(r, 2, 3), normal(r)));

        // ------------------------------------------------------------- unary
        put(Op.EXP, "exp", r -> c(v -> v[0].exp(), normal(r, dims(r, 2, 1, 3))));
        put(Op.LOG, "log", r -> c(v -> v[0].log(), positive(r, dims(r, 2, 1, 3))));
        put(Op.SQRT, "sqrt", r -> c(v -> v[0].sqrt(), positive(r, dims(r, 2, 1, 3))));
        put(Op.ABS, "abs", r -> c(v -> v[0].abs(), awayFromZero(r, 0.1, dims(r, 2, 2, 3))));
        put(Op.RELU, "relu", r -> c(v -> v[0].relu(), awayFromZero(r, 0.1, dims(r, 2, 2, 3))));
        put(Op.RELU, "relu then square", r -> c(v -> v[0].relu().square(), awayFromZero(r, 0.1, 3, 3)));
        put(Op.LEAKY_RELU, "slope 0.2", r -> c(v -> v[0].leakyRelu(0.2), awayFromZero(r, 0.1, dims(r, 2, 2, 3))));
        put(Op.LEAKY_RELU, "slope 0.01 then tanh", r -> c(v -> v[0].leakyRelu(0.01).tanh(),
                awayFromZero(r, 0.1, 3, 3)));
        // the fused (leaky) ReLU backward, as a function of the incoming gradient (x held constant)
        for (double slope : new double[] {0.0, 0.2}) {
            put(Op.LEAKY_RELU_BACKWARD, "direct, slope " + slope, r -> {
                int[] d = dims(r, 2, 2, 3);
                Tensor x = awayFromZero(r, 0.1, d);
                return c(v -> ElementwiseOps.leakyReluBackward(v[0], x, slope), normal(r, d));
            });
            put(Op.LEAKY_RELU_BACKWARD, "input gradient of a 2-layer net, slope " + slope,
                    r -> inputGradientOfTwoLayerNet(r, slope));
        }
        put(Op.TANH, "tanh", r -> c(v -> v[0].tanh(), normal(r, dims(r, 2, 1, 3))));
        put(Op.SIGMOID, "sigmoid", r -> c(v -> v[0].sigmoid(), normal(r, dims(r, 2, 1, 3))));
        put(Op.SOFTPLUS, "softplus", r -> c(v -> v[0].softplus(), normal(r, dims(r, 2, 1, 3)).mul(3.0)));
        put(Op.CLAMP, "clamp [-0.5, 0.7]", r -> c(v -> v[0].clamp(-0.5, 0.7),
                awayFrom(r, 0.05, new double[] {-0.5, 0.7}, dims(r, 2, 2, 4))));
        put(Op.CLAMP, "clamp then square", r -> c(v -> v[0].clamp(-1, 1).square(),
                awayFrom(r, 0.05, new double[] {-1, 1}, 3, 4)));

        put(Op.MAXIMUM, "(3,1) vs (1,4)", r -> separated(r, v -> v[0].maximum(v[1]), new int[] {3, 1}, new int[] {1, 4}));
        put(Op.MAXIMUM, "same shape", r -> separated(r, v -> v[0].maximum(v[1]), new int[] {2, 3}, new int[] {2, 3}));
        put(Op.MAXIMUM, "vs scalar", r -> separated(r, v -> v[0].maximum(v[1]), new int[] {2, 3}, new int[0]));
        put(Op.MINIMUM, "(3,1) vs (1,4)", r -> separated(r, v -> v[0].minimum(v[1]), new int[] {3, 1}, new int[] {1, 4}));
        put(Op.MINIMUM, "same shape", r -> separated(r, v -> v[0].minimum(v[1]), new int[] {2, 3}, new int[] {2, 3}));

        put(Op.WHERE, "cond (3,4), a (3,1), b (1,4)", r -> {
            Tensor cond = r.bernoulli(DType.F64, Shape.of(3, 4), 0.5);
            return c(v -> ElementwiseOps.where(cond, v[0], v[1]), normal(r, 3, 1), normal(r, 1, 4));
        });
        put(Op.WHERE, "float32 cond, same shapes, nonlinear branches", r -> {
            int[] d = dims(r, 2, 2, 3);
            Tensor cond = r.bernoulli(DType.F32, Shape.of(d), 0.5);
            return c(v -> ElementwiseOps.where(cond, v[0].tanh(), v[1].square()), normal(r, d), normal(r, d));
        });

        // ------------------------------------------------------------- reductions
        put(Op.SUM, "all", r -> c(v -> v[0].sum(), normal(r, dims(r, 3, 1, 3))));
        put(Op.SUM, "axis 0", r -> c(v -> v[0].sum(new int[] {0}, false), normal(r, dims(r, 3, 2, 3))));
        put(Op.SUM, "axis -1 keepDims", r -> c(v -> v[0].sum(new int[] {-1}, true), normal(r, dims(r, 2, 2, 4))));
        put(Op.SUM, "axes {0,2} of a cube, squared", r -> c(v -> v[0].sum(new int[] {0, 2}, false).square(),
                normal(r, dims(r, 3, 2, 3))));
        put(Op.MEAN, "all", r -> c(v -> v[0].mean(), normal(r, dims(r, 3, 1, 3))));
        put(Op.MEAN, "axis 1 keepDims", r -> c(v -> v[0].mean(new int[] {1}, true), normal(r, dims(r, 3, 2, 3))));
        put(Op.MEAN, "axes {0,2}, cubed", r -> c(v -> v[0].mean(new int[] {0, 2}, false).pow(3),
                normal(r, dims(r, 3, 2, 3))));
        put(Op.MAX, "all", r -> c(v -> v[0].max(), distinct(r, dims(r, 2, 2, 4))));
        put(Op.MAX, "axis 1", r -> c(v -> v[0].max(new int[] {1}, false), distinct(r, dims(r, 3, 2, 3))));
        put(Op.MAX, "axes {0,2} keepDims, squared", r -> c(v -> v[0].max(new int[] {0, 2}, true).square(),
                distinct(r, dims(r, 3, 2, 3))));
        put(Op.MIN, "all", r -> c(v -> ReductionOps.min(v[0], null, false), distinct(r, dims(r, 2, 2, 4))));
        put(Op.MIN, "axis -1 keepDims", r -> c(v -> v[0].min(new int[] {-1}, true), distinct(r, dims(r, 3, 2, 3))));

        // ------------------------------------------------------------- shape
        put(Op.RESHAPE, "(2,3,4) -> (6,-1)", r -> c(v -> v[0].reshape(6, -1), normal(r, 2, 3, 4)));
        put(Op.RESHAPE, "flatten to 1-D", r -> c(v -> v[0].reshape(-1), normal(r, dims(r, 3, 2, 3))));
        put(Op.RESHAPE, "unsqueeze/squeeze/flatten", r -> c(v -> v[0].unsqueeze(1).flatten(0, 1).mul(v[0].squeeze(0)
                .unsqueeze(0)), normal(r, 1, 3)));
        put(Op.RESHAPE, "scalar -> (1,1), tanh", r -> c(v -> v[0].reshape(1, 1).tanh(), normal(r)));
        put(Op.PERMUTE, "(2,3,4) -> (2,0,1)", r -> c(v -> v[0].permute(2, 0, 1), normal(r, 2, 3, 4)));
        put(Op.PERMUTE, "negative axes", r -> c(v -> v[0].permute(-1, 0, 1), normal(r, dims(r, 3, 2, 3))));
        put(Op.PERMUTE, "transpose 2-D then mul", r -> c(v -> v[0].transpose(0, 1).mul(v[1]), normal(r, 3, 2),
                normal(r, 2, 3)));
        put(Op.EXPAND, "(3,1) -> (2,3,4)", r -> c(v -> v[0].expand(Shape.of(2, 3, 4)), normal(r, 3, 1)));
        put(Op.EXPAND, "scalar -> (2,3)", r -> c(v -> v[0].expand(Shape.of(2, 3)), normal(r)));
        put(Op.EXPAND, "(4) -> (3,4), squared", r -> c(v -> v[0].expand(Shape.of(3, 4)).square(), normal(r, 4)));
        put(Op.SUM_TO_SHAPE, "(2,3,4) -> (3,1)", r -> c(v -> v[0].sumToShape(Shape.of(3, 1)), normal(r, 2, 3, 4)));
        put(Op.SUM_TO_SHAPE, "(3,4) -> (4)", r -> c(v -> v[0].sumToShape(Shape.of(4)), normal(r, 3, 4)));
        put(Op.SUM_TO_SHAPE, "(2,3) -> scalar, tanh", r -> c(v -> v[0].sumToShape(Shape.scalar()).tanh(),
                normal(r, 2, 3)));
        put(Op.SLICE, "random axis and range", r -> {
            int[] d = dims(r, 3, 2, 4);
            int axis = r.nextInt(3);
            int start = r.nextInt(d[axis]);
            int end = start + 1 + r.nextInt(d[axis] - start);
            return c(v -> v[0].slice(axis, start, end), normal(r, d));
        });
        put(Op.SLICE, "negative axis, squared", r -> c(v -> v[0].slice(-1, 1, 3).square(), normal(r, 2, 4)));
        put(Op.PAD, "random widths, value 0.5", r -> {
            int[] d = dims(r, 2, 1, 3);
            int[] before = {r.nextInt(3), r.nextInt(3)};
            int[] after = {r.nextInt(3), 1 + r.nextInt(2)};
            return c(v -> v[0].pad(before, after, 0.5), normal(r, d));
        });
        put(Op.PAD, "3-D, one axis, then tanh", r -> c(v -> v[0].pad(new int[] {0, 1, 0}, new int[] {0, 0, 2}, 0.0)
                .tanh(), normal(r, 2, 2, 2)));
        put(Op.CONCAT, "two parts, axis 0", r -> c(v -> ShapeOps.concat(0, v[0], v[1]), normal(r, 2, 3),
                normal(r, 1, 3)));
        put(Op.CONCAT, "three parts, axis -1, one repeated", r -> c(v -> ShapeOps.concat(-1, v[0], v[1], v[0]),
                normal(r, 2, 2), normal(r, 2, 3)));
        put(Op.CONCAT, "stack on a new axis, squared", r -> c(v -> ShapeOps.stack(1, v[0], v[1]).square(),
                normal(r, 2, 3), normal(r, 2, 3)));

        // ------------------------------------------------------------- linear algebra
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                String t = (ta ? "A^T" : "A") + (tb ? "B^T" : "B");
                put(Op.MATMUL, "2-D " + t, r -> matmulCase(r, ta, tb, false, false));
                put(Op.MATMUL, "3-D batched " + t, r -> matmulCase(r, ta, tb, true, true));
                put(Op.MATMUL, "3-D x 2-D " + t, r -> matmulCase(r, ta, tb, true, false));
                put(Op.MATMUL, "2-D x 3-D " + t, r -> matmulCase(r, ta, tb, false, true));
            }
        }
        put(Op.MATMUL, "tanh(X W) with shared weights", r -> c(v -> v[0].matmul(v[1]).tanh(), normal(r, 2, 3, 2),
                normal(r, 2, 3)));

        put(Op.IM2COL, "k2 s1 p0 d1", r -> im2colCase(r, new ConvGeometry(2, 3, 4, 2, 2, 1, 1, 0, 0, 1, 1), 2));
        put(Op.IM2COL, "k3 s2 p1 d1", r -> im2colCase(r, ConvGeometry.square(1, 5, 5, 3, 2, 1, 1), 1));
        put(Op.IM2COL, "k2 s1 p1 d2", r -> im2colCase(r, ConvGeometry.square(2, 4, 4, 2, 1, 1, 2), 1));
        put(Op.IM2COL, "rect k2x3 s(2,1) p(1,0) d(1,2)", r -> im2colCase(r,
                new ConvGeometry(1, 4, 6, 2, 3, 2, 1, 1, 0, 1, 2), 2));
        put(Op.COL2IM, "k2 s1 p0 d1", r -> col2imCase(r, new ConvGeometry(2, 3, 4, 2, 2, 1, 1, 0, 0, 1, 1), 2));
        put(Op.COL2IM, "k3 s2 p1 d1", r -> col2imCase(r, ConvGeometry.square(1, 5, 5, 3, 2, 1, 1), 1));
        put(Op.COL2IM, "k2 s1 p1 d2", r -> col2imCase(r, ConvGeometry.square(2, 4, 4, 2, 1, 1, 2), 1));
        put(Op.COL2IM, "rect k2x3 s(2,1) p(1,0) d(1,2)", r -> col2imCase(r,
                new ConvGeometry(1, 4, 6, 2, 3, 2, 1, 1, 0, 1, 2), 2));
        put(Op.LINEAR, "3 x 4 -> 2", r -> c(v -> LinalgOps.linear(v[0], v[1], v[2]),
                normal(r, 3, 4), normal(r, 2, 4), normal(r, 2)));
        put(Op.LINEAR, "1 x 1 -> 3", r -> c(v -> LinalgOps.linear(v[0], v[1], v[2]),
                normal(r, 1, 1), normal(r, 3, 1), normal(r, 3)));
        ConvGeometry[] convs = {
            new ConvGeometry(2, 3, 4, 2, 2, 1, 1, 0, 0, 1, 1),
            ConvGeometry.square(1, 5, 5, 3, 2, 1, 1),
            ConvGeometry.square(2, 4, 4, 2, 1, 1, 2),
            new ConvGeometry(1, 4, 6, 2, 3, 2, 1, 1, 0, 1, 2)};
        String[] names = {"k2 s1 p0 d1", "k3 s2 p1 d1", "k2 s1 p1 d2", "rect k2x3 s(2,1) p(1,0) d(1,2)"};
        for (int i = 0; i < convs.length; i++) {
            ConvGeometry g = convs[i];
            int n = 1 + i % 2;
            put(Op.CONV2D, names[i], r -> c(v -> LinalgOps.conv2d(v[0], v[1], g),
                    normal(r, n, g.channels(), g.height(), g.width()), normal(r, 2, g.channels(), g.kernelH(), g.kernelW())));
            put(Op.CONV2D, names[i] + " with bias", r -> c(v -> LinalgOps.conv2d(v[0], v[1], v[2], g),
                    normal(r, n, g.channels(), g.height(), g.width()), normal(r, 2, g.channels(), g.kernelH(), g.kernelW()),
                    normal(r, 2)));
            put(Op.CONV_TRANSPOSE2D, names[i], r -> c(v -> LinalgOps.convTranspose2d(v[0], v[1], g),
                    normal(r, n, 2, g.outH(), g.outW()), normal(r, 2, g.channels(), g.kernelH(), g.kernelW())));
            put(Op.CONV2D_WEIGHT_GRAD, names[i], r -> c(v -> LinalgOps.conv2dWeightGrad(v[0], v[1], g),
                    normal(r, n, g.channels(), g.height(), g.width()), normal(r, n, 2, g.outH(), g.outW())));
        }
    }

    /** Operands of maximum/minimum at least 0.05 apart everywhere they meet (no ties, no flips). */
    private static Case separated(Rng r, Function<Var[], Var> fn, int[] da, int[] db) {
        while (true) {
            Tensor a = normal(r, da);
            Tensor b = normal(r, db);
            if (a.sub(b).abs().min().item() >= 0.05) {
                return c(fn, a, b);
            }
        }
    }

    /**
     * {@code (x, W1, W2) -> d/dx sum(act(x W1) W2)} with createGraph, as in a gradient penalty:
     * the gradient reaching the activation depends on W2, so its backward is recorded. Inputs are
     * redrawn until every pre-activation is at least 0.05 from the kink.
     */
    private static Case inputGradientOfTwoLayerNet(Rng r, double slope) {
        while (true) {
            Tensor x = normal(r, 2, 3);
            Tensor w1 = normal(r, 3, 4);
            Tensor w2 = normal(r, 4, 1);
            if (x.matmul(w1).abs().min().item() >= 0.05) {
                return c(v -> {
                    Var h = v[0].matmul(v[1]);
                    Var a = slope == 0 ? h.relu() : h.leakyRelu(slope);
                    return Grad.grad(List.of(a.matmul(v[2]).sum()), List.of(v[0]), null, true, true, false).get(0);
                }, x, w1, w2);
            }
        }
    }

    private static Case matmulCase(Rng r, boolean ta, boolean tb, boolean batchA, boolean batchB) {
        int m = size(r, 1, 3);
        int k = size(r, 1, 3);
        int n = size(r, 1, 3);
        int batch = 2;
        int[] a = ta ? new int[] {k, m} : new int[] {m, k};
        int[] b = tb ? new int[] {n, k} : new int[] {k, n};
        if (batchA) {
            a = new int[] {batch, a[0], a[1]};
        }
        if (batchB) {
            b = new int[] {batch, b[0], b[1]};
        }
        return c(v -> v[0].matmul(v[1], ta, tb), normal(r, a), normal(r, b));
    }

    private static Case im2colCase(Rng r, ConvGeometry g, int n) {
        return c(v -> LinalgOps.im2col(v[0], g), normal(r, n, g.channels(), g.height(), g.width()));
    }

    private static Case col2imCase(Rng r, ConvGeometry g, int n) {
        return c(v -> LinalgOps.col2im(v[0], g), normal(r, g.patchSize(), n * g.outH() * g.outW()));
    }

    @Test
    void linearOfABatchOfMatricesIsTheBatchedProductPlusTheBiasAndDifferentiates() {
        Rng r = new Rng(5);
        Tensor x = normal(r, 2, 3, 4);
        Tensor w = normal(r, 2, 4);
        Tensor b = normal(r, 2);
        Var[] v = Fixtures.leaves(new Tensor[] {x, w, b});
        Tensor expected = x.matmul(w, false, true).add(b);
        assertArrayEquals(expected.toDoubleArray(), LinalgOps.linear(v[0], v[1], v[2]).value().toDoubleArray(), 1e-12);
        GradCheck.gradcheck(a -> LinalgOps.linear(a[0], a[1], a[2]), x, w, b);
        GradCheck.gradgradcheck(a -> LinalgOps.linear(a[0], a[1], a[2]), x, w, b);
    }

    @Test
    void everyOpHasAtLeastOneCase() {
        Set<Op> missing = EnumSet.allOf(Op.class);
        missing.removeAll(TABLE.keySet());
        assertTrue(missing.isEmpty(), "ops without a gradcheck case: " + missing);
        for (Map.Entry<Op, Map<String, CaseMaker>> e : TABLE.entrySet()) {
            assertTrue(!e.getValue().isEmpty(), "no case for " + e.getKey());
        }
    }

    @Test
    void matmulIsCheckedForAllTransposeCombinationsAndBatchLayouts() {
        Set<String> names = TABLE.get(Op.MATMUL).keySet();
        for (String layout : List.of("2-D ", "3-D batched ", "3-D x 2-D ", "2-D x 3-D ")) {
            for (String t : List.of("AB", "AB^T", "A^TB", "A^TB^T")) {
                assertTrue(names.contains(layout + t), "missing matmul case " + layout + t);
            }
        }
    }

    @Test
    void powZeroHasZeroGradientEvenAtZero() {
        // x^0 = 1 everywhere: its derivative is 0, not 0 * x^-1 (NaN at x = 0)
        Var x = Var.leaf(Tensor.of(new double[] {0.0, -2.0, 3.0}, 3));
        Var g = Grad.grad(x.pow(0).sum(), x, false);
        assertEquals(Shape.of(3), g.shape());
        for (int i = 0; i < 3; i++) {
            assertEquals(0.0, g.value().get(i), "element " + i);
        }
        x.pow(0).mul(x).sum().backward();
        assertEquals(1.0, x.grad().get(0));
    }

    @TestFactory
    Stream<DynamicTest> everyCaseRecordsItsOpAndPassesGradcheckAndGradgradcheck() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<Op, Map<String, CaseMaker>> byOp : TABLE.entrySet()) {
            Op op = byOp.getKey();
            int idx = 0;
            for (Map.Entry<String, CaseMaker> named : byOp.getValue().entrySet()) {
                int caseIndex = idx++;
                for (long seed : SEEDS) {
                    String name = op.label() + ": " + named.getKey() + " (seed " + seed + ")";
                    tests.add(dynamicTest(name, () -> {
                        Case c = named.getValue().make(new Rng(seed * 7919 + op.ordinal() * 131 + caseIndex));
                        assertRecords(op, c);
                        GradCheck.gradcheck(c.fn(), c.inputs());
                        GradCheck.gradgradcheck(c.fn(), c.inputs());
                    }));
                }
            }
        }
        return tests.stream();
    }

    private static void assertRecords(Op op, Case c) {
        Var out = c.fn().apply(Fixtures.leaves(c.inputs()));
        assertTrue(out.requiresGrad(), "output of the " + op.label() + " case takes no gradient");
        Set<Op> seen = Fixtures.opsIn(out);
        assertTrue(seen.contains(op), "case for " + op.label() + " never records it; graph has " + seen
                + ", input shapes " + Arrays.toString(Arrays.stream(c.inputs()).map(Tensor::shape).toArray()));
    }
}
