package io.github.jgrad.nn.io;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The JSON header of a safetensors file: parsing with every check the format implies, and
 * rendering byte for byte as the reference implementation does.
 */
final class SafeTensorsHeader {
    /** The metadata key of the format. */
    static final String METADATA_KEY = "__metadata__";
    /**
     * Most dimensions a shape may have. Size-1 dimensions cost nothing in a tensor, so without a
     * limit a header of {@code [1,1,1,...]} would make the reader box millions of numbers.
     */
    static final int MAX_RANK = 64;

    /** One tensor's entry: name, stored type, dims, and its byte range within the data section. */
    record Entry(String name, StoredType type, int[] shape, long begin, long end) {
        /** Number of elements. */
        int elements() {
            return (int) ((end - begin) / type.size);
        }
    }

    /** The parsed header: entries in data order, and the metadata (empty if absent). */
    record Parsed(List<Entry> entries, Map<String, String> metadata) {
    }

    private SafeTensorsHeader() {
    }

    // ---------------------------------------------------------------- parsing

    /**
     * Parses and validates a header whose data section holds {@code dataLength} bytes.
     *
     * @param file the file name, for messages
     * @throws CheckpointFormatException naming the file, the tensor and the problem
     */
    static Parsed parse(byte[] header, long dataLength, String file) throws CheckpointFormatException {
        String json;
        try {
            json = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(header)).toString();
        } catch (CharacterCodingException e) {
            throw new CheckpointFormatException(file + ": header is not valid UTF-8", e);
        }
        List<Entry> entries = new ArrayList<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        try (JsonReader r = new JsonReader(new StringReader(json))) {
            r.setStrictness(Strictness.STRICT);
            if (r.peek() != JsonToken.BEGIN_OBJECT) {
                throw new CheckpointFormatException(file + ": header is not a JSON object (starts with " + r.peek() + ")");
            }
            r.beginObject();
            Set<String> seen = new HashSet<>();
            while (r.hasNext()) {
                String name = r.nextName();
                if (!seen.add(name)) {
                    throw new CheckpointFormatException(file + ": key '" + name + "' appears twice in the header");
                }
                if (name.equals(METADATA_KEY)) {
                    readMetadata(r, metadata, file);
                } else {
                    entries.add(readEntry(r, name, dataLength, file));
                }
            }
            r.endObject();
            if (r.peek() != JsonToken.END_DOCUMENT) {
                throw new CheckpointFormatException(file + ": header has data after its JSON object");
            }
        } catch (CheckpointFormatException e) {
            throw e;
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            // Gson reports syntax errors as MalformedJsonException (an IOException) and type
            // mismatches (an array where an object belongs) as IllegalStateException.
            throw new CheckpointFormatException(file + ": header is not valid JSON of the expected form: "
                    + describe(e), e);
        }
        checkCoverage(entries, dataLength, file);
        return new Parsed(entries, metadata);
    }

    /** Gson's message without its advice to switch to lenient parsing and its trailing link. */
    private static String describe(Exception e) {
        String m = String.valueOf(e.getMessage());
        int newline = m.indexOf('\n');
        if (newline >= 0) {
            m = m.substring(0, newline);
        }
        int at = m.indexOf(" at line ");
        return m.startsWith("Use JsonReader") && at >= 0 ? "malformed JSON" + m.substring(at) : m;
    }

    private static void readMetadata(JsonReader r, Map<String, String> out, String file) throws IOException {
        if (r.peek() == JsonToken.NULL) {
            r.nextNull();
            return;
        }
        if (r.peek() != JsonToken.BEGIN_OBJECT) {
            throw new CheckpointFormatException(file + ": " + METADATA_KEY + " must be an object of strings, got "
                    + r.peek());
        }
        r.beginObject();
        while (r.hasNext()) {
            String k = r.nextName();
            if (r.peek() != JsonToken.STRING) {
                throw new CheckpointFormatException(file + ": " + METADATA_KEY + " value of '" + k
                        + "' must be a string, got " + r.peek());
            }
            if (out.put(k, r.nextString()) != null) {
                throw new CheckpointFormatException(file + ": " + METADATA_KEY + " key '" + k + "' appears twice");
            }
        }
        r.endObject();
    }

    private static Entry readEntry(JsonReader r, String name, long dataLength, String file) throws IOException {
        String where = file + ": tensor '" + name + "'";
        if (r.peek() != JsonToken.BEGIN_OBJECT) {
            throw new CheckpointFormatException(where + ": entry must be an object, got " + r.peek());
        }
        String dtype = null;
        long[] shape = null;
        long[] offsets = null;
        r.beginObject();
        while (r.hasNext()) {
            String field = r.nextName();
            switch (field) {
                case "dtype" -> {
                    if (dtype != null || r.peek() != JsonToken.STRING) {
                        throw new CheckpointFormatException(where + ": dtype must be one string");
                    }
                    dtype = r.nextString();
                }
                case "shape" -> {
                    if (shape != null) {
                        throw new CheckpointFormatException(where + ": shape appears twice");
                    }
                    shape = readCounts(r, where, "shape", MAX_RANK);
                }
                case "data_offsets" -> {
                    if (offsets != null) {
                        throw new CheckpointFormatException(where + ": data_offsets appears twice");
                    }
                    offsets = readCounts(r, where, "data_offsets", 2);
                }
                // Unknown fields are ignored, as the reference implementation ignores them.
                default -> r.skipValue();
            }
        }
        r.endObject();
        if (dtype == null || shape == null || offsets == null) {
            throw new CheckpointFormatException(where + ": entry needs dtype, shape and data_offsets");
        }
        String[] problem = new String[1];
        StoredType type = StoredType.parse(dtype, problem);
        if (type == null) {
            throw new CheckpointFormatException(where + ": " + problem[0]);
        }
        int[] dims = checkShape(shape, where);
        if (offsets.length != 2) {
            throw new CheckpointFormatException(where + ": data_offsets must be [begin, end], got "
                    + Arrays.toString(offsets));
        }
        long begin = offsets[0];
        long end = offsets[1];
        if (end < begin) {
            throw new CheckpointFormatException(where + ": data_offsets " + Arrays.toString(offsets)
                    + " end before they begin");
        }
        if (end > dataLength) {
            throw new CheckpointFormatException(where + ": data_offsets " + Arrays.toString(offsets)
                    + " run past the end of the data section (" + dataLength + " bytes): the file is truncated");
        }
        long elements = 1;
        for (int d : dims) {
            elements *= d;
        }
        long need = elements * type.size;
        if (end - begin != need) {
            throw new CheckpointFormatException(where + ": data_offsets " + Arrays.toString(offsets) + " span "
                    + (end - begin) + " bytes but shape " + Arrays.toString(dims) + " of " + type + " needs " + need);
        }
        return new Entry(name, type, dims, begin, end);
    }

    /**
     * An array of at most {@code max} non-negative whole numbers, each read from its literal so
     * 1.0 or 1e3 is refused.
     */
    private static long[] readCounts(JsonReader r, String where, String field, int max) throws IOException {
        if (r.peek() != JsonToken.BEGIN_ARRAY) {
            throw new CheckpointFormatException(where + ": " + field + " must be an array, got " + r.peek());
        }
        List<Long> values = new ArrayList<>();
        r.beginArray();
        while (r.hasNext()) {
            if (values.size() == max) {
                throw new CheckpointFormatException(where + ": " + field + " has more than " + max + " entries");
            }
            if (r.peek() != JsonToken.NUMBER) {
                throw new CheckpointFormatException(where + ": " + field + " holds " + r.peek() + ", not a number");
            }
            String literal = r.nextString();
            if (literal.startsWith("-")) {
                throw new CheckpointFormatException(where + ": " + field + " holds the negative number " + literal);
            }
            if (!literal.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new CheckpointFormatException(where + ": " + field + " holds " + literal
                        + ", not a whole number");
            }
            try {
                values.add(Long.parseLong(literal));
            } catch (NumberFormatException e) {
                throw new CheckpointFormatException(where + ": " + field + " holds " + literal
                        + ", too large for any file", e);
            }
        }
        r.endArray();
        long[] out = new long[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    private static int[] checkShape(long[] shape, String where) throws CheckpointFormatException {
        int[] dims = new int[shape.length];
        boolean empty = false;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] > Integer.MAX_VALUE) {
                throw new CheckpointFormatException(where + ": shape " + Arrays.toString(shape) + " has a dimension of "
                        + shape[i] + ", more than a jgrad tensor holds");
            }
            dims[i] = (int) shape[i];
            empty |= shape[i] == 0;
        }
        if (empty) {
            // A zero anywhere makes an empty tensor, however large the other dims.
            return dims;
        }
        long elements = 1;
        for (long d : shape) {
            try {
                elements = Math.multiplyExact(elements, d);
            } catch (ArithmeticException e) {
                throw new CheckpointFormatException(where + ": shape " + Arrays.toString(shape)
                        + " overflows: its element count does not fit 64 bits", e);
            }
        }
        if (elements > Integer.MAX_VALUE) {
            throw new CheckpointFormatException(where + ": shape " + Arrays.toString(shape) + " has " + elements
                    + " elements, more than a jgrad tensor holds (" + Integer.MAX_VALUE + ")");
        }
        return dims;
    }

    /** The byte ranges must tile the data section exactly: no hole, no overlap, nothing left over. */
    private static void checkCoverage(List<Entry> entries, long dataLength, String file)
            throws CheckpointFormatException {
        entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long expected = 0;
        Entry previous = null;
        for (Entry e : entries) {
            if (e.begin() > expected) {
                throw new CheckpointFormatException(file + ": tensor '" + e.name() + "': data bytes [" + expected + ", "
                        + e.begin() + ") before it belong to no tensor (a hole in the data section)");
            }
            if (e.begin() < expected) {
                throw new CheckpointFormatException(file + ": tensor '" + e.name() + "': data_offsets [" + e.begin()
                        + ", " + e.end() + "] overlap tensor '" + previous.name() + "' [" + previous.begin() + ", "
                        + previous.end() + "]");
            }
            expected = e.end();
            previous = e;
        }
        if (expected != dataLength) {
            throw new CheckpointFormatException(file + ": data bytes [" + expected + ", " + dataLength
                    + ") at the end of the data section belong to no tensor");
        }
    }

    // ---------------------------------------------------------------- rendering

    /**
     * Renders the header as the reference implementation does: compact JSON, metadata first
     * (keys sorted; omitted when empty), then the entries in data order, padded with spaces to a
     * multiple of 8 bytes so the data section starts aligned.
     */
    static byte[] render(List<Entry> entries, Map<String, String> metadata) {
        StringBuilder sb = new StringBuilder("{");
        if (!metadata.isEmpty()) {
            quote(sb, METADATA_KEY).append(":{");
            boolean first = true;
            for (Map.Entry<String, String> m : new TreeMap<>(metadata).entrySet()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                quote(sb, m.getKey()).append(':');
                quote(sb, m.getValue());
            }
            sb.append('}');
        }
        for (Entry e : entries) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            quote(sb, e.name()).append(":{\"dtype\":\"").append(e.type().name()).append("\",\"shape\":[");
            for (int i = 0; i < e.shape().length; i++) {
                sb.append(i == 0 ? "" : ",").append(e.shape()[i]);
            }
            sb.append("],\"data_offsets\":[").append(e.begin()).append(',').append(e.end()).append("]}");
        }
        sb.append('}');
        byte[] json = sb.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        byte[] out = Arrays.copyOf(json, padded);
        Arrays.fill(out, json.length, padded, (byte) ' ');
        return out;
    }

    /** A JSON string escaped as serde_json does: quote, backslash and control characters only. */
    private static StringBuilder quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }
}
