package io.github.jgrad.wgan.data;

import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * MNIST digits read from the original IDX files, images scaled to {@code [-1, 1]} (the range of
 * a tanh generator) as a float32 tensor {@code [N, 1, rows, cols]} and labels 0-9.
 *
 * <p>The data is never bundled: {@link #load(Path)} takes the folder holding the files and says
 * precisely what is missing or malformed through {@link MnistFormatException}.
 */
public final class Mnist implements DataSource {
    /** Names tried, in order, for the test-set images by {@link #load(Path)}. */
    public static final List<String> TEST_IMAGE_NAMES = List.of("t10k-images-idx3-ubyte.gz", "t10k-images-idx3-ubyte");
    /** Names tried, in order, for the test-set labels by {@link #load(Path)}. */
    public static final List<String> TEST_LABEL_NAMES = List.of("t10k-labels-idx1-ubyte.gz", "t10k-labels-idx1-ubyte");
    /** Number of digit classes. */
    public static final int CLASSES = 10;

    /** Pixel byte to {@code b/127.5 - 1}: computed once so every value is rounded once. */
    private static final float[] PIXEL = new float[256];

    static {
        for (int b = 0; b < 256; b++) {
            PIXEL[b] = (float) (b / 127.5 - 1.0);
        }
    }

    private final Tensor images;
    private final int[] labels;

    private Mnist(Tensor images, int[] labels) {
        this.images = images;
        this.labels = labels;
    }

    /**
     * Loads the MNIST test set from {@code folder}: {@code t10k-images-idx3-ubyte} and
     * {@code t10k-labels-idx1-ubyte}, each gzip-compressed ({@code .gz}) or plain.
     *
     * @throws MnistFormatException if the folder or a file is missing (naming the folder and the
     *                              names tried) or a file is malformed
     * @throws IOException          if reading fails
     */
    public static Mnist load(Path folder) throws IOException {
        Objects.requireNonNull(folder, "folder");
        if (!Files.isDirectory(folder)) {
            String expected = "(expected a folder holding " + TEST_IMAGE_NAMES.get(1) + "(.gz) and "
                    + TEST_LABEL_NAMES.get(1) + "(.gz))";
            throw new MnistFormatException(folder, (Files.exists(folder) ? "is a file, not an MNIST folder "
                    : "MNIST folder not found ") + expected);
        }
        return load(find(folder, TEST_IMAGE_NAMES, "images"), find(folder, TEST_LABEL_NAMES, "labels"));
    }

    /**
     * Loads images and labels from two IDX files, gzip-compressed or plain (told apart by their
     * first bytes), e.g. the {@code train-*} files.
     *
     * @throws MnistFormatException naming the file at fault if one is missing, has the wrong
     *                              magic number, impossible dimensions, truncated data, a label
     *                              outside 0-9, or the two files disagree on the count
     * @throws IOException          if reading fails
     */
    public static Mnist load(Path imagesFile, Path labelsFile) throws IOException {
        Objects.requireNonNull(imagesFile, "imagesFile");
        Objects.requireNonNull(labelsFile, "labelsFile");
        // Labels first: the small file fails fast before the large one is decoded.
        IdxReader.Contents labelIdx = IdxReader.read(labelsFile, IdxReader.LABELS_MAGIC);
        IdxReader.Contents imageIdx = IdxReader.read(imagesFile, IdxReader.IMAGES_MAGIC);
        int count = imageIdx.dims()[0];
        if (labelIdx.dims()[0] != count) {
            throw new MnistFormatException(labelsFile, "holds " + labelIdx.dims()[0] + " labels but images file "
                    + imagesFile.toAbsolutePath().normalize() + " holds " + count + " images");
        }
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = labelIdx.data()[i] & 0xFF;
            if (labels[i] >= CLASSES) {
                throw new MnistFormatException(labelsFile, "label " + labels[i] + " at index " + i
                        + " is outside 0-" + (CLASSES - 1));
            }
        }
        byte[] pixels = imageIdx.data();
        float[] values = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            values[i] = PIXEL[pixels[i] & 0xFF];
        }
        Shape shape = Shape.of(count, 1, imageIdx.dims()[1], imageIdx.dims()[2]);
        return new Mnist(Tensor.wrap(values, shape), labels);
    }

    private static Path find(Path folder, List<String> names, String what) throws MnistFormatException {
        for (String name : names) {
            Path p = folder.resolve(name);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new MnistFormatException(folder, "no MNIST test " + what + " file in this folder; tried "
                + String.join(", ", names));
    }

    /**
     * All images, float32 {@code [N, 1, rows, cols]} in {@code [-1, 1]}. This is the loaded
     * tensor itself, not a copy: do not change it in place.
     */
    public Tensor images() {
        return images;
    }

    /** A copy of the labels, each in 0-9, in file order. */
    public int[] labels() {
        return labels.clone();
    }

    /** {@code "mnist"}. */
    @Override
    public String id() {
        return "mnist";
    }

    /** One sample is an image {@code [1, rows, cols]}. */
    @Override
    public Shape sampleShape() {
        return Shape.of(1, rows(), cols());
    }

    /** The number of images. */
    @Override
    public OptionalInt records() {
        return OptionalInt.of(size());
    }

    /** Number of images. */
    public int size() {
        return labels.length;
    }

    /** Image height in pixels (28 for MNIST). */
    public int rows() {
        return images.dim(2);
    }

    /** Image width in pixels (28 for MNIST). */
    public int cols() {
        return images.dim(3);
    }

    /**
     * The images at {@code indices} (repeats allowed), in that order, as a new float32 tensor
     * {@code [indices.length, 1, rows, cols]}.
     *
     * @throws IllegalArgumentException if an index is outside {@code [0, size())} or there are none
     */
    public Tensor batch(int[] indices) {
        Objects.requireNonNull(indices, "indices");
        if (indices.length == 0) {
            throw new IllegalArgumentException("batch: no indices");
        }
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            if (i < 0 || i >= size()) {
                throw new IllegalArgumentException("batch: index " + i + " at position " + k
                        + " is outside [0, " + size() + ")");
            }
        }
        return images.indexSelect(indices);
    }

    /**
     * {@code n} images drawn uniformly with replacement, {@code [n, 1, rows, cols]}: independent
     * draws, as a GAN's real batches are usually treated.
     */
    @Override
    public Tensor sample(int n, Rng rng) {
        if (n < 1) {
            throw new IllegalArgumentException("sample: size must be at least 1, got " + n);
        }
        Objects.requireNonNull(rng, "rng");
        int[] indices = new int[n];
        for (int k = 0; k < n; k++) {
            indices[k] = rng.nextInt(size());
        }
        return batch(indices);
    }

    /** How many images carry each label 0-9. */
    public int[] labelCounts() {
        int[] counts = new int[CLASSES];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }
}
