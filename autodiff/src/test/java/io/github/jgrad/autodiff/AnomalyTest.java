package io.github.jgrad.autodiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Anomaly mode names the operation and the user's line whose backward produced a NaN or infinity. */
class AnomalyTest {
    private static final String HERE = AnomalyTest.class.getName();

    @AfterEach
    void switchOff() {
        Anomaly.setEnabled(false);
    }

    private static Var zeros(int n) {
        return Var.leaf(Tensor.zeros(DType.F64, Shape.of(n)));
    }

    @Test
    @SuppressWarnings("try")
    void sqrtAtZeroGivesInfiniteGradientAndNamesSqrtAndThisMethod() throws Exception {
        Var x = zeros(3);
        AnomalyException e;
        try (AutoCloseable on = Anomaly.detect()) {
            Var y = x.sqrt().sum();
            e = assertThrows(AnomalyException.class, y::backward);
        }
        assertEquals(Op.SQRT, e.op());
        assertTrue(e.creationSite().startsWith(HERE + ".sqrtAtZeroGivesInfiniteGradientAndNamesSqrtAndThisMethod("),
                e.creationSite());
        assertTrue(e.creationSite().contains("AnomalyTest.java:"), e.creationSite());
        assertTrue(e.getMessage().contains("'sqrt'") && e.getMessage().contains("infinity"), e.getMessage());
        assertTrue(e.getMessage().contains(e.creationSite()), e.getMessage());
        assertFalse(Anomaly.isEnabled(), "detect() restores the previous setting");
    }

    @Test
    @SuppressWarnings("try")
    void nanFromZeroTimesInfinityNamesTheSqrt() throws Exception {
        // d/dx (sqrt(x) * x) at 0: the product hands sqrt a zero gradient, and sqrt's 0 / (2 * 0) is NaN
        Var x = zeros(2);
        try (AutoCloseable on = Anomaly.detect()) {
            Var y = x.sqrt().mul(x).sum();
            AnomalyException e = assertThrows(AnomalyException.class,
                    () -> Grad.grad(List.of(y), List.of(x), null, false, false, false));
            assertEquals(Op.SQRT, e.op());
            assertTrue(e.getMessage().contains("NaN"), e.getMessage());
            assertTrue(e.creationSite().startsWith(HERE + ".nanFromZeroTimesInfinityNamesTheSqrt("), e.creationSite());
        }
    }

    @Test
    @SuppressWarnings("try")
    void logOfZeroNamesLogAndTheHelperThatCreatedIt() throws Exception {
        Var x = Var.leaf(Tensor.of(new double[] {1.0, 0.0}, 2));
        try (AutoCloseable on = Anomaly.detect()) {
            Var y = entropyLikeHelper(x);
            AnomalyException e = assertThrows(AnomalyException.class, y::backward);
            assertEquals(Op.LOG, e.op());
            assertTrue(e.creationSite().startsWith(HERE + ".entropyLikeHelper("), e.creationSite());
        }
        assertNull(x.grad(), "a failed backward must not half-fill leaf gradients");
    }

    private static Var entropyLikeHelper(Var p) {
        return p.log().sum();
    }

    @Test
    @SuppressWarnings("try")
    void secondOrderAnomalyIsCaughtToo() throws Exception {
        // norm without eps: its first derivative at a nonzero point is fine, but a gradient penalty
        // on a gradient that vanishes differentiates sqrt at 0
        Var w = Var.leaf(Tensor.zeros(DType.F64, Shape.of(3)));
        try (AutoCloseable on = Anomaly.detect()) {
            Var x = Var.leaf(Tensor.of(new double[] {1, 2, 3}, 3));
            Var d = x.mul(w).sum();
            Var g = Grad.grad(d, x, true);   // = w = 0
            Var p = CompositeOps.norm(g, null, false).sub(1.0).square();
            AnomalyException e = assertThrows(AnomalyException.class, p::backward);
            assertEquals(Op.SQRT, e.op());
            // the sqrt was made by CompositeOps.norm, inside the library: the site is this test's call
            assertTrue(e.creationSite().startsWith(HERE + ".secondOrderAnomalyIsCaughtToo("), e.creationSite());
        }
    }

    @Test
    @SuppressWarnings("try")
    void siteSkipsJdkFramesBetweenTheCallerAndTheLibrary() throws Exception {
        Var x = zeros(2);
        try (AutoCloseable on = Anomaly.detect()) {
            // the sqrt is created by a stream pipeline (JDK code) calling the library directly
            Var y = Stream.of(x).map(Var::sqrt).findFirst().orElseThrow().sum();
            AnomalyException e = assertThrows(AnomalyException.class, y::backward);
            assertEquals(Op.SQRT, e.op());
            assertTrue(e.creationSite().startsWith(HERE + ".siteSkipsJdkFramesBetweenTheCallerAndTheLibrary("),
                    e.creationSite());
        }
    }

    @Test
    void withoutAnomalyModeTheGradientIsSilentlyNonFinite() {
        assertFalse(Anomaly.isEnabled());
        Var x = zeros(3);
        x.sqrt().sum().backward();
        for (int i = 0; i < 3; i++) {
            assertEquals(Double.POSITIVE_INFINITY, x.grad().get(i));
        }
        Var z = zeros(2);
        Tensor g = Grad.grad(z.sqrt().mul(z).sum(), z, false).value();
        assertTrue(Double.isNaN(g.get(0)) && Double.isNaN(g.get(1)), g.toString());
    }

    @Test
    void graphBuiltBeforeDetectionWasOnHasAnUnknownSite() {
        Var x = zeros(1);
        Var y = x.log().sum();
        Anomaly.setEnabled(true);
        AnomalyException e = assertThrows(AnomalyException.class, y::backward);
        assertEquals(Op.LOG, e.op());
        assertTrue(e.creationSite().contains("unknown"), e.creationSite());
    }

    @Test
    @SuppressWarnings("try")
    void finiteGradientsPassUnderAnomalyMode() throws Exception {
        Var x = Var.leaf(Tensor.of(new double[] {0.5, 2.0}, 2));
        try (AutoCloseable on = Anomaly.detect()) {
            x.sqrt().log().sum().backward();
        }
        // d/dx log(sqrt(x)) = 1 / (2x)
        assertEquals(1.0, x.grad().get(0), 1e-15);
        assertEquals(0.25, x.grad().get(1), 1e-15);
    }
}
