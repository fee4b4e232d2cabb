package io.github.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fused optimizer updates against steps worked by hand in both dtypes, and on parameters
 * large enough to be split across threads against the same update of each element alone.
 */
class OptimizerStepsTest {
    private static final int LARGE = 2 * Fused.PARALLEL_ELEMENTS + 5;

    private static Tensor t(DType dtype, double... v) {
        return Tensor.of(v, v.length).to(dtype);
    }

    private static double tol(DType dtype) {
        return dtype == DType.F32 ? 1e-6 : 1e-12;
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void adamFirstStepMovesByStepSizeTimesTheSign(DType dtype) {
        // t = 1, lr 0.01: stepSize = 0.01 / (1 - 0.9) = 0.1, m = 0.05, v = 0.00025,
        // denom = sqrt(0.00025) / sqrt(0.001) = 0.5, p = 1 - 0.1 * 0.05 / 0.5 = 0.99
        Tensor p = t(dtype, 1);
        Tensor m = t(dtype, 0);
        Tensor v = t(dtype, 0);
        OptimizerSteps.adamInPlace(p, t(dtype, 0.5), m, v, 0.9, 0.999, 0, 0, 0.1, Math.sqrt(0.001));
        assertEquals(0.99, p.item(), tol(dtype));
        assertEquals(0.05, m.item(), tol(dtype));
        assertEquals(0.00025, v.item(), tol(dtype));
        // weight decay 2 adds 2 * p to the gradient: g = 0.5 + 2 * 0.99 = 2.48
        OptimizerSteps.adamInPlace(p, t(dtype, 0.5), m, v, 0.5, 0.5, 0, 2, 1, 1);
        assertEquals(0.5 * 0.05 + 0.5 * 2.48, m.item(), tol(dtype));
        assertEquals(0.5 * 0.00025 + 0.5 * 2.48 * 2.48, v.item(), tol(dtype) * 10);
        assertEquals(0.99 - m.item() / Math.sqrt(v.item()), p.item(), tol(dtype));
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void rmspropDividesByTheRootOfTheSquaredAverage(DType dtype) {
        // alpha 0.75, g = 2: v = 0.25 * 4 = 1, p = 1 - 0.1 * 2 / 1 = 0.8
        Tensor p = t(dtype, 1);
        Tensor v = t(dtype, 0);
        OptimizerSteps.rmspropInPlace(p, t(dtype, 2), v, null, null, 0.1, 0.75, 0, 0, 0);
        assertArrayEquals(new double[] {0.8, 1}, new double[] {p.item(), v.item()}, tol(dtype));
        // centred: a = 0.5, denom = sqrt(1 - 0.25); momentum 0.5: buf = 2 / denom
        Tensor q = t(dtype, 1);
        Tensor buf = t(dtype, 0);
        Tensor avg = t(dtype, 0);
        OptimizerSteps.rmspropInPlace(q, t(dtype, 2), t(dtype, 0), buf, avg, 0.1, 0.75, 0, 0, 0.5);
        double denom = Math.sqrt(0.75);
        assertEquals(0.5, avg.item(), tol(dtype));
        assertEquals(2 / denom, buf.item(), tol(dtype));
        assertEquals(1 - 0.1 * 2 / denom, q.item(), tol(dtype));
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void sgdMomentumStartsAtTheFirstGradientThenDecays(DType dtype) {
        Tensor p = t(dtype, 1);
        Tensor buf = t(dtype, 0);
        OptimizerSteps.sgdInPlace(p, t(dtype, 2), buf, true, 0.1, 0.9, 0, 0, false);
        assertEquals(0.8, p.item(), tol(dtype));
        assertEquals(2, buf.item(), tol(dtype));
        OptimizerSteps.sgdInPlace(p, t(dtype, 2), buf, false, 0.1, 0.9, 0, 0, false);
        assertEquals(3.8, buf.item(), tol(dtype));
        assertEquals(0.42, p.item(), tol(dtype));
        Tensor nesterov = t(dtype, 1);
        OptimizerSteps.sgdInPlace(nesterov, t(dtype, 2), t(dtype, 0), true, 0.1, 0.9, 0, 0, true);
        assertEquals(0.62, nesterov.item(), tol(dtype));
        Tensor decayed = t(dtype, 1);
        OptimizerSteps.sgdInPlace(decayed, t(dtype, 2), null, true, 0.1, 0, 0, 0.5, false);
        assertEquals(0.75, decayed.item(), tol(dtype));
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void aLargeParameterIsUpdatedAsEachElementWouldBeAlone(DType dtype) {
        Random r = new Random(11);
        Tensor p = TestSupport.random(r, dtype, LARGE);
        Tensor g = TestSupport.random(r, dtype, LARGE);
        Tensor m = TestSupport.random(r, dtype, LARGE);
        Tensor v = TestSupport.random(r, dtype, LARGE).abs();
        double[] expectP = new double[LARGE];
        double[] expectM = new double[LARGE];
        for (int i = 0; i < LARGE; i++) {
            Tensor pi = p.slice(0, i, i + 1);
            Tensor mi = m.slice(0, i, i + 1);
            OptimizerSteps.adamInPlace(pi, g.slice(0, i, i + 1), mi, v.slice(0, i, i + 1), 0.5, 0.9, 1e-8, 0.01,
                    0.001, 0.3);
            expectP[i] = pi.item();
            expectM[i] = mi.item();
        }
        OptimizerSteps.adamInPlace(p, g, m, v, 0.5, 0.9, 1e-8, 0.01, 0.001, 0.3);
        assertArrayEquals(expectP, p.toDoubleArray());
        assertArrayEquals(expectM, m.toDoubleArray());
    }
}
