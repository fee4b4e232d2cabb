package io.github.jgrad.nn;

import static io.github.jgrad.nn.LayerTestSupport.randn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jgrad.autodiff.Var;
import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModuleTest {

    /** A critic that registers its layers as a Sequential named {@code critic}, plus a normaliser. */
    static final class Critic extends Module {
        final Sequential critic;
        final BatchNorm1d norm;

        Critic(long seed) {
            Rng rng = new Rng(seed);
            critic = registerModule("critic", new Sequential(new Linear(2, 4, true, DType.F64, rng),
                    new LeakyReLU(0.2), new Dropout(0.5, rng), new Linear(4, 3, true, DType.F64, rng)));
            norm = registerModule("norm", new BatchNorm1d(3, 1e-5, 0.1, true, DType.F64));
        }

        @Override
        public Var forward(Var x) {
            return norm.forward(critic.forward(x));
        }
    }

    private static Map<String, double[]> snapshot(Module m) {
        Map<String, double[]> out = new LinkedHashMap<>();
        m.stateDict().forEach((k, v) -> out.put(k, v.toDoubleArray()));
        return out;
    }

    private static void assertSameState(Map<String, double[]> expected, Module m) {
        Map<String, double[]> actual = snapshot(m);
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((k, v) -> assertTrue(java.util.Arrays.equals(v, actual.get(k)), "value of " + k + " changed"));
    }

    @Test
    void namesNestWithDotsAsInAPyTorchStateDict() {
        Critic c = new Critic(1);
        assertEquals(List.of("critic.0.weight", "critic.0.bias", "critic.3.weight", "critic.3.bias", "norm.weight",
                "norm.bias"), List.copyOf(c.namedParameters().keySet()));
        assertEquals(List.of("norm.running_mean", "norm.running_var", "norm.num_batches_tracked"),
                List.copyOf(c.namedBuffers().keySet()));
        assertEquals(9, c.stateDict().size());
        Sequential seq = new Sequential(new Linear(2, 3, new Rng(0)), new ReLU(), new Linear(3, 1, new Rng(1)));
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), List.copyOf(seq.namedParameters().keySet()));
        assertEquals(List.of(seq.namedParameters().values().toArray()), seq.parameters());
        assertEquals(4, seq.modules().size());
    }

    @Test
    void stateDictRoundTripMakesTwoModulesComputeTheSame() {
        Critic a = new Critic(1);
        Critic b = new Critic(2);
        a.forward(Var.constant(randn(5, 4, 2))); // moves a's running statistics away from the defaults
        a.eval();
        b.eval();
        Var x = Var.constant(randn(6, 3, 2));
        assertFalse(a.forward(x).value().allClose(b.forward(x).value()));
        b.loadStateDict(a.stateDict(), true);
        assertTrue(a.forward(x).value().allClose(b.forward(x).value(), 0, 0));
        assertSameState(snapshot(a), b);
    }

    @Test
    void stateDictHoldsCopies() {
        Critic a = new Critic(1);
        Map<String, Tensor> state = a.stateDict();
        double before = a.critic.layers().get(0).parameters().get(0).value().getDouble(0);
        state.get("critic.0.weight").fillInPlace(42);
        state.get("norm.running_mean").fillInPlace(42);
        assertEquals(before, a.critic.layers().get(0).parameters().get(0).value().getDouble(0));
        assertEquals(0.0, a.norm.runningMean().getDouble(0));
    }

    @Test
    void strictLoadNamesMissingAndUnexpectedKeysAndChangesNothing() {
        Critic a = new Critic(1);
        Critic b = new Critic(2);
        Map<String, double[]> before = snapshot(b);
        Map<String, Tensor> state = a.stateDict();
        state.remove("critic.3.bias");
        state.remove("norm.running_var");
        state.put("critic.4.weight", Tensor.zeros(DType.F64, Shape.of(1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.loadStateDict(state, true));
        assertTrue(e.getMessage().contains("critic.3.bias") && e.getMessage().contains("norm.running_var")
                && e.getMessage().contains("critic.4.weight"), e.getMessage());
        assertSameState(before, b);
        // Non-strict: everything present is loaded, the rest is left as it was.
        b.loadStateDict(state, false);
        assertTrue(b.stateDict().get("critic.0.weight").allClose(a.stateDict().get("critic.0.weight"), 0, 0));
        assertTrue(java.util.Arrays.equals(before.get("critic.3.bias"), b.stateDict().get("critic.3.bias")
                .toDoubleArray()));
    }

    @Test
    void wrongShapeOrDtypeNamesTheKeyAndLeavesTheModuleUnchanged() {
        Critic a = new Critic(1);
        Critic b = new Critic(2);
        Map<String, double[]> before = snapshot(b);
        // The bad entry comes after good ones, so a loader that writes as it checks would have changed b.
        Map<String, Tensor> shape = a.stateDict();
        shape.put("norm.weight", Tensor.zeros(DType.F64, Shape.of(4)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.loadStateDict(shape, true));
        assertTrue(e.getMessage().contains("norm.weight") && e.getMessage().contains("[4]")
                && e.getMessage().contains("[3]"), e.getMessage());
        assertSameState(before, b);
        Map<String, Tensor> dtype = a.stateDict();
        dtype.put("norm.running_mean", dtype.get("norm.running_mean").to(DType.F32));
        IllegalArgumentException d = assertThrows(IllegalArgumentException.class, () -> b.loadStateDict(dtype, false));
        assertTrue(d.getMessage().contains("norm.running_mean") && d.getMessage().contains("F32"), d.getMessage());
        assertSameState(before, b);
    }

    @Test
    void trainAndEvalReachEveryNestedModuleAndChangeBehaviour() {
        Critic c = new Critic(3);
        assertTrue(c.modules().stream().allMatch(Module::isTraining));
        assertSame(c, c.eval());
        assertTrue(c.modules().stream().noneMatch(Module::isTraining));
        // In evaluation mode dropout is the identity and batch norm leaves its statistics alone.
        Var x = Var.constant(randn(7, 4, 2));
        Tensor first = c.forward(x).value();
        assertTrue(first.allClose(c.forward(x).value(), 0, 0));
        assertEquals(0, c.norm.numBatchesTracked());
        c.train();
        assertTrue(c.modules().stream().allMatch(Module::isTraining));
        c.forward(x);
        assertEquals(1, c.norm.numBatchesTracked());
    }

    @Test
    void zeroGradClearsEveryParameter() {
        Critic c = new Critic(4);
        c.forward(Var.constant(randn(8, 4, 2))).square().sum().backward();
        assertTrue(c.parameters().stream().allMatch(p -> p.grad() != null));
        c.zeroGrad();
        assertTrue(c.parameters().stream().allMatch(p -> p.grad() == null));
    }
}
