package io.github.jgrad.nn.io;

import io.github.jgrad.nn.io.SafeTensorsHeader.Entry;
import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads and writes the safetensors format of Hugging Face: an 8-byte little-endian unsigned
 * header length {@code N}, {@code N} bytes of UTF-8 JSON
 * ({@code {"__metadata__": {str: str}, "<name>": {"dtype": "F32", "shape": [..],
 * "data_offsets": [begin, end]}, ...}}, offsets relative to the data section), then the
 * row-major little-endian data.
 *
 * <p>Writing follows the reference implementation byte for byte: tensors ordered by element size
 * (F64 before F32), then by name (UTF-8 byte order); compact JSON with the metadata first (keys
 * sorted, omitted when empty); the header padded with spaces to a multiple of 8. Writes are
 * atomic: a temporary file in the same folder is written, forced to disk, then moved over the
 * target, so a crash leaves either the old file or the new one.
 *
 * <p>Reading trusts nothing: the header length must fit in the file and stay under
 * {@link #MAX_HEADER_BYTES}; the header must be strict JSON without duplicate keys; every entry
 * needs a known dtype, a non-negative shape of at most 64 dimensions whose size does not
 * overflow, and byte offsets inside the data section whose length matches shape and dtype; the
 * ranges must cover the data section exactly, with no hole and no overlap. Any failure is a
 * {@link CheckpointFormatException} naming the file, the tensor and the problem; memory is
 * allocated only after these checks, so never more than the file's size. F16 and BF16 tensors load as F32 (exact); other dtypes are refused.
 */
public final class SafeTensors {
    /** Largest header accepted, as in the reference implementation (guards against JSON bombs). */
    public static final long MAX_HEADER_BYTES = 100_000_000L;
    /** Bytes moved per I/O call: large enough to stream fast, small enough to never matter. */
    private static final int CHUNK = 1 << 20;

    /** The tensors of a file, by name in data order, and its {@code __metadata__} (empty if none). */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {
        /** Unmodifiable views of the given maps. */
        public Contents {
            tensors = Collections.unmodifiableMap(tensors);
            metadata = Collections.unmodifiableMap(metadata);
        }
    }

    private SafeTensors() {
    }

    /**
     * Writes {@code tensors} and {@code metadata} to {@code path} atomically (see the class comment).
     *
     * @param metadata string pairs for {@code __metadata__}; may be empty
     * @throws IllegalArgumentException if a tensor is named {@code __metadata__}
     * @throws NullPointerException if a name, tensor, metadata key or metadata value is null
     * @throws IOException if writing fails; the previous file at {@code path}, if any, is then untouched
     */
    public static void write(Path path, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        write(path, tensors, metadata, AtomicFiles.Observer.NONE);
    }

    /** {@link #write(Path, Map, Map)} with hooks that tests use to fail at chosen points. */
    static void write(Path path, Map<String, Tensor> tensors, Map<String, String> metadata,
            AtomicFiles.Observer observer) throws IOException {
        Objects.requireNonNull(path, "path");
        List<Map.Entry<String, Tensor>> ordered = ordered(tensors);
        Map<String, String> meta = new LinkedHashMap<>();
        Objects.requireNonNull(metadata, "metadata").forEach((k, v) ->
                meta.put(Objects.requireNonNull(k, "metadata key"), Objects.requireNonNull(v, "metadata value of " + k)));
        List<Entry> entries = new ArrayList<>();
        long offset = 0;
        for (Map.Entry<String, Tensor> e : ordered) {
            Tensor t = e.getValue();
            StoredType type = StoredType.of(t.dtype());
            long end = offset + (long) t.size() * type.size;
            entries.add(new Entry(e.getKey(), type, t.shape().toArray(), offset, end));
            offset = end;
        }
        byte[] header = SafeTensorsHeader.render(entries, meta);
        AtomicFiles.write(path, ch -> {
            ByteBuffer buf = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
            buf.putLong(header.length);
            writeFully(ch, buf.flip());
            writeFully(ch, ByteBuffer.wrap(header));
            for (Map.Entry<String, Tensor> e : ordered) {
                writeData(ch, e.getValue(), buf);
                observer.afterTensor(e.getKey());
            }
        }, observer);
    }

    private static List<Map.Entry<String, Tensor>> ordered(Map<String, Tensor> tensors) {
        Objects.requireNonNull(tensors, "tensors");
        List<Map.Entry<String, Tensor>> out = new ArrayList<>();
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            String name = Objects.requireNonNull(e.getKey(), "tensor name");
            Objects.requireNonNull(e.getValue(), "tensor '" + name + "'");
            if (name.equals(SafeTensorsHeader.METADATA_KEY)) {
                throw new IllegalArgumentException("safetensors: a tensor cannot be named " + name);
            }
            out.add(Map.entry(name, e.getValue()));
        }
        // The reference sorts by descending alignment, then by name as bytes.
        out.sort((a, b) -> {
            int bySize = Integer.compare(b.getValue().dtype().byteSize(), a.getValue().dtype().byteSize());
            return bySize != 0 ? bySize : Arrays.compareUnsigned(a.getKey().getBytes(StandardCharsets.UTF_8),
                    b.getKey().getBytes(StandardCharsets.UTF_8));
        });
        return out;
    }

    private static void writeData(FileChannel ch, Tensor t, ByteBuffer buf) throws IOException {
        int n = t.size();
        int per = t.dtype().byteSize();
        int chunkElems = CHUNK / per;
        for (int off = 0; off < n; off += chunkElems) {
            int len = Math.min(chunkElems, n - off);
            buf.clear();
            t.copyTo(buf, off, len);
            buf.flip();
            writeFully(ch, buf);
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    // ---------------------------------------------------------------- reading

    /**
     * Reads and validates a whole file.
     *
     * @throws CheckpointFormatException if the file is not valid safetensors (see the class comment)
     * @throws IOException if it cannot be read
     */
    public static Contents read(Path path) throws IOException {
        try (FileChannel ch = open(path)) {
            String file = path.toString();
            long n = headerLength(ch, file);
            SafeTensorsHeader.Parsed parsed = parseHeader(ch, n, file);
            long dataStart = 8 + n;
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(CHUNK, Math.max(8, ch.size())))
                    .order(ByteOrder.LITTLE_ENDIAN);
            for (Entry e : parsed.entries()) {
                tensors.put(e.name(), readData(ch, dataStart, e, buf, file));
            }
            return new Contents(tensors, parsed.metadata());
        }
    }

    /**
     * Reads and validates only the header, returning the {@code __metadata__} (cheap: no tensor
     * data is read).
     *
     * @throws CheckpointFormatException if the header or the layout it describes is invalid
     */
    public static Map<String, String> readMetadata(Path path) throws IOException {
        try (FileChannel ch = open(path)) {
            String file = path.toString();
            return Collections.unmodifiableMap(parseHeader(ch, headerLength(ch, file), file).metadata());
        }
    }

    /**
     * Opens {@code path} for reading. A folder is refused by name: Linux opens one as a channel
     * of 4096 bytes whose first read fails with a bare "Is a directory" that names no file.
     */
    private static FileChannel open(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        if (Files.isDirectory(path)) {
            throw new CheckpointFormatException(path + ": is a folder, not a safetensors file");
        }
        return FileChannel.open(path, StandardOpenOption.READ);
    }

    private static long headerLength(FileChannel ch, String file) throws IOException {
        long size = ch.size();
        if (size < 8) {
            throw new CheckpointFormatException(file + ": file is " + size
                    + " bytes, too short for the 8-byte header length (truncated, or not a safetensors file)");
        }
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, b, 0, file);
        long n = b.getLong(0);
        // The length is unsigned: a negative long is a length of 2^63 or more.
        if (n < 0 || n > size - 8) {
            if (isText(b.array())) {
                // Eight text bytes read as a length give 2^61 or more: no safetensors file is that long.
                throw new CheckpointFormatException(file + ": not a safetensors file (it begins with the text \""
                        + new String(b.array(), java.nio.charset.StandardCharsets.US_ASCII).strip()
                        + "\", not an 8-byte header length)");
            }
            throw new CheckpointFormatException(file + ": header length " + Long.toUnsignedString(n)
                    + " is larger than the " + (size - 8) + " bytes that follow it"
                    + (n >= 0 && n <= MAX_HEADER_BYTES ? ": the file is truncated" : ": not a safetensors file"));
        }
        if (n > MAX_HEADER_BYTES) {
            throw new CheckpointFormatException(file + ": header length " + n + " exceeds the limit of "
                    + MAX_HEADER_BYTES + " bytes");
        }
        return n;
    }

    /** Whether every byte is printable ASCII or a tab, line feed or carriage return. */
    private static boolean isText(byte[] bytes) {
        for (byte x : bytes) {
            if ((x < 0x20 || x > 0x7e) && x != '\t' && x != '\n' && x != '\r') {
                return false;
            }
        }
        return true;
    }

    private static SafeTensorsHeader.Parsed parseHeader(FileChannel ch, long n, String file) throws IOException {
        ByteBuffer hb = ByteBuffer.allocate((int) n);
        readFully(ch, hb, 8, file);
        return SafeTensorsHeader.parse(hb.array(), ch.size() - 8 - n, file);
    }

    private static Tensor readData(FileChannel ch, long dataStart, Entry e, ByteBuffer buf, String file)
            throws IOException {
        int n = e.elements();
        int per = e.type().size;
        int chunkElems = buf.capacity() / per;
        Tensor t = Tensor.zeros(e.type().loadsAs, Shape.of(e.shape()));
        // Half-precision values are widened into a float32 buffer first, then copied in as floats.
        ByteBuffer widened = e.type().loadsAs == DType.F32 && e.type().size != Float.BYTES
                ? ByteBuffer.allocate(chunkElems * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN) : null;
        long pos = dataStart + e.begin();
        for (int off = 0; off < n; off += chunkElems) {
            int len = Math.min(chunkElems, n - off);
            buf.clear().limit(len * per);
            readFully(ch, buf, pos, file);
            pos += (long) len * per;
            buf.flip();
            switch (e.type()) {
                case F32, F64 -> t.copyFromInPlace(buf, off, len);
                case F16 -> {
                    widened.clear();
                    for (int i = 0; i < len; i++) {
                        widened.putFloat(StoredType.halfToFloat(buf.getShort(2 * i)));
                    }
                    t.copyFromInPlace(widened.flip(), off, len);
                }
                case BF16 -> {
                    widened.clear();
                    for (int i = 0; i < len; i++) {
                        widened.putFloat(StoredType.bf16ToFloat(buf.getShort(2 * i)));
                    }
                    t.copyFromInPlace(widened.flip(), off, len);
                }
            }
        }
        return t;
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long position, String file) throws IOException {
        long pos = position;
        while (b.hasRemaining()) {
            int got = ch.read(b, pos);
            if (got < 0) {
                throw new CheckpointFormatException(file + ": file ended at byte " + pos
                        + " while reading (was it changed while being read?)");
            }
            pos += got;
        }
    }
}
