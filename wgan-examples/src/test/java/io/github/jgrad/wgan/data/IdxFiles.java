package io.github.jgrad.wgan.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files, well-formed or deliberately broken, for the loader's tests. */
final class IdxFiles {
    private IdxFiles() {
    }

    /** IDX bytes: magic, the given header ints, then the data. */
    static byte[] idx(int magic, int[] header, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * header.length + data.length); // big-endian by default
        b.putInt(magic);
        for (int h : header) {
            b.putInt(h);
        }
        b.put(data);
        return b.array();
    }

    /** An images file holding {@code pixels} for {@code count} images of {@code rows x cols}. */
    static byte[] images(int count, int rows, int cols, byte[] pixels) {
        return idx(2051, new int[] {count, rows, cols}, pixels);
    }

    /** A labels file. */
    static byte[] labels(int... labels) {
        byte[] data = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            data[i] = (byte) labels[i];
        }
        return idx(2049, new int[] {labels.length}, data);
    }

    /** Gzip-compresses {@code bytes}. */
    static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    /** Writes {@code bytes} to {@code folder/name} and returns the path. */
    static Path write(Path folder, String name, byte[] bytes) throws IOException {
        return Files.write(folder.resolve(name), bytes);
    }
}
