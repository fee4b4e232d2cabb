package io.github.jgrad.nn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchedulerTest {

    private static double[] lrs(LRScheduler s, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = s.optimizer().learningRate();
            s.step();
        }
        return out;
    }

    @Test
    void stepLrDecaysEveryStepSizeSteps() {
        SGD sgd = new SGD(Problem.params(DType.F32), 0.1);
        StepLR s = new StepLR(sgd, 3, 0.5);
        double[] got = lrs(s, 8);
        double[] expected = {0.1, 0.1, 0.1, 0.1 * 0.5, 0.1 * 0.5, 0.1 * 0.5, 0.1 * 0.25, 0.1 * 0.25};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], got[i], 0.0, "lr at step " + i);
        }
        assertEquals(8, s.lastStep());
    }

    @Test
    void linearDecayMovesFromStartToEndThenHolds() {
        Adam adam = new Adam(Problem.params(DType.F32), 1e-3);
        LinearDecay s = new LinearDecay(adam, 1.0, 0.0, 4);
        double[] got = lrs(s, 7);
        double[] expected = {1e-3, 1e-3 * 0.75, 1e-3 * 0.5, 1e-3 * 0.25, 0.0, 0.0, 0.0};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], got[i], 0.0, "lr at step " + i);
        }
    }

    @Test
    void linearWarmupStartsAtTheStartFactorAtOnce() {
        SGD sgd = new SGD(Problem.params(DType.F32), 0.2);
        LinearDecay s = new LinearDecay(sgd, 0.5, 1.0, 2);
        assertEquals(0.1, sgd.learningRate(), 0.0);
        double[] got = lrs(s, 4);
        double[] expected = {0.2 * 0.5, 0.2 * 0.75, 0.2 * 1.0, 0.2 * 1.0};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], got[i], 0.0, "lr at step " + i);
        }
    }

    @Test
    void savedStateResumesTheSameSequence() {
        SGD a = new SGD(Problem.params(DType.F32), 0.1);
        StepLR sa = new StepLR(a, 2, 0.1);
        lrs(sa, 5);
        Map<String, Tensor> state = sa.stateDict();
        assertEquals(5.0, state.get("last_step").item());
        assertEquals(0.1, state.get("base_lr").item());

        SGD b = new SGD(Problem.params(DType.F32), 7.0);
        StepLR sb = new StepLR(b, 2, 0.1);
        sb.loadStateDict(state);
        assertEquals(a.learningRate(), b.learningRate(), 0.0);
        double[] ra = lrs(sa, 4);
        double[] rb = lrs(sb, 4);
        for (int i = 0; i < ra.length; i++) {
            assertEquals(ra[i], rb[i], 0.0);
        }
    }
}
