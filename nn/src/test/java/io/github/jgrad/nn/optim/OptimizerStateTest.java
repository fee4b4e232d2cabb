package io.github.jgrad.nn.optim;

import static io.github.jgrad.nn.optim.SGDTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jgrad.nn.Parameter;
import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OptimizerStateTest {

    static Stream<Arguments> optimizers() {
        List<Function<Map<String, Parameter>, Optimizer>> makers = List.of(
                ps -> new SGD(ps, 0.1, 0.9, 0, 0.01, true),
                ps -> new SGD(ps, 0.1, 0.9, 0.3, 0, false),
                ps -> new RMSprop(ps, 0.01, 0.9, 1e-6, 0.01, 0.5, true),
                ps -> new RMSprop(ps, 0.01),
                ps -> new Adam(ps, 0.05, 0.5, 0.9, 1e-8, 0.1));
        return makers.stream().flatMap(m -> Stream.of(DType.F32, DType.F64).map(d -> Arguments.of(m, d)));
    }

    @ParameterizedTest
    @MethodSource("optimizers")
    void savedStateContinuesBitIdenticallyInAFreshOptimizer(Function<Map<String, Parameter>, Optimizer> make,
            DType dtype) {
        Map<String, Parameter> ps = Problem.params(dtype);
        Optimizer original = make.apply(ps);
        Problem.run(original, 1, 3);
        Map<String, Tensor> saved = original.stateDict();
        Map<String, Tensor> savedValues = new LinkedHashMap<>();
        ps.forEach((k, p) -> savedValues.put(k, p.value().copy()));
        Problem.run(original, 4, 6);

        Map<String, Parameter> ps2 = Problem.params(dtype);
        ps2.forEach((k, p) -> p.value().copyFromInPlace(savedValues.get(k)));
        Optimizer resumed = make.apply(ps2);
        resumed.loadStateDict(saved);
        Problem.run(resumed, 4, 6);

        for (String k : ps.keySet()) {
            assertArrayEquals(bits(ps.get(k).value()), bits(ps2.get(k).value()), k);
        }
        Map<String, Tensor> a = original.stateDict();
        Map<String, Tensor> b = resumed.stateDict();
        assertEquals(a.keySet(), b.keySet());
        a.forEach((k, t) -> assertArrayEquals(bits(t), bits(b.get(k)), k));
    }

    static long[] bits(Tensor t) {
        long[] out = new long[t.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = t.dtype() == DType.F32 ? Float.floatToRawIntBits(t.toFloatArray()[i])
                    : Double.doubleToRawLongBits(t.toDoubleArray()[i]);
        }
        return out;
    }

    @Test
    void parametersWithoutGradientAreSkippedAndKeepNoState() {
        Map<String, Parameter> ps = Problem.params(DType.F64);
        Adam adam = new Adam(ps, 0.1);
        Problem.setGrads(ps, 1);
        ps.get("w").zeroGrad();
        double[] wBefore = ps.get("w").value().toDoubleArray();
        adam.step();
        adam.step();
        assertArrayEquals(wBefore, ps.get("w").value().toDoubleArray());
        assertEquals(List.of("lr", "a.step", "a.exp_avg", "a.exp_avg_sq"), List.copyOf(adam.stateDict().keySet()));
        assertEquals(2.0, adam.stateDict().get("a.step").item());
        // Once w gets a gradient its own step count starts at 1, as PyTorch keeps steps per parameter.
        Problem.setGrads(ps, 3);
        adam.step();
        assertEquals(3.0, adam.stateDict().get("a.step").item());
        assertEquals(1.0, adam.stateDict().get("w.step").item());
    }

    @Test
    void zeroGradClearsEveryGradient() {
        Map<String, Parameter> ps = Problem.params(DType.F32);
        SGD sgd = new SGD(ps, 0.1);
        Problem.setGrads(ps, 1);
        sgd.zeroGrad();
        ps.values().forEach(p -> assertNull(p.grad()));
    }

    @Test
    void learningRateCanBeChangedAndIsSaved() {
        Map<String, Parameter> ps = Problem.params(DType.F32);
        SGD sgd = new SGD(ps, 0.1);
        sgd.setLearningRate(0.25);
        assertEquals(0.25, sgd.learningRate());
        assertEquals(0.25, sgd.stateDict().get("lr").item());
        assertMessage(() -> sgd.setLearningRate(-1), "lr must be finite and >= 0, got -1.0");
    }

    @Test
    void aBadStateDictIsRefusedAndChangesNothing() {
        Map<String, Parameter> ps = Problem.params(DType.F32);
        Adam adam = new Adam(ps, 0.1);
        Problem.run(adam, 1, 2);
        Map<String, Tensor> good = adam.stateDict();
        Map<String, Tensor> before = adam.stateDict();

        Map<String, Tensor> noLr = new LinkedHashMap<>(good);
        noLr.remove("lr");
        assertMessage(() -> adam.loadStateDict(noLr), "'lr' must be a one-element tensor, got none");

        Map<String, Tensor> unknown = withLrChanged(good);
        unknown.put("a.momentum_buffer", good.get("a.exp_avg"));
        assertMessage(() -> adam.loadStateDict(unknown), "unexpected key 'a.momentum_buffer'");

        Map<String, Tensor> noParam = withLrChanged(good);
        noParam.put("b.step", good.get("a.step"));
        assertMessage(() -> adam.loadStateDict(noParam), "unexpected key 'b.step'");

        Map<String, Tensor> wrongShape = withLrChanged(good);
        wrongShape.put("w.exp_avg", Tensor.zeros(DType.F32, Shape.of(4)));
        assertMessage(() -> adam.loadStateDict(wrongShape), "'w.exp_avg' is [4] F32 but the parameter is [2, 2] F32");

        Map<String, Tensor> wrongDtype = withLrChanged(good);
        wrongDtype.put("a.exp_avg_sq", Tensor.zeros(DType.F64, Shape.of(3)));
        assertMessage(() -> adam.loadStateDict(wrongDtype), "'a.exp_avg_sq' is [3] F64 but the parameter is [3] F32");

        Map<String, Tensor> incomplete = withLrChanged(good);
        incomplete.remove("w.exp_avg_sq");
        assertMessage(() -> adam.loadStateDict(incomplete), "state of parameter 'w' is incomplete, missing [w.exp_avg_sq]");

        Map<String, Tensor> badStep = withLrChanged(good);
        badStep.put("a.step", Tensor.scalar(2.5, DType.F64));
        assertMessage(() -> adam.loadStateDict(badStep), "'a.step' must be a whole non-negative count, got 2.5");

        Map<String, Tensor> after = adam.stateDict();
        assertEquals(before.keySet(), after.keySet());
        before.forEach((k, t) -> assertArrayEquals(bits(t), bits(after.get(k)), k));
    }

    private static Map<String, Tensor> withLrChanged(Map<String, Tensor> good) {
        // A changed lr shows that a refused dict did not even change the learning rate.
        Map<String, Tensor> m = new LinkedHashMap<>(good);
        m.put("lr", Tensor.scalar(0.5, DType.F64));
        return m;
    }

    @Test
    void aDictWithoutAParametersStateClearsItAndLoadedTensorsAreCopied() {
        Map<String, Parameter> ps = Problem.params(DType.F64);
        Adam adam = new Adam(ps, 0.1);
        Problem.run(adam, 1, 1);
        Map<String, Tensor> onlyA = adam.stateDict();
        onlyA.keySet().removeIf(k -> k.startsWith("w."));
        Problem.run(adam, 2, 2);
        adam.loadStateDict(onlyA);
        assertFalse(adam.stateDict().containsKey("w.step"));
        onlyA.get("a.exp_avg").fillInPlace(42);
        assertNotEquals(42.0, adam.stateDict().get("a.exp_avg").getDouble(0));
    }

    @Test
    void indexedNamesAListAsPyTorchDoes() {
        Parameter a = new Parameter(Tensor.zeros(2));
        Parameter b = new Parameter(Tensor.zeros(3));
        assertEquals(List.of("0", "1"), List.copyOf(Optimizer.indexed(List.of(a, b)).keySet()));
    }

    @Test
    void aStepAllocatesNothingOnceStateExists() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (DType dtype : DType.values()) {
            Parameter p = new Parameter(Tensor.full(dtype, Shape.of(10_000), 0.5));
            p.var().setGrad(Tensor.full(dtype, Shape.of(10_000), 0.1));
            Map<String, Parameter> ps = Map.of("p", p);
            for (Optimizer opt : List.of(new SGD(ps, 1e-6, 0.9, 0, 0.1, true),
                    new RMSprop(ps, 1e-6, 0.9, 1e-8, 0.1, 0.9, true), new Adam(ps, 1e-6, 0.9, 0.999, 1e-8, 0.1))) {
                for (int i = 0; i < 200; i++) {
                    opt.step();
                }
                long start = mx.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < 1000; i++) {
                    opt.step();
                }
                long allocated = mx.getCurrentThreadAllocatedBytes() - start;
                // One temporary array per step would be 40-80 MB over these 1000 steps.
                assertTrue(allocated < 64 * 1024, opt.getClass().getSimpleName() + " " + dtype + " allocated "
                        + allocated + " bytes in 1000 steps");
            }
        }
    }
}
