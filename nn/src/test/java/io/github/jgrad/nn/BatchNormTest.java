package io.github.jgrad.nn;

import static io.github.jgrad.nn.LayerTestSupport.assertClose;
import static io.github.jgrad.nn.LayerTestSupport.f64;
import static io.github.jgrad.nn.LayerTestSupport.randn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jgrad.autodiff.GradCheck;
import io.github.jgrad.autodiff.NoGrad;
import io.github.jgrad.autodiff.Var;
import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchNormTest {
    private static final double EPS = 1e-5;

    private static BatchNorm1d bn1d(int c) {
        return new BatchNorm1d(c, EPS, 0.1, true, DType.F64);
    }

    @Test
    void runningStatisticsAfterTwoTrainingStepsMatchHandComputation() {
        BatchNorm1d bn = bn1d(2);
        // Step 1, N=2: channel 0 {1, 3}: mean 2, unbiased var 2; channel 1 {2, 6}: mean 4, unbiased var 8.
        bn.forward(Var.constant(f64(new double[] {1, 2, 3, 6}, 2, 2)));
        assertClose(new double[] {0.2, 0.4}, bn.runningMean(), 1e-12);
        assertClose(new double[] {0.9 + 0.2, 0.9 + 0.8}, bn.runningVar(), 1e-12);
        // Step 2, N=3: channel 0 {0, 2, 4}: mean 2, unbiased var 4; channel 1 {0, -2, 2}: mean 0, unbiased var 4.
        bn.forward(Var.constant(f64(new double[] {0, 0, 2, -2, 4, 2}, 3, 2)));
        assertClose(new double[] {0.9 * 0.2 + 0.2, 0.9 * 0.4}, bn.runningMean(), 1e-12);
        assertClose(new double[] {0.9 * 1.1 + 0.4, 0.9 * 1.7 + 0.4}, bn.runningVar(), 1e-12);
        assertEquals(2, bn.numBatchesTracked());
        assertEquals(2.0, bn.stateDict().get("num_batches_tracked").item());
    }

    @Test
    void evaluationModeUsesTheRunningStatisticsAndLeavesThemAlone() {
        BatchNorm1d bn = bn1d(2);
        LayerTestSupport.set(bn.weight(), 2, 0.5);
        LayerTestSupport.set(bn.bias(), 1, -1);
        bn.forward(Var.constant(f64(new double[] {1, 2, 3, 6}, 2, 2)));
        bn.forward(Var.constant(f64(new double[] {0, 0, 2, -2, 4, 2}, 3, 2)));
        bn.eval();
        Var y = bn.forward(Var.constant(f64(new double[] {1, 1, -1, 3}, 2, 2)));
        double m0 = 0.38, m1 = 0.36, s0 = Math.sqrt(1.39 + EPS), s1 = Math.sqrt(1.93 + EPS);
        assertClose(new double[] {
            (1 - m0) / s0 * 2 + 1, (1 - m1) / s1 * 0.5 - 1,
            (-1 - m0) / s0 * 2 + 1, (3 - m1) / s1 * 0.5 - 1}, y.value(), 1e-12);
        assertClose(new double[] {0.38, 0.36}, bn.runningMean(), 1e-12);
        assertEquals(2, bn.numBatchesTracked());
    }

    @Test
    void trainingModeNormalisesWithTheBiasedBatchVariance() {
        BatchNorm1d bn = bn1d(2);
        Var y = bn.forward(Var.constant(f64(new double[] {1, 2, 3, 6}, 2, 2)));
        // channel 0: mean 2, biased var 1; channel 1: mean 4, biased var 4
        double s0 = Math.sqrt(1 + EPS), s1 = Math.sqrt(4 + EPS);
        assertClose(new double[] {-1 / s0, -2 / s1, 1 / s0, 2 / s1}, y.value(), 1e-12);
    }

    @Test
    void batchNorm2dReducesOverBatchAndBothSpatialAxes() {
        BatchNorm2d bn = new BatchNorm2d(2, EPS, 0.1, true, DType.F64);
        LayerTestSupport.set(bn.bias(), 0, 10);
        // [N=2, C=2, H=1, W=2]: channel 0 holds {1, 3, 5, 7} (mean 4, biased var 5, unbiased 20/3),
        // channel 1 holds {2, 2, 2, 2} (mean 2, var 0).
        Tensor x = f64(new double[] {1, 3, 2, 2, 5, 7, 2, 2}, 2, 2, 1, 2);
        Var y = bn.forward(Var.constant(x));
        double s0 = Math.sqrt(5 + EPS);
        assertClose(new double[] {-3 / s0, -1 / s0, 10, 10, 1 / s0, 3 / s0, 10, 10}, y.value(), 1e-12);
        assertClose(new double[] {0.4, 0.2}, bn.runningMean(), 1e-12);
        assertClose(new double[] {0.9 + 0.1 * 20 / 3.0, 0.9}, bn.runningVar(), 1e-12);
    }

    @Test
    void batchNorm1dAcceptsASequenceAxis() {
        BatchNorm1d bn = bn1d(1);
        // [N=2, C=1, L=2]: {0, 2, 4, 6}: mean 3, biased var 5
        Var y = bn.forward(Var.constant(f64(new double[] {0, 2, 4, 6}, 2, 1, 2)));
        double s = Math.sqrt(5 + EPS);
        assertClose(new double[] {-3 / s, -1 / s, 1 / s, 3 / s}, y.value(), 1e-12);
    }

    @Test
    void statisticsUpdateEvenWithoutAGraph() {
        BatchNorm1d bn = bn1d(1);
        NoGrad scope = NoGrad.enter();
        try {
            bn.forward(Var.constant(f64(new double[] {1, 3}, 2, 1)));
        } finally {
            scope.close();
        }
        assertClose(new double[] {0.2}, bn.runningMean(), 1e-12);
    }

    @Test
    void trainingModeDerivativesMatchFiniteDifferences() {
        BatchNorm2d bn = new BatchNorm2d(2, EPS, 0.1, true, DType.F64);
        Tensor x = randn(1, 2, 2, 2, 2);
        Tensor w = randn(2, 2);
        Tensor b = randn(3, 2);
        GradCheck.gradcheck(v -> bn.forwardWith(v[0], v[1], v[2]), x, w, b);
        GradCheck.gradgradcheck(v -> bn.forwardWith(v[0], v[1], v[2]), x, w, b);
        BatchNorm1d bn1 = bn1d(3);
        Tensor x1 = randn(4, 4, 3);
        GradCheck.gradcheck(v -> bn1.forwardWith(v[0], v[1], v[2]), x1, randn(5, 3), randn(6, 3));
        GradCheck.gradgradcheck(v -> bn1.forwardWith(v[0], v[1], v[2]), x1, randn(5, 3), randn(6, 3));
    }

    @Test
    void forwardRoutesGradientsToItsOwnParametersInBothModes() {
        BatchNorm1d bn = bn1d(2);
        LayerTestSupport.set(bn.weight(), 1.5, -0.5);
        ModuleGradCheck.checkModule(bn, randn(7, 3, 2));
        bn.eval();
        ModuleGradCheck.checkModule(bn, randn(8, 3, 2));
    }

    @Test
    void stateDictUsesPyTorchNamesAndDefaults() {
        BatchNorm2d bn = new BatchNorm2d(3);
        assertEquals(List.of("weight", "bias", "running_mean", "running_var", "num_batches_tracked"),
                List.copyOf(bn.stateDict().keySet()));
        assertClose(new double[] {0, 0, 0}, bn.runningMean(), 0);
        assertClose(new double[] {1, 1, 1}, bn.runningVar(), 0);
        assertEquals(Shape.scalar(), bn.stateDict().get("num_batches_tracked").shape());
        assertTrue(bn instanceof BatchNorm);
        BatchNorm1d plain = new BatchNorm1d(3, EPS, 0.1, false, DType.F32);
        assertEquals(List.of("running_mean", "running_var", "num_batches_tracked"),
                List.copyOf(plain.stateDict().keySet()));
    }

    @Test
    void oneSampleIsFineInEvaluationMode() {
        BatchNorm1d evalBn = bn1d(2);
        evalBn.eval();
        assertClose(new double[] {1 / Math.sqrt(1 + EPS), 2 / Math.sqrt(1 + EPS)},
                evalBn.forward(Var.constant(f64(new double[] {1, 2}, 1, 2))).value(), 1e-12);
    }
}
