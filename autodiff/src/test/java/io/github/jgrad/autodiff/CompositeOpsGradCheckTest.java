package io.github.jgrad.autodiff;

import static io.github.jgrad.autodiff.Fixtures.dims;
import static io.github.jgrad.autodiff.Fixtures.normal;
import static io.github.jgrad.autodiff.Fixtures.size;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The composites (built from op-table primitives) pass gradcheck and gradgradcheck, and keep their values right. */
class CompositeOpsGradCheckTest {
    private static final long[] SEEDS = {5, 6, 7};
    private static final Map<String, OpTableGradCheckTest.CaseMaker> CASES = new LinkedHashMap<>();

    private static OpTableGradCheckTest.Case c(java.util.function.Function<Var[], Var> fn, Tensor... in) {
        return new OpTableGradCheckTest.Case(fn, in);
    }

    static {
        CASES.put("norm over all", r -> c(v -> CompositeOps.norm(v[0], null, false), normal(r, dims(r, 2, 2, 3))));
        CASES.put("norm over axis 1 (per sample)", r -> c(v -> CompositeOps.norm(v[0], new int[] {1}, false),
                normal(r, 3, 4)));
        CASES.put("norm over axes {1,2} keepDims", r -> c(v -> CompositeOps.norm(v[0], new int[] {1, 2}, true),
                normal(r, 2, 2, 3)));
        CASES.put("norm with eps 1e-3", r -> c(v -> CompositeOps.norm(v[0], new int[] {-1}, false, 1e-3),
                normal(r, 3, 3)));
        CASES.put("norm with eps at a zero row", r -> {
            Tensor x = normal(r, 3, 3);
            x.setInPlace(3, 0).setInPlace(4, 0).setInPlace(5, 0);
            return c(v -> CompositeOps.norm(v[0], new int[] {1}, false, 1e-2), x);
        });
        CASES.put("variance population, axis 0", r -> c(v -> CompositeOps.variance(v[0], new int[] {0}, 0, false),
                normal(r, 4, size(r, 1, 3))));
        CASES.put("variance sample, all, keepDims", r -> c(v -> CompositeOps.variance(v[0], null, 1, true),
                normal(r, dims(r, 2, 2, 3))));
        CASES.put("mse same shape", r -> {
            int[] d = dims(r, 2, 1, 3);
            return c(v -> CompositeOps.mse(v[0], v[1]), normal(r, d), normal(r, d));
        });
        CASES.put("mse broadcast (3,1) vs (1,4)", r -> c(v -> CompositeOps.mse(v[0], v[1]), normal(r, 3, 1),
                normal(r, 1, 4)));
        CASES.put("logSumExp all", r -> c(v -> CompositeOps.logSumExp(v[0], null, false), normal(r, dims(r, 2, 2, 3))));
        CASES.put("logSumExp axis 1 keepDims, large values", r -> c(v -> CompositeOps.logSumExp(v[0], new int[] {1}, true),
                normal(r, 3, 4).mul(20.0)));
        CASES.put("logSumExp axis 0", r -> c(v -> CompositeOps.logSumExp(v[0], new int[] {0}, false),
                normal(r, 3, 2)));
        CASES.put("bceWithLogits (grad wrt logits and targets)", r -> {
            int[] d = dims(r, 2, 1, 3);
            return c(v -> CompositeOps.bceWithLogits(v[0], v[1]), normal(r, d).mul(3.0),
                    r.uniform(DType.F64, Shape.of(d), 0, 1));
        });
        CASES.put("bceWithLogits, 0/1 targets", r -> {
            Tensor y = r.bernoulli(DType.F64, Shape.of(4, 1), 0.5);
            return c(v -> CompositeOps.bceWithLogits(v[0], Var.constant(y)), normal(r, 4, 1).mul(4.0));
        });
        CASES.put("softmax axis -1", r -> c(v -> CompositeOps.softmax(v[0], -1), normal(r, dims(r, 2, 2, 4))));
        CASES.put("softmax axis 0", r -> c(v -> CompositeOps.softmax(v[0], 0), normal(r, 3, 2)));
        CASES.put("logSoftmax axis 1", r -> c(v -> CompositeOps.logSoftmax(v[0], 1), normal(r, 2, 4)));
        CASES.put("logSoftmax of a 3-D tensor, axis 1", r -> c(v -> CompositeOps.logSoftmax(v[0], 1),
                normal(r, 2, 3, 2)));
    }

