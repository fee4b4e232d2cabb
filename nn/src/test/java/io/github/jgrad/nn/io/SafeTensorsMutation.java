package io.github.jgrad.nn.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One random change to the bytes of a safetensors file, of a kind a damaged disk, a cut-off
 * download or a hostile author produces: bytes overwritten, the file cut short or extended, the
 * 8-byte header length replaced, or the JSON header edited (a number, a dtype, a character, a
 * deleted or repeated stretch), with or without the header length fixed up to match, so that
 * edits reach the JSON parser and the layout checks behind the length check. Everything random
 * comes from {@code seed}, so a failing case is reproduced from its printed form.
 *
 * @param kind what is changed
 * @param seed the source of every random choice the change makes
 */
public record SafeTensorsMutation(Kind kind, long seed) {

    /** What a mutation changes. */
    public enum Kind {
        /** One to eight bytes anywhere set to random values. */
        OVERWRITE_BYTES,
        /** The file cut at a random length. */
        TRUNCATE,
        /** Random bytes appended. */
        EXTEND,
        /** The header length replaced by an edge value or a random one. */
        HEADER_LENGTH,
        /** One header character replaced by a JSON-significant one, length kept. */
        HEADER_CHARACTER,
        /** A number in the header replaced by an edge value; header length fixed up. */
        HEADER_NUMBER,
        /** A dtype in the header replaced by another name; header length fixed up. */
        HEADER_DTYPE,
        /** A stretch of the header deleted or repeated; header length fixed up. */
        HEADER_STRETCH,
        /** Data bytes replaced by NaN, infinity or random bits: a valid file with odd values. */
        DATA_VALUES
    }

    private static final String JSON_CHARS = "{}[]\":,-.0123456789eE ntrufalsFI\\";
    private static final String[] NUMBERS = {"0", "1", "-1", "2", "7", "8", "1.5", "1e3", "2147483647", "2147483648",
        "4294967296", "9223372036854775807", "99999999999999999999", "00", "65536", "5000", "30000"};
    private static final String[] DTYPES = {"F16", "BF16", "F32", "F64", "I64", "BOOL", "U8", "F31", "", "f32"};
    private static final Pattern NUMBER = Pattern.compile("-?\\d+");
    private static final Pattern DTYPE = Pattern.compile("\"dtype\":\"([^\"]*)\"");

    /** The mutated copy of {@code file}. */
    public byte[] apply(byte[] file) {
        Random r = new Random(seed);
        byte[] b = file.clone();
        switch (kind) {
            case OVERWRITE_BYTES -> {
                int n = 1 + r.nextInt(8);
                for (int i = 0; i < n && b.length > 0; i++) {
                    b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                }
                return b;
            }
            case TRUNCATE -> {
                return Arrays.copyOf(b, b.length == 0 ? 0 : r.nextInt(b.length));
            }
            case EXTEND -> {
                byte[] out = Arrays.copyOf(b, b.length + 1 + r.nextInt(64));
                for (int i = b.length; i < out.length; i++) {
                    out[i] = (byte) r.nextInt(256);
                }
                return out;
            }
            case HEADER_LENGTH -> {
                long n = headerLength(b);
                long[] edges = {0, 1, 7, n - 1, n + 1, b.length - 8L, b.length - 7L, b.length, 1L << 31, 1L << 40,
                    Long.MAX_VALUE, -1, Long.MIN_VALUE, SafeTensors.MAX_HEADER_BYTES + 1, r.nextLong()};
                return withHeaderLength(b, edges[r.nextInt(edges.length)]);
            }
            case HEADER_CHARACTER -> {
                long n = headerLength(b);
                if (!fits(n, b) || n == 0) {
                    return b;
                }
                b[8 + r.nextInt((int) n)] = (byte) JSON_CHARS.charAt(r.nextInt(JSON_CHARS.length()));
                return b;
            }
            case HEADER_NUMBER -> {
                return editHeader(b, r, json -> replaceOne(json, NUMBER, 0, NUMBERS[r.nextInt(NUMBERS.length)], r));
            }
            case HEADER_DTYPE -> {
                return editHeader(b, r, json -> replaceOne(json, DTYPE, 1, DTYPES[r.nextInt(DTYPES.length)], r));
            }
            case HEADER_STRETCH -> {
                return editHeader(b, r, json -> {
                    if (json.isEmpty()) {
                        return json;
                    }
                    int from = r.nextInt(json.length());
                    int to = Math.min(json.length(), from + 1 + r.nextInt(24));
                    return r.nextBoolean() ? json.substring(0, from) + json.substring(to)
                            : json.substring(0, to) + json.substring(from);
                });
            }
            case DATA_VALUES -> {
                long n = headerLength(b);
                long start = 8 + n;
                if (!fits(n, b) || start == b.length) {
                    return b;
                }
                int[] patterns = {Float.floatToRawIntBits(Float.NaN), Float.floatToRawIntBits(Float.POSITIVE_INFINITY),
                    0x7fc00001, r.nextInt()};
                ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
                for (int k = 0; k < 4; k++) {
                    int at = (int) (start + r.nextInt((int) (b.length - start)));
                    if (at + 4 <= b.length) {
                        buf.putInt(at, patterns[r.nextInt(patterns.length)]);
                    }
                }
                return b;
            }
            default -> throw new AssertionError(kind);
        }
    }

    private interface JsonEdit {
        String apply(String json);
    }

    /**
     * Edits the JSON header (when the length field describes one) and, three times in four,
     * writes the new length so the edit is not caught by the length check alone.
     */
    private static byte[] editHeader(byte[] b, Random r, JsonEdit edit) {
        long n = headerLength(b);
        if (!fits(n, b)) {
            return b;
        }
        String json = new String(b, 8, (int) n, StandardCharsets.UTF_8);
        byte[] edited = edit.apply(json).getBytes(StandardCharsets.UTF_8);
        byte[] data = Arrays.copyOfRange(b, (int) (8 + n), b.length);
        ByteBuffer out = ByteBuffer.allocate(8 + edited.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(r.nextInt(4) == 0 ? n : edited.length).put(edited).put(data);
        return out.array();
    }

    private static String replaceOne(String s, Pattern p, int group, String replacement, Random r) {
        Matcher m = p.matcher(s);
        int count = 0;
        while (m.find()) {
            count++;
        }
        if (count == 0) {
            return s;
        }
        int pick = r.nextInt(count);
        m.reset();
        for (int i = 0; i <= pick; i++) {
            m.find();
        }
        return s.substring(0, m.start(group)) + replacement + s.substring(m.end(group));
    }

    /** Whether a header of length {@code n} fits in {@code b} after the length field (no overflow). */
    private static boolean fits(long n, byte[] b) {
        return n >= 0 && n <= b.length - 8L;
    }

    /** The little-endian header length, or -1 if the file is too short to hold one. */
    static long headerLength(byte[] b) {
        return b.length < 8 ? -1 : ByteBuffer.wrap(b, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    private static byte[] withHeaderLength(byte[] b, long n) {
        byte[] out = b.length < 8 ? Arrays.copyOf(b, 8) : b;
        ByteBuffer.wrap(out, 0, 8).order(ByteOrder.LITTLE_ENDIAN).putLong(n);
        return out;
    }
}
