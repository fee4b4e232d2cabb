package io.github.jgrad.autodiff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A backward pass without {@code createGraph} sums gradients in place and hands dead gradients'
 * memory back for reuse. Its gradients are the same bits as those of a pass that reuses nothing
 * ({@code createGraph}), and nothing that outlives the pass is ever reused: not the returned
 * gradients (of leaves and of an intermediate value), not a gradient passed in by the caller, not a
 * value of the forward graph. The graph passes gradients on unchanged ({@code a + a}), as views
 * (reshape), and meets at shared values, with tensors large enough (4096 elements and more) to be
 * reused.
 */
class GradientBuffersTest {

    @ParameterizedTest
    @EnumSource(DType.class)
    void reusedGradientsAreExactAndNothingLiveIsReused(DType dtype) {
        Rng rng = new Rng(7);
        Tensor x0 = rng.normal(dtype, Shape.of(64, 96), 0, 1);
        Tensor w0 = rng.normal(dtype, Shape.of(96, 64), 0, 0.2);
        Tensor seed0 = rng.normal(dtype, Shape.of(64, 64), 0, 1);

        Graph reference = new Graph(x0, w0);
        List<Var> expected = Grad.grad(List.of(reference.out), List.of(reference.x, reference.w, reference.h),
                List.of(Var.constant(seed0)), true, true, false);

        Graph g = new Graph(x0, w0);
        Tensor seed = seed0.copy();
        List<Tensor> forward = List.of(g.h.value().copy(), g.a.value().copy(), g.out.value().copy());
        List<Var> got = Grad.grad(List.of(g.out), List.of(g.x, g.w, g.h), List.of(Var.constant(seed)),
                false, false, false);
        List<Tensor> gotCopies = new ArrayList<>();
        for (int i = 0; i < got.size(); i++) {
            assertArrayEquals(expected.get(i).value().toDoubleArray(), got.get(i).value().toDoubleArray(),
                    "gradient " + i);
            gotCopies.add(got.get(i).value().copy());
        }

        // Anything wrongly handed back would now be overwritten by these allocations.
        List<Tensor> spree = new ArrayList<>();
        for (Shape s : List.of(Shape.of(64, 64), Shape.of(64, 96), Shape.of(96, 64))) {
            for (int k = 0; k < 8; k++) {
                spree.add(Tensor.zeros(dtype, s).fillInPlace(12345));
            }
        }
        assertEquals(24, spree.size());
        for (int i = 0; i < got.size(); i++) {
            assertArrayEquals(gotCopies.get(i).toDoubleArray(), got.get(i).value().toDoubleArray(), "result " + i);
        }
        assertArrayEquals(seed0.toDoubleArray(), seed.toDoubleArray(), "the caller's gradient");
        assertArrayEquals(forward.get(0).toDoubleArray(), g.h.value().toDoubleArray(), "forward h");
        assertArrayEquals(forward.get(1).toDoubleArray(), g.a.value().toDoubleArray(), "forward a");
        assertArrayEquals(forward.get(2).toDoubleArray(), g.out.value().toDoubleArray(), "forward out");
        assertArrayEquals(x0.toDoubleArray(), g.x.value().toDoubleArray(), "leaf x");
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void repeatedBackwardIntoLeavesIsExact(DType dtype) {
        Rng rng = new Rng(11);
        Tensor x0 = rng.normal(dtype, Shape.of(64, 96), 0, 1);
        Tensor w0 = rng.normal(dtype, Shape.of(96, 64), 0, 0.2);
        Graph reference = new Graph(x0, w0);
        List<Var> expected = Grad.grad(List.of(reference.out.sum()), List.of(reference.x, reference.w), null,
                true, true, false);
        Graph g = new Graph(x0, w0);
        g.out.sum().backward();
        Tensor firstW = g.w.grad().copy();
        for (int step = 0; step < 3; step++) {
            Graph again = new Graph(x0, w0);
            again.out.sum().backward();
            assertArrayEquals(expected.get(1).value().toDoubleArray(), again.w.grad().toDoubleArray(), "step " + step);
            assertArrayEquals(expected.get(0).value().toDoubleArray(), again.x.grad().toDoubleArray(), "step " + step);
        }
        assertArrayEquals(firstW.toDoubleArray(), g.w.grad().toDoubleArray(), "an earlier leaf gradient");
    }

    /** out = reshape(a + a) * h + tanh(h), with h = x @ w and a = relu(h): pass-through, a view, a shared value. */
    private static final class Graph {
        final Var x;
        final Var w;
        final Var h;
        final Var a;
        final Var out;

        Graph(Tensor x0, Tensor w0) {
            x = Var.leaf(x0.copy());
            w = Var.leaf(w0.copy());
            h = x.matmul(w);
            a = h.relu();
            Var doubled = a.add(a).reshape(64 * 64).reshape(64, 64);
            out = doubled.mul(h).add(h.tanh());
        }
    }
}