    @TestFactory
    Stream<DynamicTest> compositesPassGradcheckAndGradgradcheck() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Map.Entry<String, OpTableGradCheckTest.CaseMaker> e : CASES.entrySet()) {
            int i = tests.size();
            for (long seed : SEEDS) {
                tests.add(dynamicTest(e.getKey() + " (seed " + seed + ")", () -> {
                    OpTableGradCheckTest.Case c = e.getValue().make(new Rng(seed * 104729 + i));
                    GradCheck.gradcheck(c.fn(), c.inputs());
                    GradCheck.gradgradcheck(c.fn(), c.inputs());
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void valuesMatchDirectFormulas() {
        Tensor x = Tensor.of(new double[] {3, -4, 1, 2, 1000, 1001}, 3, 2);
        Var v = Var.constant(x);
        assertTrue(CompositeOps.norm(v, new int[] {1}, false).value()
                .allClose(Tensor.of(new double[] {5, Math.sqrt(5), Math.hypot(1000, 1001)}, 3), 1e-14, 0));
        assertEquals(Math.sqrt(25 + 0.5), CompositeOps.norm(v.slice(0, 0, 1), null, false, 0.5).item(), 1e-14);
        // large logits must not overflow: log(e^1000 + e^1001) = 1001 + log(1 + e^-1)
        Tensor lse = CompositeOps.logSumExp(v, new int[] {1}, false).value();
        assertEquals(1001 + Math.log1p(Math.exp(-1)), lse.get(2), 1e-12);
        Tensor sm = CompositeOps.softmax(v, 1).value();
        // exp(x - lse) at magnitude 1000 carries ~1e-13 absolute rounding from lse itself
        assertEquals(1.0, sm.get(2, 0) + sm.get(2, 1), 1e-12);
        assertEquals(1 / (1 + Math.E), sm.get(2, 0), 1e-12);
        // bce with huge logits stays finite: z = 800, y = 0 costs softplus(800) = 800
        double bce = CompositeOps.bceWithLogits(Var.constant(Tensor.of(new double[] {800}, 1)),
                Var.constant(Tensor.of(new double[] {0}, 1))).item();
        assertEquals(800, bce, 1e-9);
        assertEquals(x.variance(new int[] {0}, 1, false).get(1),
                CompositeOps.variance(v, new int[] {0}, 1, false).value().get(1), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> CompositeOps.variance(v, new int[] {0}, 3, false));
        assertThrows(IllegalArgumentException.class, () -> CompositeOps.norm(v, null, false, -1));
    }

    @Test
    void normWithoutEpsHasNonFiniteGradientAtZeroButTheEpsFormIsFinite() {
        Var x = Var.leaf(Tensor.zeros(DType.F64, Shape.of(3)));
        Var g = Grad.grad(CompositeOps.norm(x, null, false), x, false);
        assertTrue(Double.isNaN(g.value().get(0)), "0/0 at the origin: " + g.value());
        Var y = Var.leaf(Tensor.zeros(DType.F64, Shape.of(3)));
        Var gy = Grad.grad(CompositeOps.norm(y, null, false, 1e-12), y, true);
        assertEquals(0.0, gy.value().get(0));
        Var hess = Grad.grad(gy.sum(), y, false);
        for (int i = 0; i < 3; i++) {
            assertTrue(Double.isFinite(hess.value().get(i)), "second derivative at 0 must be finite with eps");
        }
    }
}
