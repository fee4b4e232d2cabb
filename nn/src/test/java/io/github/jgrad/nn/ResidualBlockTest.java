package io.github.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.jgrad.autodiff.GradCheck;
import io.github.jgrad.autodiff.Var;
import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ResidualBlockTest {
    private static Tensor input(int c, int size, long seed) {
        return new Rng(seed).normal(DType.F64, Shape.of(2, c, size, size), 0, 1);
    }

    @Test
    void upsampleRepeatsEachValueInATwoByTwoSquareAndMeanPoolAveragesThem() {
        Var x = Var.constant(Tensor.of(new double[] {1, 2, 3, 4}, 1, 1, 2, 2));
        Var up = ResidualBlock.upsample(x);
        assertArrayEquals(new double[] {1, 1, 2, 2, 1, 1, 2, 2, 3, 3, 4, 4, 3, 3, 4, 4}, up.value().toDoubleArray(), 0);
        assertArrayEquals(new double[] {2.5}, ResidualBlock.meanPool(x).value().toDoubleArray(), 1e-15);
        assertArrayEquals(x.value().toDoubleArray(), ResidualBlock.meanPool(up).value().toDoubleArray(), 1e-15);
    }

    @Test
    void resamplingHelpersPassGradcheckAndGradgradcheck() {
        Tensor x = input(2, 4, 1);
        GradCheck.gradcheck(v -> ResidualBlock.upsample(v[0]).square(), x);
        GradCheck.gradgradcheck(v -> ResidualBlock.upsample(v[0]).square(), x);
        GradCheck.gradcheck(v -> ResidualBlock.meanPool(v[0]).square(), x);
        GradCheck.gradgradcheck(v -> ResidualBlock.meanPool(v[0]).square(), x);
    }

    @Test
    void blockWithZeroMainPathIsItsShortcut() {
        ResidualBlock b = new ResidualBlock(2, 2, ResidualBlock.Resample.NONE, false, DType.F64, new Rng(2));
        for (java.util.Map.Entry<String, Parameter> e : b.namedParameters().entrySet()) {
            if (e.getKey().startsWith("conv2.")) {
                e.getValue().value().fillInPlace(0.0);
            }
        }
        Tensor x = input(2, 4, 3);
        assertArrayEquals(x.toDoubleArray(), b.forward(Var.constant(x)).value().toDoubleArray(), 0);
    }

    @Test
    void shapesFollowTheResampling() {
        Rng rng = new Rng(4);
        Var x = Var.constant(new Rng(5).normal(DType.F32, Shape.of(3, 4, 8, 8), 0, 1));
        assertEquals(Shape.of(3, 6, 16, 16), new ResidualBlock(4, 6, ResidualBlock.Resample.UP, true, rng).forward(x).shape());
        assertEquals(Shape.of(3, 6, 4, 4), new ResidualBlock(4, 6, ResidualBlock.Resample.DOWN, false, rng).forward(x).shape());
        assertEquals(Shape.of(3, 4, 8, 8), new ResidualBlock(4, 4, ResidualBlock.Resample.NONE, false, rng).forward(x).shape());
        Var odd = Var.constant(Tensor.zeros(DType.F32, Shape.of(1, 4, 5, 5)));
        assertThrows(IllegalArgumentException.class,
                () -> new ResidualBlock(4, 4, ResidualBlock.Resample.DOWN, false, rng).forward(odd));
    }

    /** First and second derivatives through the block's input and every weight, for each resampling. */
    @Test
    void residualBlockPassesGradcheckAndGradgradcheck() {
        for (ResidualBlock.Resample r : ResidualBlock.Resample.values()) {
            ResidualBlock b = new ResidualBlock(2, 3, r, false, DType.F64, new Rng(6));
            ModuleGradCheck.checkModule(b, input(2, 4, 7).slice(0, 0, 1));
        }
    }
}
