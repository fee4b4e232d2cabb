package io.github.jgrad.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {
    @TempDir
    Path dir;

    /** A file from raw parts: 8-byte little-endian header length, the header, the data. */
    static byte[] raw(String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).put(data);
        return b.array();
    }

    static long[] bits(Tensor t) {
        long[] out = new long[t.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = t.dtype() == DType.F32 ? Float.floatToRawIntBits(t.toFloatArray()[i])
                    : Double.doubleToRawLongBits(t.toDoubleArray()[i]);
        }
        return out;
    }

    @Test
    void roundTripIsBitExactForSpecialValuesScalarsAndEmptyTensors() throws IOException {
        float payloadNaN = Float.intBitsToFloat(0x7fc00123);
        Map<String, Tensor> in = new LinkedHashMap<>();
        in.put("f32.special", Tensor.of(new float[] {Float.NaN, payloadNaN, Float.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, -0.0f, 0.0f, Float.MIN_VALUE, Float.MAX_VALUE, -1.5f}, 3, 3));
        in.put("f64.special", Tensor.of(new double[] {Double.NaN, Double.longBitsToDouble(0x7ff8000000000abcL),
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE, Math.PI, -1e300}, 2, 4));
        in.put("scalar32", Tensor.scalar(0.1, DType.F32));
        in.put("scalar64", Tensor.scalar(-0.0, DType.F64));
        in.put("empty32", Tensor.zeros(DType.F32, Shape.of(0, 3)));
        in.put("empty64", Tensor.zeros(DType.F64, Shape.of(4, 0)));
        Map<String, String> meta = Map.of("iteration", "42", "note", "quotes \" backslash \\ newline \n tab \t é ☃ \u0001");
        Path file = dir.resolve("rt.safetensors");
        SafeTensors.write(file, in, meta);
        SafeTensors.Contents out = SafeTensors.read(file);
        assertEquals(in.keySet(), out.tensors().keySet());
        for (Map.Entry<String, Tensor> e : in.entrySet()) {
            Tensor got = out.tensors().get(e.getKey());
            assertEquals(e.getValue().shape(), got.shape(), e.getKey());
            assertEquals(e.getValue().dtype(), got.dtype(), e.getKey());
            assertArrayEquals(bits(e.getValue()), bits(got), e.getKey());
        }
        assertEquals(meta, out.metadata());
        assertEquals(meta, SafeTensors.readMetadata(file));
        long headerLength = ByteBuffer.wrap(Files.readAllBytes(file), 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, headerLength % 8, "the header is padded so the data section starts 8-aligned");
    }

    @Test
    void tinyFileHasExactlyTheReferenceByteLayout() throws IOException {
        Map<String, Tensor> in = new LinkedHashMap<>();
        in.put("b", Tensor.of(new float[] {1.0f, -2.0f}));
        in.put("a", Tensor.scalar(0.5, DType.F64));
        Path file = dir.resolve("tiny.safetensors");
        SafeTensors.write(file, in, Map.of("k", "v"));

        // F64 before F32 (descending alignment), metadata first, compact JSON, 132 bytes padded
        // with 4 spaces to 136.
        String json = "{\"__metadata__\":{\"k\":\"v\"},"
                + "\"a\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}    ";
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(new byte[] {(byte) 136, 0, 0, 0, 0, 0, 0, 0});
        expected.writeBytes(json.getBytes(StandardCharsets.US_ASCII));
        expected.writeBytes(new byte[] {0, 0, 0, 0, 0, 0, (byte) 0xE0, 0x3F}); // 0.5 as F64 LE
        expected.writeBytes(new byte[] {0, 0, (byte) 0x80, 0x3F}); // 1.0f
        expected.writeBytes(new byte[] {0, 0, 0, (byte) 0xC0}); // -2.0f
        assertArrayEquals(expected.toByteArray(), Files.readAllBytes(file));
    }

    @Test
    void namesAreOrderedByUtf8BytesWithinADtypeAndMetadataIsOmittedWhenEmpty() throws IOException {
        Map<String, Tensor> in = new LinkedHashMap<>();
        for (String n : List.of("b", "é", "a", "B", "a.b", "a0")) {
            in.put(n, Tensor.zeros(1));
        }
        Path file = dir.resolve("order.safetensors");
        SafeTensors.write(file, in, Map.of());
        assertEquals(List.of("B", "a", "a.b", "a0", "b", "é"), List.copyOf(SafeTensors.read(file).tensors().keySet()));
        String header = new String(Files.readAllBytes(file), 8, 20, StandardCharsets.UTF_8);
        assertTrue(header.startsWith("{\"B\":{"), header);
    }

    @Test
    void halfPrecisionTypesLoadAsExactFloat32() throws IOException {
        short[] f16 = {0x3C00, (short) 0xC000, 0x7BFF, 0x0001, 0x03FF, 0x7C00, (short) 0x8000, 0x7E00, 0x3555};
        float[] f16Expected = {1f, -2f, 65504f, 0x1p-24f, 1023 * 0x1p-24f, Float.POSITIVE_INFINITY, -0.0f,
            Float.NaN, 0.333251953125f};
        short[] bf16 = {0x3F80, (short) 0xFF80, 0x4049, 0x0001};
        float[] bf16Expected = {1f, Float.NEGATIVE_INFINITY, 3.140625f, Float.intBitsToFloat(0x00010000)};
        ByteBuffer data = ByteBuffer.allocate(2 * (f16.length + bf16.length)).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : f16) {
            data.putShort(s);
        }
        for (short s : bf16) {
            data.putShort(s);
        }
        String header = "{\"h\":{\"dtype\":\"F16\",\"shape\":[3,3],\"data_offsets\":[0,18]},"
                + "\"bf\":{\"dtype\":\"BF16\",\"shape\":[4],\"data_offsets\":[18,26]}}";
        Path file = dir.resolve("half.safetensors");
        Files.write(file, raw(header, data.array()));
        SafeTensors.Contents c = SafeTensors.read(file);
        Tensor h = c.tensors().get("h");
        assertEquals(DType.F32, h.dtype());
        assertEquals(Shape.of(3, 3), h.shape());
        for (int i = 0; i < f16Expected.length; i++) {
            assertEquals(Float.floatToIntBits(f16Expected[i]), Float.floatToIntBits(h.toFloatArray()[i]), "f16 #" + i);
        }
        Tensor b = c.tensors().get("bf");
        for (int i = 0; i < bf16Expected.length; i++) {
            assertEquals(Float.floatToIntBits(bf16Expected[i]), Float.floatToIntBits(b.toFloatArray()[i]), "bf16 #" + i);
        }
    }

    @Test
    void largeTensorsStreamThroughSeveralChunks() throws IOException {
        float[] big = new float[700_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = i * 0.5f - 7;
        }
        Path file = dir.resolve("big.safetensors");
        SafeTensors.write(file, Map.of("big", Tensor.wrap(big, Shape.of(700, 1000)),
                "d", Tensor.arange(0, 200_000, 1, DType.F64)), Map.of());
        SafeTensors.Contents c = SafeTensors.read(file);
        assertArrayEquals(big, c.tensors().get("big").toFloatArray());
        assertEquals(199_999.0, c.tensors().get("d").getDouble(199_999));
    }

    @Test
    void aWriteThatFailsMidwayLeavesThePreviousFileIntactAndNoTemporaryFile() throws IOException {
        Path file = dir.resolve("model.safetensors");
        SafeTensors.write(file, Map.of("a", Tensor.of(new float[] {1, 2}), "b", Tensor.of(new float[] {3})), Map.of());
        byte[] before = Files.readAllBytes(file);
        Map<String, Tensor> next = Map.of("a", Tensor.of(new float[] {9, 9}), "b", Tensor.of(new float[] {9}));

        AtomicFiles.Observer failOnSecondTensor = new AtomicFiles.Observer() {
            @Override
            public void afterTensor(String name) throws IOException {
                if (name.equals("b")) {
                    throw new IOException("disk full (simulated)");
                }
            }
        };
        IOException e = assertThrows(IOException.class, () -> SafeTensors.write(file, next, Map.of(), failOnSecondTensor));
        assertEquals("disk full (simulated)", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));

        AtomicFiles.Observer crashBeforeRename = new AtomicFiles.Observer() {
            @Override
            public void beforeCommit(Path temp) throws IOException {
                // The complete new file exists beside the target, but has not replaced it yet.
                assertEquals(temp.getParent(), file.getParent());
                assertTrue(Files.size(temp) > 0);
                throw new IOException("crash before rename (simulated)");
            }
        };
        assertThrows(IOException.class, () -> SafeTensors.write(file, next, Map.of(), crashBeforeRename));
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(1.0f, SafeTensors.read(file).tensors().get("a").toFloatArray()[0]);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
    }

    @Test
    void aTemporaryFileLeftByAKilledWriterNeverReplacesTheTarget() throws IOException {
        Path file = dir.resolve("model.safetensors");
        SafeTensors.write(file, Map.of("a", Tensor.of(new float[] {1, 2})), Map.of());
        // What a writer killed mid-write leaves: a hidden partial file beside the target.
        Path leftover = dir.resolve(".model.safetensors.1234abcd.tmp");
        Files.write(leftover, new byte[] {1, 2, 3});
        assertEquals(2.0f, SafeTensors.read(file).tensors().get("a").toFloatArray()[1]);
        SafeTensors.write(file, Map.of("a", Tensor.of(new float[] {5, 6})), Map.of());
        assertEquals(6.0f, SafeTensors.read(file).tensors().get("a").toFloatArray()[1]);
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(leftover));
    }
}
