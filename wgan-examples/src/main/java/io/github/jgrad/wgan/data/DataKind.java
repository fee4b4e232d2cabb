package io.github.jgrad.wgan.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What a {@code --data} value names, told apart by its form alone. */
public enum DataKind {
    /** A 2-D toy set: {@code 8gaussians}, {@code 25gaussians}, {@code swissroll}. */
    TOY,
    /** The MNIST IDX files in the data folder: {@code mnist}. */
    MNIST,
    /** A CSV table: a path ending in {@code .csv}, or any path after {@code csv:}. */
    TABLE,
    /** A folder of PNG or JPEG images: an existing folder, or any path after {@code images:}. */
    IMAGES;

    /** The kind {@code data} names. Anything that is none of the others is taken for a toy set id. */
    public static DataKind of(String data) {
        String d = data.trim();
        String lower = d.toLowerCase(Locale.ROOT);
        if (lower.equals("mnist")) {
            return MNIST;
        }
        if (lower.startsWith("csv:") || lower.endsWith(".csv")) {
            return TABLE;
        }
        if (lower.startsWith("images:")) {
            return IMAGES;
        }
        try {
            if (Files.isDirectory(Path.of(d))) {
                return IMAGES;
            }
        } catch (java.nio.file.InvalidPathException e) {
            return TOY;
        }
        return TOY;
    }

    /** The path a {@link #TABLE} or {@link #IMAGES} value names, without its prefix. */
    public static Path path(String data) {
        String d = data.trim();
        int colon = d.indexOf(':');
        String lower = d.toLowerCase(Locale.ROOT);
        if (colon > 0 && (lower.startsWith("csv:") || lower.startsWith("images:"))) {
            d = d.substring(colon + 1);
        }
        return Path.of(d);
    }
}
