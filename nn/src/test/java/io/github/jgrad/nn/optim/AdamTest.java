package io.github.jgrad.nn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.jgrad.nn.Parameter;
import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdamTest {

    /** Adam as in the paper (bias-corrected moments), which PyTorch's form equals algebraically. */
    private static double[][] reference(int steps, double lr, double b1, double b2, double eps, double wd) {
        double[][] p = Problem.initialCopy();
        double[][] m = {new double[3], new double[4]};
        double[][] v = {new double[3], new double[4]};
        for (int t = 1; t <= steps; t++) {
            for (int k = 0; k < p.length; k++) {
                for (int i = 0; i < p[k].length; i++) {
                    double g = Problem.grad(p[k][i], i, t) + wd * p[k][i];
                    m[k][i] = b1 * m[k][i] + (1 - b1) * g;
                    v[k][i] = b2 * v[k][i] + (1 - b2) * g * g;
                    double mHat = m[k][i] / (1 - Math.pow(b1, t));
                    double vHat = v[k][i] / (1 - Math.pow(b2, t));
                    p[k][i] -= lr * mHat / (Math.sqrt(vHat) + eps);
                }
            }
        }
        return p;
    }

    @ParameterizedTest(name = "lr={0} betas=({1}, {2}) eps={3} wd={4}")
    @CsvSource({
        "0.001, 0.9, 0.999, 1e-8, 0",
        "0.1, 0.9, 0.999, 1e-8, 0.1",
        "1e-2, 0.5, 0.9, 1e-8, 0",
        "1e-2, 0, 0.9, 1e-3, 0",
        "0.05, 0.8, 0.99, 1e-6, 0.01",
    })
    void stepsOneToFiveMatchTheBiasCorrectedReferenceInF64AndF32(double lr, double b1, double b2, double eps,
            double wd) {
        for (int steps = 1; steps <= 5; steps++) {
            double[][] expected = reference(steps, lr, b1, b2, eps, wd);
            for (DType dtype : DType.values()) {
                Map<String, Parameter> params = Problem.params(dtype);
                Problem.run(new Adam(params, lr, b1, b2, eps, wd), 1, steps);
                double tol = dtype == DType.F64 ? 1e-13 : 2e-6;
                double[][] got = Problem.values(params);
                for (int k = 0; k < expected.length; k++) {
                    for (int i = 0; i < expected[k].length; i++) {
                        assertEquals(expected[k][i], got[k][i], tol,
                                dtype + " after " + steps + " steps, param " + k + "[" + i + "]");
                    }
                }
            }
        }
    }

    @Test
    void biasCorrectionMakesEveryStepOfAConstantGradientAboutLr() {
        // With g = 0.5 constant, m_hat = 0.5 and v_hat = 0.25 at every step, so each step moves
        // by lr * 0.5 / (0.5 + 1e-8) = 0.01 / (1 + 2e-8): p = 1 - 0.0099999998 = 0.9900000002 after
        // step 1, 0.9800000004 after step 2, 0.9700000006 after step 3. Without the correction
        // step 1 would move by 0.01 * 0.05 / sqrt(0.00025) = 0.0316.
        Parameter p = new Parameter(Tensor.of(new double[] {1.0}));
        Adam adam = new Adam(Map.of("p", p), 0.01, 0.5, 0.9);
        p.var().setGrad(Tensor.of(new double[] {0.5}));
        double[] expected = {0.9900000002, 0.9800000004, 0.9700000006};
        for (int t = 0; t < 3; t++) {
            adam.step();
            assertEquals(expected[t], p.value().getDouble(0), 1e-14, "after step " + (t + 1));
        }
        assertEquals(3.0, adam.stateDict().get("p.step").item());
    }

    @Test
    void defaultsArePyTorchs() {
        Adam adam = new Adam(Problem.params(DType.F32), 1e-3);
        assertEquals(0.9, adam.beta1());
        assertEquals(0.999, adam.beta2());
        assertEquals(1e-8, adam.eps());
        assertEquals(0.0, adam.weightDecay());
        assertEquals(1e-3, Adam.builder(Problem.params(DType.F32)).build().learningRate());
    }
}
