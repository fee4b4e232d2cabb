package io.github.jgrad.wgan.data;

import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * A folder of PNG and JPEG images (searched recursively, in path order) as a data source: each
 * image centre-cropped to a square, resized to {@code size x size}, in 1 (grey) or 3 (RGB)
 * channels, scaled to {@code [-1, 1]}; samples {@code [channels, size, size]}. Files that do not
 * decode are skipped and counted. A seeded tenth of the images is held out for the memorisation
 * check and never drawn for training.
 */
public final class ImageFolder implements DataSource {
    /** The share of images held out (none for folders under {@value #MIN_IMAGES_FOR_HOLDOUT} images). */
    public static final double HOLDOUT = 0.1;
    /** Folders with fewer images hold none out. */
    public static final int MIN_IMAGES_FOR_HOLDOUT = 10;

    private final Path folder;
    private final int size;
    private final int channels;
    /** Pixels as unsigned bytes, image after image, channels first. */
    private final byte[] train;
    private final byte[] heldOut;
    private final List<String> warnings;

    private ImageFolder(Path folder, int size, int channels, byte[] train, byte[] heldOut, List<String> warnings) {
        this.folder = folder;
        this.size = size;
        this.channels = channels;
        this.train = train;
        this.heldOut = heldOut;
        this.warnings = List.copyOf(warnings);
    }

    /**
     * Reads every image under {@code folder}.
     *
     * @param size     side after crop and resize; 0 takes the first image's shorter side, rounded
     *                 down to a multiple of 4
     * @param channels 1 or 3; 0 takes the first image's (grey or colour)
     * @param seed     chooses the held-out images
     * @throws ImageFolderException if the folder is missing, a file, or holds no readable image
     *     (naming the first file skipped)
     */
    public static ImageFolder load(Path folder, int size, int channels, long seed) throws IOException {
        Objects.requireNonNull(folder, "folder");
        if (!Files.exists(folder)) {
            throw new ImageFolderException(folder, "no such image folder");
        }
        if (!Files.isDirectory(folder)) {
            throw new ImageFolderException(folder, "is a file, not a folder of images");
        }
        List<Path> files;
        try (Stream<Path> all = Files.walk(folder)) {
            files = all.filter(Files::isRegularFile).filter(ImageFolder::looksLikeImage).sorted().toList();
        }
        List<BufferedImage> images = new ArrayList<>();
        List<Path> skipped = new ArrayList<>();
        for (Path f : files) {
            BufferedImage img = null;
            try {
                img = ImageIO.read(f.toFile());
            } catch (IOException | RuntimeException e) {
                img = null; // counted below with the other files that do not decode
            }
            if (img == null || img.getWidth() < 1 || img.getHeight() < 1) {
                skipped.add(f);
            } else {
                images.add(img);
            }
        }
        if (images.isEmpty()) {
            throw new ImageFolderException(folder, "holds no readable PNG or JPEG image"
                    + (skipped.isEmpty() ? " (searched with its subfolders)"
                    : " (" + skipped.size() + " files skipped as unreadable, the first " + skipped.get(0) + ")"));
        }
        BufferedImage first = images.get(0);
        int n = size > 0 ? size : Math.max(4, Math.min(first.getWidth(), first.getHeight()) / 4 * 4);
        int c = channels > 0 ? channels : first.getColorModel().getNumColorComponents() == 1 ? 1 : 3;
        List<String> warnings = new ArrayList<>();
        if (!skipped.isEmpty()) {
            warnings.add(folder.getFileName() + ": skipped " + skipped.size() + " unreadable image files, the first "
                    + skipped.get(0));
        }
        int count = images.size();
        int test = count >= MIN_IMAGES_FOR_HOLDOUT ? (int) Math.round(HOLDOUT * count) : 0;
        int[] order = new Rng(seed).permutation(count);
        int per = c * n * n;
        byte[] train = new byte[(count - test) * per];
        byte[] heldOut = new byte[test * per];
        for (int k = 0; k < count; k++) {
            BufferedImage square = squareResized(images.get(order[k]), n);
            if (k < test) {
                pixels(square, c, heldOut, k * per);
            } else {
                pixels(square, c, train, (k - test) * per);
            }
        }
        return new ImageFolder(folder, n, c, train, heldOut, warnings);
    }

    private static boolean looksLikeImage(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg");
    }


    /** The centred square of the shorter side, drawn at {@code n x n} with bilinear filtering. */
    static BufferedImage squareResized(BufferedImage img, int n) {
        int side = Math.min(img.getWidth(), img.getHeight());
        int x0 = (img.getWidth() - side) / 2;
        int y0 = (img.getHeight() - side) / 2;
        BufferedImage out = new BufferedImage(n, n, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, side == n
                    ? RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR : RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(img, 0, 0, n, n, x0, y0, x0 + side, y0 + side, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Writes the image's channels (grey as the rounded luma) as bytes, channels first. */
    private static void pixels(BufferedImage img, int channels, byte[] dest, int at) {
        int n = img.getWidth();
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                int b = rgb & 0xFF;
                int p = y * n + x;
                if (channels == 1) {
                    dest[at + p] = (byte) Math.round(0.299 * r + 0.587 * g + 0.114 * b);
                } else {
                    dest[at + p] = (byte) r;
                    dest[at + n * n + p] = (byte) g;
                    dest[at + 2 * n * n + p] = (byte) b;
                }
            }
        }
    }

    /** The folder's name. */
    @Override
    public String id() {
        Path name = folder.toAbsolutePath().normalize().getFileName();
        return name == null ? folder.toString() : name.toString();
    }

    /** {@code [channels, size, size]}. */
    @Override
    public Shape sampleShape() {
        return Shape.of(channels, size, size);
    }

    /** The number of training images. */
    @Override
    public OptionalInt records() {
        return OptionalInt.of(trainImages());
    }

    /** {@code n} training images drawn uniformly with replacement, in {@code [-1, 1]}. */
    @Override
    public Tensor sample(int n, Rng rng) {
        if (n < 1) {
            throw new IllegalArgumentException(id() + ": sample size must be at least 1, got " + n);
        }
        Objects.requireNonNull(rng, "rng");
        int[] idx = new int[n];
        for (int k = 0; k < n; k++) {
            idx[k] = rng.nextInt(trainImages());
        }
        return images(train, idx);
    }

    private Tensor images(byte[] from, int[] idx) {
        int per = channels * size * size;
        float[] out = new float[idx.length * per];
        for (int k = 0; k < idx.length; k++) {
            int src = idx[k] * per;
            for (int j = 0; j < per; j++) {
                out[k * per + j] = (from[src + j] & 0xFF) / 127.5f - 1f;
            }
        }
        return Tensor.wrap(out, Shape.of(idx.length, channels, size, size));
    }

    private static int[] all(int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return idx;
    }

    /** Every training image, {@code [trainImages, channels, size, size]}. */
    public Tensor training() {
        return images(train, all(trainImages()));
    }

    /** Every held-out image, {@code [heldOutImages, channels, size, size]}. */
    public Tensor heldOut() {
        return images(heldOut, all(heldOutImages()));
    }

    /** Images the generator learns from. */
    public int trainImages() {
        return train.length / (channels * size * size);
    }

    /** Images held out. */
    public int heldOutImages() {
        return heldOut.length / (channels * size * size);
    }

    /** The folder read. */
    public Path folder() {
        return folder;
    }

    /** Warnings to show the user: files skipped. */
    public List<String> warnings() {
        return warnings;
    }
}
