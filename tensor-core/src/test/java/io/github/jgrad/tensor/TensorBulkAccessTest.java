package io.github.jgrad.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Bulk copies to and from byte buffers, single-element writes and row selection, in both dtypes. */
class TensorBulkAccessTest {

    @ParameterizedTest
    @EnumSource(DType.class)
    void copyToWritesTheRangeAsIeeeValuesInTheBuffersByteOrder(DType dtype) {
        Tensor x = Tensor.of(new double[] {1.5, -2, 3.25, 4}, 4).to(dtype);
        ByteBuffer buf = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        buf.put((byte) 7);
        x.copyTo(buf, 1, 2);
        assertEquals(1 + 2 * dtype.byteSize(), buf.position());
        if (dtype == DType.F32) {
            assertEquals(-2f, buf.getFloat(1));
            assertEquals(3.25f, buf.getFloat(5));
        } else {
            assertEquals(-2.0, buf.getDouble(1));
            assertEquals(3.25, buf.getDouble(9));
        }
        // little-endian: the sign-and-exponent byte of -2 comes last
        assertEquals((byte) 0xC0, buf.get(dtype.byteSize()));
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void copyFromInPlaceReadsWhatCopyToWrote(DType dtype) {
        Tensor x = Tensor.of(new double[] {0.1, -7, 1e-30, 6}, 2, 2).to(dtype);
        ByteBuffer buf = ByteBuffer.allocate(4 * dtype.byteSize()).order(ByteOrder.BIG_ENDIAN);
        x.copyTo(buf, 0, 4);
        buf.flip();
        Tensor y = Tensor.zeros(dtype, Shape.of(2, 2));
        y.copyFromInPlace(buf, 0, 1).copyFromInPlace(buf, 1, 3);
        assertEquals(0, buf.remaining());
        assertArrayEquals(x.toDoubleArray(), y.toDoubleArray());
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void setInPlaceRoundsToTheDtype(DType dtype) {
        Tensor x = Tensor.zeros(dtype, Shape.of(2, 2));
        x.setInPlace(3, 0.1);
        assertEquals(dtype == DType.F32 ? (double) 0.1f : 0.1, x.get(1, 1));
        assertEquals(0, x.get(0, 0));
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void indexSelectStacksTheChosenRowsInOrderWithRepeats(DType dtype) {
        Tensor x = Tensor.arange(0, 12, 1, dtype).reshape(3, 2, 2);
        Tensor picked = x.indexSelect(2, 0, 2);
        assertEquals(Shape.of(3, 2, 2), picked.shape());
        assertArrayEquals(new double[] {8, 9, 10, 11, 0, 1, 2, 3, 8, 9, 10, 11}, picked.toDoubleArray());
        assertEquals(Shape.of(0, 2, 2), x.indexSelect().shape());
    }
}
