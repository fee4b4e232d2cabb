package io.github.jgrad.wgan.plot;

import io.github.jgrad.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Images written one PNG file each, at their own size, as a folder of images a user can open or train on again. */
public final class ImageFiles {
    private ImageFiles() {
    }

    /**
     * Writes image {@code i} of {@code images} ({@code [n, 1 or 3, h, w]}, values in {@code [-1, 1]})
     * as {@code folder/<prefix>-<i>.png}, numbered from 1 with leading zeros so that names sort in
     * order. Grey images are written as 8-bit grey, colour ones as RGB.
     *
     * @return the number of files written
     */
    public static int write(Path folder, String prefix, Tensor images) throws IOException {
        if (images.rank() != 4 || (images.dim(1) != 1 && images.dim(1) != 3)) {
            throw new IllegalArgumentException("image files: images must have shape [n, 1 or 3, h, w], got "
                    + images.shape());
        }
        Files.createDirectories(folder);
        int n = images.dim(0);
        int c = images.dim(1);
        int h = images.dim(2);
        int w = images.dim(3);
        double[] v = images.toDoubleArray();
        int digits = Math.max(4, Integer.toString(n).length());
        for (int k = 0; k < n; k++) {
            BufferedImage img = Style.canvas(w, h);
            if (c == 1) {
                img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
            }
            int base = k * c * h * w;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int p = base + y * w + x;
                    int r = ImageGrid.gray(v[p]);
                    int g = c == 3 ? ImageGrid.gray(v[p + h * w]) : r;
                    int b = c == 3 ? ImageGrid.gray(v[p + 2 * h * w]) : r;
                    if (c == 1) {
                        img.getRaster().setSample(x, y, 0, r);
                    } else {
                        img.setRGB(x, y, (r << 16) | (g << 8) | b);
                    }
                }
            }
            PngFiles.write(img, folder.resolve(String.format(Locale.ROOT, "%s-%0" + digits + "d.png", prefix, k + 1)));
        }
        return n;
    }
}
