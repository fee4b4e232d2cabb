package io.github.jgrad.nn.io;

import static io.github.jgrad.nn.io.SafeTensorsTest.raw;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jgrad.nn.Linear;
import io.github.jgrad.nn.Module;
import io.github.jgrad.nn.Sequential;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Tensor;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every malformed file is refused with a message naming the file, the tensor and the problem. */
class SafeTensorsValidationTest {
    @TempDir
    Path dir;

    private final Module module = new Sequential(new Linear(2, 2, new Rng(7)));

    /** Writes {@code bytes}, expects both a plain read and a module load to refuse it, module untouched. */
    private void assertRefused(byte[] bytes, String... messageParts) throws IOException {
        Path file = dir.resolve("bad.safetensors");
        Files.write(file, bytes);
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> SafeTensors.read(file));
        assertTrue(e.getMessage().startsWith(file.toString() + ": "), e.getMessage());
        for (String part : messageParts) {
            assertTrue(e.getMessage().contains(part), () -> "'" + e.getMessage() + "' lacks '" + part + "'");
        }
        Map<String, Tensor> before = module.stateDict();
        assertThrows(CheckpointFormatException.class, () -> Checkpoint.load(file, module));
        Map<String, Tensor> after = module.stateDict();
        before.forEach((k, t) -> assertArrayEquals(t.toFloatArray(), after.get(k).toFloatArray(), k));
    }

    private static byte[] lengthOnly(long n, int extraBytes) {
        return ByteBuffer.allocate(8 + extraBytes).order(ByteOrder.LITTLE_ENDIAN).putLong(n).array();
    }

    private static String entry(String name, String dtype, String shape, String offsets) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":" + offsets + "}";
    }

    @Test
    void filesTooShortForTheLengthAreRefused() throws IOException {
        assertRefused(new byte[0], "file is 0 bytes, too short");
        assertRefused(new byte[5], "file is 5 bytes, too short");
    }

    @Test
    void truncatedFilesAreRefused() throws IOException {
        byte[] good = raw("{" + entry("a", "F32", "[2]", "[0,8]") + "}", new byte[8]);
        assertRefused(Arrays.copyOf(good, good.length - 3), "tensor 'a'", "run past the end of the data section (5 bytes)",
                "the file is truncated");
        assertRefused(Arrays.copyOf(good, 20), "header length", "is larger than the 12 bytes that follow it",
                "the file is truncated");
        assertRefused(Arrays.copyOf(good, 5), "file is 5 bytes, too short", "truncated");
    }

    @Test
    void aTextFileIsCalledNotASafetensorsFile() throws IOException {
        byte[] text = "learning rate 1e-4\nbatch 64\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertRefused(text, "not a safetensors file", "\"learning\"");
    }

    @Test
    void headerLengthsBeyondTheFileOrTheLimitAreRefused() throws IOException {
        assertRefused(lengthOnly(1000, 20), "header length 1000 is larger than the 20 bytes that follow it");
        assertRefused(lengthOnly(1L << 62, 4), "header length 4611686018427387904 is larger than the 4 bytes");
        assertRefused(lengthOnly(-1L, 4), "header length 18446744073709551615 is larger than");
    }

    @Test
    void aHeaderOverTheSizeLimitIsRefusedBeforeItIsRead() throws IOException {
        // A sparse file just big enough that only the 100 MB cap can refuse the header.
        Path file = dir.resolve("huge.safetensors");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.write(lengthOnly(SafeTensors.MAX_HEADER_BYTES + 1, 0));
            f.setLength(SafeTensors.MAX_HEADER_BYTES + 100);
        }
        CheckpointFormatException e = assertThrows(CheckpointFormatException.class, () -> SafeTensors.read(file));
        assertTrue(e.getMessage().contains("header length 100000001 exceeds the limit of 100000000 bytes"),
                e.getMessage());
    }

    @Test
    void invalidJsonIsRefused() throws IOException {
        assertRefused(raw("{\"a\":{", new byte[0]), "header is not valid JSON");
        assertRefused(raw("not json", new byte[0]), "header is not valid JSON");
        assertRefused(raw("[1,2]", new byte[0]), "header is not a JSON object");
        assertRefused(raw("{} {}", new byte[0]), "header is not valid JSON", "malformed JSON at line 1 column 5");
        assertRefused(raw("{'a':1}", new byte[0]), "header is not valid JSON");
        assertRefused(raw("{\"a\":[]}", new byte[0]), "tensor 'a': entry must be an object");
        byte[] badUtf8 = raw("{\"xx\":{}}", new byte[0]);
        badUtf8[10] = (byte) 0xC3;
        badUtf8[11] = (byte) 0x28;
        assertRefused(badUtf8, "header is not valid UTF-8");
    }

    @Test
    void duplicateKeysAreRefused() throws IOException {
        String e = entry("a", "F32", "[1]", "[0,4]");
        assertRefused(raw("{" + e + "," + e + "}", new byte[4]), "key 'a' appears twice in the header");
    }

    @Test
    void offsetsPastTheEndAreRefused() throws IOException {
        assertRefused(raw("{" + entry("a", "F32", "[2]", "[0,8]") + "," + entry("b", "F32", "[2]", "[8,16]") + "}",
                new byte[8]), "tensor 'b'", "data_offsets [8, 16] run past the end of the data section (8 bytes)");
        assertRefused(raw("{" + entry("a", "F32", "[2]", "[8,0]") + "}", new byte[8]), "tensor 'a'", "end before they begin");
        assertRefused(raw("{" + entry("a", "F32", "[2]", "[0]") + "}", new byte[8]), "tensor 'a'",
                "data_offsets must be [begin, end], got [0]");
    }

    @Test
    void overlappingTensorsAreRefused() throws IOException {
        assertRefused(raw("{" + entry("a", "F32", "[2]", "[0,8]") + "," + entry("b", "F32", "[2]", "[4,12]") + "}",
                new byte[12]), "tensor 'b'", "overlap tensor 'a' [0, 8]");
        // Two tensors sharing one range: the second overlaps the first.
        assertRefused(raw("{" + entry("a", "F32", "[2]", "[0,8]") + "," + entry("b", "F32", "[2]", "[0,8]") + "}",
                new byte[8]), "overlap tensor");
    }

    @Test
    void holesAndUncoveredBytesAreRefused() throws IOException {
        assertRefused(raw("{" + entry("a", "F32", "[2]", "[0,8]") + "," + entry("b", "F32", "[2]", "[12,20]") + "}",
                new byte[20]), "tensor 'b'", "data bytes [8, 12) before it belong to no tensor (a hole");
        assertRefused(raw("{" + entry("a", "F32", "[2]", "[4,12]") + "}", new byte[12]), "tensor 'a'",
                "data bytes [0, 4) before it belong to no tensor");
        assertRefused(raw("{" + entry("a", "F32", "[2]", "[0,8]") + "}", new byte[12]),
                "data bytes [8, 12) at the end of the data section belong to no tensor");
        assertRefused(raw("{}", new byte[3]), "data bytes [0, 3) at the end");
    }

    @Test
    void unknownAndUnsupportedDtypesAreRefusedByName() throws IOException {
        assertRefused(raw("{" + entry("a", "F31", "[2]", "[0,8]") + "}", new byte[8]), "tensor 'a'", "unknown dtype 'F31'");
        assertRefused(raw("{" + entry("a", "I64", "[1]", "[0,8]") + "}", new byte[8]), "tensor 'a'",
                "dtype I64 is not supported");
    }

    @Test
    void shapesThatDisagreeWithTheOffsetsAreRefused() throws IOException {
        assertRefused(raw("{" + entry("a", "F32", "[3]", "[0,8]") + "}", new byte[8]), "tensor 'a'",
                "data_offsets [0, 8] span 8 bytes but shape [3] of F32 needs 12");
        assertRefused(raw("{" + entry("a", "F64", "[]", "[0,4]") + "}", new byte[4]), "tensor 'a'",
                "span 4 bytes but shape [] of F64 needs 8");
        assertRefused(raw("{" + entry("a", "F32", "[0,5]", "[0,4]") + "}", new byte[4]), "shape [0, 5] of F32 needs 0");
    }

    @Test
    void negativeFractionalAndOverflowingShapesAreRefused() throws IOException {
        assertRefused(raw("{" + entry("a", "F32", "[-1]", "[0,4]") + "}", new byte[4]), "tensor 'a'",
                "shape holds the negative number -1");
        assertRefused(raw("{" + entry("a", "F32", "[1.0]", "[0,4]") + "}", new byte[4]), "tensor 'a'",
                "shape holds 1.0, not a whole number");
        assertRefused(raw("{" + entry("a", "F32", "[2147483647,2147483647,2147483647]", "[0,4]") + "}",
                new byte[4]), "tensor 'a'", "overflows: its element count does not fit 64 bits");
        assertRefused(raw("{" + entry("a", "F32", "[65536,65536]", "[0,4]") + "}", new byte[4]), "tensor 'a'",
                "has 4294967296 elements, more than a jgrad tensor holds");
        assertRefused(raw("{" + entry("a", "F32", "[4294967296]", "[0,4]") + "}", new byte[4]), "tensor 'a'",
                "dimension of 4294967296");
        assertRefused(raw("{" + entry("a", "F32", "[1]", "[0,99999999999999999999]") + "}", new byte[4]),
                "tensor 'a'", "too large for any file");
        assertRefused(raw("{" + entry("a", "F32", "[\"1\"]", "[0,4]") + "}", new byte[4]), "tensor 'a'",
                "shape holds STRING, not a number");
    }

    @Test
    void shapesOfMoreThanSixtyFourDimensionsAndOffsetsOfMoreThanTwoNumbersAreRefusedWhileBeingRead()
            throws IOException {
        // 65 dimensions of size 1 hold one element; the limit keeps a header of a million of them
        // from being read into a million boxed numbers.
        String ones = "[" + "1,".repeat(64) + "1]";
        assertRefused(raw("{" + entry("a", "F32", ones, "[0,4]") + "}", new byte[4]), "tensor 'a'",
                "shape has more than 64 entries");
        assertRefused(raw("{" + entry("a", "F32", "[1]", "[0,4,8]") + "}", new byte[4]), "tensor 'a'",
                "data_offsets has more than 2 entries");
    }

    @Test
    void incompleteEntriesAndBadMetadataAreRefused() throws IOException {
        assertRefused(raw("{\"a\":{\"dtype\":\"F32\",\"shape\":[1]}}", new byte[4]), "tensor 'a'",
                "entry needs dtype, shape and data_offsets");
        assertRefused(raw("{\"__metadata__\":{\"k\":1}}", new byte[0]), "__metadata__ value of 'k' must be a string");
        assertRefused(raw("{\"__metadata__\":[]}", new byte[0]), "__metadata__ must be an object of strings");
    }

    @Test
    void validOddButLegalFilesAreAccepted() throws IOException {
        // Header without padding, unknown extra fields, null metadata, entries in any order,
        // an empty tensor sharing its offset with the next tensor: all allowed by the format.
        String header = "{\"__metadata__\":null," + entry("z", "F32", "[0]", "[0,0]") + ","
                + "\"b\":{\"data_offsets\":[4,8],\"extra\":{\"x\":[1]},\"shape\":[1],\"dtype\":\"F32\"},"
                + entry("a", "F32", "[1]", "[0,4]") + "}";
        Path file = dir.resolve("odd.safetensors");
        byte[] data = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(1.5f).putFloat(-2.5f).array();
        Files.write(file, raw(header, data));
        SafeTensors.Contents c = SafeTensors.read(file);
        assertEquals(1.5f, c.tensors().get("a").toFloatArray()[0]);
        assertEquals(-2.5f, c.tensors().get("b").toFloatArray()[0]);
        assertEquals(0, c.tensors().get("z").size());
        assertTrue(c.metadata().isEmpty());
        assertEquals(header.getBytes(StandardCharsets.UTF_8).length + 16, Files.size(file));
    }
}
