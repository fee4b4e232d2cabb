package io.github.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Factories, element access, conversion and the in-place methods for optimizers. */
class TensorCreationTest {

    @Test
    void zerosOnesAndFullHaveTheRequestedShapeDtypeAndValue() {
        Tensor z = Tensor.zeros(DType.F64, Shape.of(2, 3));
        assertEquals(Shape.of(2, 3), z.shape());
        assertEquals(DType.F64, z.dtype());
        assertArrayEquals(new double[6], z.toDoubleArray());
        assertArrayEquals(new float[] {1, 1, 1, 1}, Tensor.ones(2, 2).toFloatArray());
        assertEquals(DType.F32, Tensor.ones(2, 2).dtype());
        assertArrayEquals(new double[] {-1.5, -1.5, -1.5}, Tensor.full(DType.F64, Shape.of(3), -1.5).toDoubleArray());
        assertEquals(0, Tensor.zeros(4, 0, 2).size());
    }

    @Test
    void scalarHasRankZeroAndOneElement() {
        Tensor s = Tensor.scalar(3.5, DType.F64);
        assertEquals(0, s.rank());
        assertEquals(1, s.size());
        assertEquals(3.5, s.item());
        assertEquals(3.5, s.get());
        assertEquals(DType.F32, Tensor.scalar(1).dtype());
        assertEquals(Shape.scalar(), Shape.of());
    }

    @Test
    void ofCopiesItsDataAndWrapSharesIt() {
        float[] data = {1, 2, 3, 4};
        Tensor copied = Tensor.of(data, 2, 2);
        Tensor wrapped = Tensor.wrap(data, Shape.of(4));
        data[0] = 99;
        assertEquals(1, copied.get(0, 0));
        assertEquals(99, wrapped.get(0));
        assertEquals(4, copied.get(1, 1));
        assertEquals(3, copied.get(1, 0));
    }

    @Test
    void ofWithoutDimsIsAVectorExceptThatOneValueFillsTheScalarShape() {
        assertEquals(Shape.of(3), Tensor.of(new double[] {1, 2, 3}).shape());
        assertEquals(Shape.of(0), Tensor.of(new float[0]).shape());
        // An empty dims array is also how a rank-0 shape's dims arrive, so one value means a scalar.
        assertEquals(Shape.scalar(), Tensor.of(new double[] {7}, Shape.scalar().toArray()).shape());
        assertEquals(Shape.of(1), Tensor.of(new double[] {7}, 1).shape());
    }

    @Test
    void ofRowsBuildsARowMajorMatrix() {
        Tensor m = Tensor.of(new float[][] {{1, 2, 3}, {4, 5, 6}});
        assertEquals(Shape.of(2, 3), m.shape());
        assertEquals(6, m.get(1, 2));
        assertEquals(2, m.get(0, 1));
    }

    @Test
    void arangeCountsUpToButExcludingTheEnd() {
        assertArrayEquals(new double[] {0, 0.25, 0.5, 0.75}, Tensor.arange(0, 1, 0.25, DType.F64).toDoubleArray());
        assertArrayEquals(new double[] {5, 3, 1}, Tensor.arange(5, 0, -2, DType.F64).toDoubleArray());
        assertArrayEquals(new double[] {2, 3, 4}, Tensor.arange(2, 4.5, 1, DType.F64).toDoubleArray());
        assertEquals(0, Tensor.arange(3, 3, 1, DType.F32).size());
        assertEquals(0, Tensor.arange(3, 0, 1, DType.F32).size());
        assertArrayEquals(new float[] {0, 1, 2, 3, 4}, Tensor.arange(5).toFloatArray());
        // 0.1 steps: ceil((1 - 0) / 0.1) = 10 elements, the last one about 0.9.
        Tensor tenths = Tensor.arange(0, 1, 0.1, DType.F64);
        assertEquals(10, tenths.size());
        assertEquals(0.9, tenths.get(9), 1e-15);
    }

    @Test
    void eyeHasOnesOnTheDiagonalOnly() {
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, Tensor.eye(3, DType.F64).toDoubleArray());
        assertEquals(Shape.of(0, 0), Tensor.eye(0, DType.F32).shape());
    }

    @Test
    void conversionBetweenDtypesRoundsToFloatAndCopies() {
        Tensor d = Tensor.of(new double[] {0.1, 1e40, -2}, 3);
        Tensor f = d.to(DType.F32);
        assertEquals(DType.F32, f.dtype());
        assertArrayEquals(new float[] {0.1f, Float.POSITIVE_INFINITY, -2f}, f.toFloatArray());
        assertEquals((double) 0.1f, f.to(DType.F64).get(0));
        Tensor same = d.to(DType.F64);
        same.setInPlace(0, 5);
        assertEquals(0.1, d.get(0), "a conversion to the same dtype is still a copy");
    }

    @Test
    void copyIsIndependentOfTheOriginal() {
        Tensor a = Tensor.of(new double[] {1, 2}, 2);
        Tensor b = a.copy();
        b.fillInPlace(5);
        assertArrayEquals(new double[] {1, 2}, a.toDoubleArray());
        assertArrayEquals(new double[] {5, 5}, b.toDoubleArray());
    }

    @Test
    void inPlaceOptimizerUpdatesChangeOnlyTheReceiver() {
        for (DType dtype : DType.values()) {
            Tensor p = Tensor.of(new double[] {1, 2, 3}, 3).to(dtype);
            Tensor g = Tensor.of(new double[] {10, 20, 30}, 3).to(dtype);
            p.addScaledInPlace(g, -0.5);
            assertArrayEquals(new double[] {-4, -8, -12}, p.toDoubleArray());
            p.scaleInPlace(0.25);
            assertArrayEquals(new double[] {-1, -2, -3}, p.toDoubleArray());
            p.copyFromInPlace(g);
            assertArrayEquals(new double[] {10, 20, 30}, p.toDoubleArray());
            assertArrayEquals(new double[] {10, 20, 30}, g.toDoubleArray());
        }
    }

    @Test
    void dimAndShapeAcceptNegativeAxes() {
        Tensor t = Tensor.zeros(2, 3, 4);
        assertEquals(4, t.dim(-1));
        assertEquals(2, t.dim(-3));
        assertArrayEquals(new int[] {12, 4, 1}, t.shape().strides());
        assertEquals(3, t.rank());
        assertEquals(24, t.size());
        assertEquals(DType.F32.byteSize() * 2, DType.F64.byteSize());
    }
}
