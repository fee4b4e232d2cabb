package io.github.jgrad.nn;

import static io.github.jgrad.nn.LayerTestSupport.assertClose;
import static io.github.jgrad.nn.LayerTestSupport.f64;
import static io.github.jgrad.nn.LayerTestSupport.randn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.github.jgrad.autodiff.GradCheck;
import io.github.jgrad.autodiff.Var;
import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class SequentialTest {
    private static final double LN3 = Math.log(3);

    @Test
    void appliesTheLayersInOrder() {
        // h = W1 x + b1 = [ln 3, -ln 3]; tanh(h) = [0.8, -0.8]; W2 tanh(h) + b2 = 0.8 - 1.6 + 0.1.
        Linear first = new Linear(2, 2, true, DType.F64, new Rng(0));
        Linear last = new Linear(2, 1, true, DType.F64, new Rng(1));
        LayerTestSupport.set(first.weight(), 1, 0, 0, -1);
        LayerTestSupport.set(first.bias(), 0, -LN3);
        LayerTestSupport.set(last.weight(), 1, 2);
        LayerTestSupport.set(last.bias(), 0.1);
        Sequential seq = new Sequential(first, new Tanh(), last);
        assertClose(new double[] {-0.7}, seq.forward(Var.constant(f64(new double[] {LN3, 0}, 1, 2))).value(), 1e-12);
        assertEquals(3, seq.layers().size());
        assertSame(first, seq.children().get("0"));
    }

    @Test
    void anEmptySequenceIsTheIdentity() {
        Var x = Var.constant(randn(0, 2));
        assertSame(x, new Sequential().forward(x));
    }

    @Test
    void derivativesReachEveryNestedParameter() {
        Rng rng = new Rng(2);
        Sequential seq = new Sequential(new Linear(3, 4, true, DType.F64, rng), new ELU(),
                new Sequential(new Linear(4, 2, true, DType.F64, rng), new Tanh()));
        Tensor x = randn(3, 2, 3);
        GradCheck.gradcheck(v -> seq.forward(v[0]), x);
        GradCheck.gradgradcheck(v -> seq.forward(v[0]), x);
        ModuleGradCheck.checkModule(seq, x);
        assertEquals(List.of("0.weight", "0.bias", "2.0.weight", "2.0.bias"),
                List.copyOf(seq.namedParameters().keySet()));
    }
}
