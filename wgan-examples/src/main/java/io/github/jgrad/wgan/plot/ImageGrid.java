package io.github.jgrad.wgan.plot;

import io.github.jgrad.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A grid of grey or colour images (generated digits, a folder's images) as a PNG: each image enlarged by an integer
 * factor with hard pixel edges, cells separated by thin white lines. Images fill the grid row by
 * row; unused cells at the end stay white.
 */
public final class ImageGrid {
    /** Width in pixels of the white lines between cells and around the grid. */
    public static final int SEPARATOR = 2;
    /** Colour of the separators and of unused cells. */
    static final int SEPARATOR_RGB = 0xFFFFFF;

    private ImageGrid() {
    }

    /**
     * Writes the images {@code columns} per row, each pixel drawn as a {@code scale x scale}
     * block. Values map linearly from {@code [-1, 1]} to 0..255 per channel (the range of a tanh
     * generator); values outside are clamped and NaN is drawn black.
     *
     * @param png output file; parent folders are created, an existing file is replaced atomically
     * @param images shape {@code [n, 1, h, w]} (grey) or {@code [n, 3, h, w]} (RGB) with {@code n >= 1}
     * @param columns images per row, at least 1
     * @param scale enlargement factor, at least 1
     * @throws IllegalArgumentException if the shape is not {@code [n, 1 or 3, h, w]}, a size is zero,
     *     or {@code columns} or {@code scale} is below 1
     * @throws IOException if the file cannot be written
     */
    public static void write(Path png, Tensor images, int columns, int scale) throws IOException {
        PngFiles.target(png);
        if (images == null) {
            throw new IllegalArgumentException("image grid: images must not be null");
        }
        if (images.rank() != 4 || (images.dim(1) != 1 && images.dim(1) != 3)) {
            throw new IllegalArgumentException("image grid: images must have shape [n, 1 or 3, h, w], got " + images.shape());
        }
        if (images.dim(0) < 1 || images.dim(2) < 1 || images.dim(3) < 1) {
            throw new IllegalArgumentException("image grid: images must be non-empty, got shape " + images.shape());
        }
        if (columns < 1) {
            throw new IllegalArgumentException("image grid: columns must be at least 1, got " + columns);
        }
        if (scale < 1) {
            throw new IllegalArgumentException("image grid: scale must be at least 1, got " + scale);
        }
        PngFiles.write(render(images, columns, scale), png);
    }

    /** Pixel x of the left edge of column {@code col}'s cell (rows use the same rule for y). */
    static int cellOrigin(int index, int cellSize) {
        return SEPARATOR + index * (cellSize + SEPARATOR);
    }

    /** The gray level (0..255) of value {@code v} in {@code [-1, 1]}. */
    static int gray(double v) {
        if (Double.isNaN(v)) {
            return 0;
        }
        double t = (Math.max(-1, Math.min(1, v)) + 1) / 2;
        return (int) Math.round(t * 255);
    }

    static BufferedImage render(Tensor images, int columns, int scale) {
        int n = images.dim(0);
        int h = images.dim(2);
        int w = images.dim(3);
        int cols = Math.min(columns, n);
        int rows = (n + columns - 1) / columns;
        long width = (long) cols * (w * (long) scale + SEPARATOR) + SEPARATOR;
        long height = (long) rows * (h * (long) scale + SEPARATOR) + SEPARATOR;
        if (width * height > 100_000_000L) {
            throw new IllegalArgumentException("image grid: " + width + "x" + height
                    + " pixels is too large; lower scale or the number of images");
        }
        BufferedImage image = Style.canvas((int) width, (int) height);
        int[] all = new int[(int) (width * height)];
        java.util.Arrays.fill(all, SEPARATOR_RGB);
        double[] v = images.toDoubleArray();
        int channels = images.dim(1);
        int plane = h * w;
        // A grey image repeats its one plane as red, green and blue.
        int green = channels == 3 ? plane : 0;
        int blue = channels == 3 ? 2 * plane : 0;
        for (int k = 0; k < n; k++) {
            int x0 = cellOrigin(k % columns, w * scale);
            int y0 = cellOrigin(k / columns, h * scale);
            for (int r = 0; r < h * scale; r++) {
                int rowBase = (y0 + r) * (int) width + x0;
                int src = k * channels * plane + (r / scale) * w;
                for (int c = 0; c < w * scale; c++) {
                    int p = src + c / scale;
                    all[rowBase + c] = (gray(v[p]) << 16) | (gray(v[p + green]) << 8) | gray(v[p + blue]);
                }
            }
        }
        image.setRGB(0, 0, (int) width, (int) height, all, 0, (int) width);
        return image;
    }
}
