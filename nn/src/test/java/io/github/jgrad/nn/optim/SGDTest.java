package io.github.jgrad.nn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jgrad.nn.Parameter;
import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SGDTest {

    /** torch.optim.SGD's rule, written out in doubles for the test problem. */
    private static double[][] reference(int steps, double lr, double mom, double damp, double wd, boolean nesterov) {
        double[][] p = Problem.initialCopy();
        double[][] buf = {new double[3], new double[4]};
        for (int t = 1; t <= steps; t++) {
            for (int k = 0; k < p.length; k++) {
                for (int i = 0; i < p[k].length; i++) {
                    double g = Problem.grad(p[k][i], i, t) + wd * p[k][i];
                    if (mom != 0) {
                        buf[k][i] = t == 1 ? g : mom * buf[k][i] + (1 - damp) * g;
                        g = nesterov ? g + mom * buf[k][i] : buf[k][i];
                    }
                    p[k][i] -= lr * g;
                }
            }
        }
        return p;
    }

    @ParameterizedTest(name = "lr={0} momentum={1} dampening={2} wd={3} nesterov={4}")
    @CsvSource({
        "0.1, 0, 0, 0, false",
        "0.1, 0.9, 0, 0, false",
        "0.05, 0.9, 0.5, 0.01, false",
        "0.1, 0.9, 0, 0.1, true",
        "0.2, 0.5, 0, 0, true",
    })
    void fiveStepsMatchTheDoubleReferenceInF64AndF32(double lr, double mom, double damp, double wd, boolean nesterov) {
        double[][] expected = reference(5, lr, mom, damp, wd, nesterov);
        for (DType dtype : DType.values()) {
            Map<String, Parameter> params = Problem.params(dtype);
            Problem.run(new SGD(params, lr, mom, damp, wd, nesterov), 1, 5);
            double tol = dtype == DType.F64 ? 1e-13 : 2e-6;
            double[][] got = Problem.values(params);
            for (int k = 0; k < expected.length; k++) {
                for (int i = 0; i < expected[k].length; i++) {
                    assertEquals(expected[k][i], got[k][i], tol, dtype + " param " + k + "[" + i + "]");
                }
            }
        }
    }

    @Test
    void nesterovFirstStepMatchesHandComputedValue() {
        // p = 1, g = 0.5, wd 0.1: d = 0.6; buffer = 0.6; nesterov d = 0.6 + 0.9 * 0.6 = 1.14;
        // p = 1 - 0.1 * 1.14 = 0.886.
        Parameter p = new Parameter(Tensor.of(new double[] {1.0}));
        SGD sgd = new SGD(Map.of("p", p), 0.1, 0.9, 0, 0.1, true);
        p.var().setGrad(Tensor.of(new double[] {0.5}));
        sgd.step();
        assertEquals(0.886, p.value().getDouble(0), 1e-14);
        // Step 2 with g = 0.5 again: d = 0.5 + 0.1 * 0.886 = 0.5886; buffer = 0.9 * 0.6 + 0.5886 = 1.1286;
        // nesterov d = 0.5886 + 0.9 * 1.1286 = 1.60434; p = 0.886 - 0.160434 = 0.725566.
        sgd.step();
        assertEquals(0.725566, p.value().getDouble(0), 1e-14);
    }

    @Test
    void dampeningDoesNotApplyToTheFirstBuffer() {
        // PyTorch copies the first gradient into the buffer undamped: p = 1 - 0.1 * 2 = 0.8.
        Parameter p = new Parameter(Tensor.of(new double[] {1.0}));
        SGD sgd = new SGD(Map.of("p", p), 0.1, 0.9, 0.5, 0, false);
        p.var().setGrad(Tensor.of(new double[] {2.0}));
        sgd.step();
        assertEquals(0.8, p.value().getDouble(0), 1e-14);
        // Then buffer = 0.9 * 2 + 0.5 * 2 = 2.8; p = 0.8 - 0.28 = 0.52.
        sgd.step();
        assertEquals(0.52, p.value().getDouble(0), 1e-14);
    }

    static void assertMessage(Runnable r, String part) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(part), () -> "message '" + e.getMessage() + "' lacks '" + part + "'");
    }
}
