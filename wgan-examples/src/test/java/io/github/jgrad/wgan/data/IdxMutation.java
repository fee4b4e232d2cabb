package io.github.jgrad.wgan.data;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;

/**
 * One random change to the bytes of an IDX file (or of its gzip compression): bytes overwritten,
 * the file cut short or extended, or one of the big-endian header ints (magic number or a
 * dimension) replaced by an edge value: 0, negative, huge, off by one, or a product that
 * overflows. Everything random comes from {@code seed}, so a failing case is reproduced from its
 * printed form.
 *
 * @param kind what is changed
 * @param seed the source of every random choice the change makes
 */
record IdxMutation(Kind kind, long seed) {

    /** What a mutation changes. */
    enum Kind {
        /** One to eight bytes anywhere set to random values. */
        OVERWRITE_BYTES,
        /** The file cut at a random length. */
        TRUNCATE,
        /** Random bytes appended. */
        EXTEND,
        /** The magic number or one dimension replaced by an edge value (only for uncompressed bytes). */
        HEADER_INT
    }

    private static final int[] EDGES = {0, 1, -1, 2, 27, 28, 29, 255, 256, 2049, 2051, 0x0803, 0x0801, 65_536,
        1_000_000, Integer.MAX_VALUE, Integer.MIN_VALUE, 0x7FFF_FFF8};

    /** The mutated copy of {@code file}. */
    byte[] apply(byte[] file) {
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
            case HEADER_INT -> {
                int ints = Math.min(4, b.length / 4);
                if (ints == 0) {
                    return b;
                }
                int value = r.nextInt(3) == 0 ? r.nextInt() : EDGES[r.nextInt(EDGES.length)];
                ByteBuffer.wrap(b).putInt(4 * r.nextInt(ints), value);
                return b;
            }
            default -> throw new AssertionError(kind);
        }
    }
}
