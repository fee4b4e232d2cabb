package io.github.jgrad.nn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.jgrad.nn.Parameter;
import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RMSpropTest {

    /** torch.optim.RMSprop's rule, written out in doubles for the test problem. */
    private static double[][] reference(int steps, double lr, double alpha, double eps, double wd, double mom,
            boolean centered) {
        double[][] p = Problem.initialCopy();
        double[][] sq = {new double[3], new double[4]};
        double[][] avg = {new double[3], new double[4]};
        double[][] buf = {new double[3], new double[4]};
        for (int t = 1; t <= steps; t++) {
            for (int k = 0; k < p.length; k++) {
                for (int i = 0; i < p[k].length; i++) {
                    double g = Problem.grad(p[k][i], i, t) + wd * p[k][i];
                    sq[k][i] = alpha * sq[k][i] + (1 - alpha) * g * g;
                    double variance = sq[k][i];
                    if (centered) {
                        avg[k][i] = alpha * avg[k][i] + (1 - alpha) * g;
                        variance -= avg[k][i] * avg[k][i];
                    }
                    double denom = Math.sqrt(variance) + eps;
                    if (mom > 0) {
                        buf[k][i] = mom * buf[k][i] + g / denom;
                        p[k][i] -= lr * buf[k][i];
                    } else {
                        p[k][i] -= lr * g / denom;
                    }
                }
            }
        }
        return p;
    }

    @ParameterizedTest(name = "lr={0} alpha={1} eps={2} wd={3} momentum={4} centered={5}")
    @CsvSource({
        "0.01, 0.99, 1e-8, 0, 0, false",
        "0.01, 0.9, 1e-3, 0.1, 0, false",
        "0.01, 0.99, 1e-8, 0, 0, true",
        "0.02, 0.9, 1e-6, 0, 0.9, false",
        "0.005, 0.95, 1e-4, 0.05, 0.5, true",
    })
    void fiveStepsMatchTheDoubleReferenceInF64AndF32(double lr, double alpha, double eps, double wd, double mom,
            boolean centered) {
        double[][] expected = reference(5, lr, alpha, eps, wd, mom, centered);
        for (DType dtype : DType.values()) {
            Map<String, Parameter> params = Problem.params(dtype);
            Problem.run(new RMSprop(params, lr, alpha, eps, wd, mom, centered), 1, 5);
            double tol = dtype == DType.F64 ? 1e-13 : 5e-6;
            double[][] got = Problem.values(params);
            for (int k = 0; k < expected.length; k++) {
                for (int i = 0; i < expected[k].length; i++) {
                    assertEquals(expected[k][i], got[k][i], tol, dtype + " param " + k + "[" + i + "]");
                }
            }
        }
    }

    @Test
    void firstStepMatchesHandComputedValueWithEpsOutsideTheRoot() {
        // p = 1, g = 0.5: v = 0.01 * 0.25 = 0.0025, sqrt(v) + eps = 0.05000001,
        // p = 1 - 0.01 * 0.5 / 0.05000001 = 0.900000019999996.
        Parameter p = new Parameter(Tensor.of(new double[] {1.0}));
        RMSprop opt = new RMSprop(Map.of("p", p), 0.01);
        p.var().setGrad(Tensor.of(new double[] {0.5}));
        opt.step();
        assertEquals(0.900000019999996, p.value().getDouble(0), 1e-15);
        assertEquals(1.0, opt.stateDict().get("p.step").item());
        assertEquals(0.0025, opt.stateDict().get("p.square_avg").item(), 1e-16);
    }

    @Test
    void stateNamesFollowTheConfiguration() {
        Map<String, Parameter> ps = Problem.params(DType.F32);
        RMSprop plain = new RMSprop(ps, 0.01);
        RMSprop full = RMSprop.builder(ps).momentum(0.9).centered(true).build();
        Problem.run(plain, 1, 1);
        Problem.run(full, 1, 1);
        assertEquals(java.util.List.of("lr", "a.step", "a.square_avg", "w.step", "w.square_avg"),
                java.util.List.copyOf(plain.stateDict().keySet()));
        assertEquals(java.util.List.of("lr", "a.step", "a.square_avg", "a.momentum_buffer", "a.grad_avg",
                "w.step", "w.square_avg", "w.momentum_buffer", "w.grad_avg"),
                java.util.List.copyOf(full.stateDict().keySet()));
    }
}
