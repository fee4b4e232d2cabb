package io.github.jgrad.wgan.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads an IDX file of unsigned bytes (the MNIST format): a big-endian magic number
 * {@code 0x0000 08 nn} (type ubyte, {@code nn} dimensions), {@code nn} big-endian dimension
 * sizes, then the data. Gzip compression is recognised by its magic bytes {@code 1f 8b}, not
 * by the file name, since downloads are often renamed or decompressed in place.
 */
final class IdxReader {
    /** Magic number of an MNIST image file: unsigned bytes, 3 dimensions (count, rows, cols). */
    static final int IMAGES_MAGIC = 2051;
    /** Magic number of an MNIST label file: unsigned bytes, 1 dimension (count). */
    static final int LABELS_MAGIC = 2049;

    /** Largest array the JVM reliably allocates. */
    private static final long MAX_PAYLOAD = Integer.MAX_VALUE - 8;
    /**
     * Most bytes one compressed byte can expand to: deflate's best ratio is about 1032:1 (a
     * 258-byte match coded in under two bits). A gzip file declaring more than this times its own
     * size is lying, and is refused before any of it is decompressed.
     */
    static final long MAX_GZIP_RATIO = 1032;

    /** The dimensions and unsigned-byte data of one IDX file. */
    record Contents(int[] dims, byte[] data) {
    }

    private IdxReader() {
    }

    /**
     * Reads {@code file}, which must carry {@code expectedMagic}.
     *
     * @throws MnistFormatException naming the file if it is missing, of the wrong kind, has
     *                              impossible dimensions or holds fewer bytes than it declares
     */
    static Contents read(Path file, int expectedMagic) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new MnistFormatException(file, Files.exists(file) ? "is not a regular file" : "file not found");
        }
        boolean gzip = startsWithGzipMagic(file);
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
             InputStream in = gzip ? new GZIPInputStream(raw) : raw) {
            int rank = expectedMagic & 0xFF;
            byte[] header = in.readNBytes(4 + 4 * rank);
            if (header.length < 4 + 4 * rank) {
                throw new MnistFormatException(file, "truncated header: expected " + (4 + 4 * rank)
                        + " bytes, found " + header.length + describe(gzip));
            }
            checkMagic(file, bigEndianInt(header, 0), expectedMagic);
            int[] dims = new int[rank];
            for (int i = 0; i < rank; i++) {
                dims[i] = bigEndianInt(header, 4 + 4 * i);
            }
            long payload = payloadSize(file, dims);
            if (gzip) {
                long fileSize = Files.size(file);
                if (payload > MAX_GZIP_RATIO * fileSize) {
                    throw new MnistFormatException(file, "header declares " + shape(dims) + " = " + payload
                            + " bytes, more than a " + fileSize + "-byte gzip file can hold (at most "
                            + MAX_GZIP_RATIO * fileSize + " bytes after decompression)");
                }
            } else {
                // Checked before allocating: a corrupt header must not ask for gigabytes.
                long remaining = Files.size(file) - header.length;
                if (payload > remaining) {
                    throw new MnistFormatException(file, "truncated data: header declares " + shape(dims)
                            + " = " + payload + " bytes but only " + remaining + " bytes follow the header");
                }
            }
            // For gzip the exact size is unknown up front; readNBytes grows its buffer only as data
            // actually arrives, so a lying header costs no more memory than the real content.
            byte[] data = in.readNBytes((int) payload);
            if (data.length < payload) {
                throw new MnistFormatException(file, "truncated data: header declares " + shape(dims)
                        + " = " + payload + " bytes but only " + data.length + " bytes follow the header"
                        + describe(gzip));
            }
            return new Contents(dims, data);
        } catch (ZipException | EOFException e) {
            throw new MnistFormatException(file, "corrupt or truncated gzip data (" + e.getMessage() + ")", e);
        }
    }

    private static boolean startsWithGzipMagic(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] first = in.readNBytes(2);
            return first.length == 2 && (first[0] & 0xFF) == 0x1F && (first[1] & 0xFF) == 0x8B;
        }
    }

    private static void checkMagic(Path file, int magic, int expected) throws MnistFormatException {
        if (magic == expected) {
            return;
        }
        String hint = "";
        if (magic == IMAGES_MAGIC) {
            hint = "; this looks like an MNIST images file";
        } else if (magic == LABELS_MAGIC) {
            hint = "; this looks like an MNIST labels file";
        }
        throw new MnistFormatException(file, String.format("wrong magic number %d (0x%08X), expected %d (0x%08X, %s)%s",
                magic, magic, expected, expected, expected == IMAGES_MAGIC ? "IDX images" : "IDX labels", hint));
    }

    /** The byte count the dimensions declare, refusing sizes no file or array could hold. */
    private static long payloadSize(Path file, int[] dims) throws MnistFormatException {
        long size = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 1) {
                // A negative int here is an unsigned size of 2^31 or more.
                throw new MnistFormatException(file, "absurd dimensions " + shape(dims) + ": dimension " + i
                        + " is " + Integer.toUnsignedString(dims[i]) + ", must be between 1 and " + Integer.MAX_VALUE);
            }
            size *= dims[i]; // both factors are below 2^31, so the long cannot overflow
            if (size > MAX_PAYLOAD) {
                throw new MnistFormatException(file, "absurd dimensions " + shape(dims) + ": "
                        + "more than " + MAX_PAYLOAD + " bytes, larger than any MNIST file could hold");
            }
        }
        return size;
    }

    private static int bigEndianInt(byte[] b, int offset) {
        return ((b[offset] & 0xFF) << 24) | ((b[offset + 1] & 0xFF) << 16)
                | ((b[offset + 2] & 0xFF) << 8) | (b[offset + 3] & 0xFF);
    }

    private static String shape(int[] dims) {
        return Arrays.stream(dims).mapToObj(Integer::toUnsignedString)
                .reduce((a, b) -> a + " x " + b).orElse("");
    }

    private static String describe(boolean gzip) {
        return gzip ? " (after gzip decompression)" : "";
    }
}
