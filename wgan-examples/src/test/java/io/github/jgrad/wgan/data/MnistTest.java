package io.github.jgrad.wgan.data;

import static io.github.jgrad.wgan.data.IdxFiles.gzip;
import static io.github.jgrad.wgan.data.IdxFiles.images;
import static io.github.jgrad.wgan.data.IdxFiles.labels;
import static io.github.jgrad.wgan.data.IdxFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnistTest {
    /** Three 2 x 3 images whose pixels run through 0, 1, 127, 128, 254, 255 and more. */
    private static final byte[] PIXELS = new byte[3 * 2 * 3];

    static {
        int[] values = {0, 1, 127, 128, 254, 255, 10, 20, 30, 40, 50, 60, 200, 201, 202, 203, 204, 205};
        for (int i = 0; i < values.length; i++) {
            PIXELS[i] = (byte) values[i];
        }
    }

    @TempDir
    Path dir;

    @Test
    void theSharedTestSetHasTenThousandImagesInMinusOneToOneAndTheKnownLabelCounts() throws IOException {
        Mnist mnist = Mnist.load(SharedMnist.folderOrSkip());
        assertEquals(10_000, mnist.size());
        assertEquals(Shape.of(10_000, 1, 28, 28), mnist.images().shape());
        assertEquals(DType.F32, mnist.images().dtype());
        assertArrayEquals(new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}, mnist.labelCounts());
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : mnist.images().toFloatArray()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertEquals(-1f, min, "background pixels are 0 -> -1");
        assertEquals(1f, max, "full-ink pixels are 255 -> 1");
        assertEquals(7, mnist.labels()[0], "the first test digit is a 7");
    }

    @Test
    void plainAndGzipFilesRoundTripWithPixelsScaledToMinusOneToOne() throws IOException {
        byte[] img = images(3, 2, 3, PIXELS);
        byte[] lab = labels(4, 0, 9);
        Mnist plain = Mnist.load(write(dir, "img", img), write(dir, "lab", lab));
        Mnist zipped = Mnist.load(write(dir, "img.gz", gzip(img)), write(dir, "lab.gz", gzip(lab)));
        for (Mnist m : new Mnist[] {plain, zipped}) {
            assertEquals(3, m.size());
            assertEquals(Shape.of(3, 1, 2, 3), m.images().shape());
            assertEquals(2, m.rows());
            assertEquals(3, m.cols());
            assertArrayEquals(new int[] {4, 0, 9}, m.labels());
            assertArrayEquals(new int[] {1, 0, 0, 0, 1, 0, 0, 0, 0, 1}, m.labelCounts());
            float[] v = m.images().toFloatArray();
            for (int i = 0; i < PIXELS.length; i++) {
                assertEquals((float) ((PIXELS[i] & 0xFF) / 127.5 - 1), v[i], "pixel " + i);
            }
            assertEquals(-1f, v[0]);
            assertEquals(1f, v[5]);
        }
    }

    @Test
    void theFolderLoaderFindsTestFilesAndDetectsGzipByContentNotName() throws IOException {
        // gzip data under the plain name and plain data under the .gz name
        write(dir, "t10k-images-idx3-ubyte", gzip(images(3, 2, 3, PIXELS)));
        write(dir, "t10k-labels-idx1-ubyte.gz", labels(1, 2, 3));
        Mnist m = Mnist.load(dir);
        assertEquals(3, m.size());
        assertArrayEquals(new int[] {1, 2, 3}, m.labels());
    }

    @Test
    void batchesCopyTheChosenImagesAndSamplingIsSeeded() throws IOException {
        Mnist m = Mnist.load(write(dir, "img", images(3, 2, 3, PIXELS)), write(dir, "lab", labels(4, 0, 9)));
        Tensor b = m.batch(new int[] {2, 0, 2});
        assertEquals(Shape.of(3, 1, 2, 3), b.shape());
        float[] all = m.images().toFloatArray();
        assertArrayEquals(Arrays.copyOfRange(all, 12, 18), Arrays.copyOfRange(b.toFloatArray(), 0, 6));
        assertArrayEquals(Arrays.copyOfRange(all, 0, 6), Arrays.copyOfRange(b.toFloatArray(), 6, 12));
        assertThrows(IllegalArgumentException.class, () -> m.batch(new int[] {3}));
        assertThrows(IllegalArgumentException.class, () -> m.batch(new int[] {-1}));
        assertArrayEquals(m.sample(7, new Rng(9)).toFloatArray(), m.sample(7, new Rng(9)).toFloatArray());
        assertEquals(Shape.of(7, 1, 2, 3), m.sample(7, new Rng(9)).shape());
    }

    @Test
    void aMissingFileIsNamed() throws IOException {
        Path lab = write(dir, "lab", labels(1, 2, 3));
        Path img = write(dir, "img", images(3, 2, 3, PIXELS));
        assertNames(assertThrows(MnistFormatException.class, () -> Mnist.load(dir.resolve("no-such-images"), lab)),
                "no-such-images", "file not found");
        assertNames(assertThrows(MnistFormatException.class, () -> Mnist.load(img, dir.resolve("no-such-labels"))),
                "no-such-labels", "file not found");
    }

    @Test
    void aFolderWithoutTheFilesSaysWhereItLookedAndWhichNamesItTried() {
        MnistFormatException e = assertThrows(MnistFormatException.class, () -> Mnist.load(dir));
        assertTrue(e.getMessage().contains(dir.toAbsolutePath().normalize().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("t10k-images-idx3-ubyte.gz, t10k-images-idx3-ubyte"), e.getMessage());
        Path absent = dir.resolve("absent");
        MnistFormatException f = assertThrows(MnistFormatException.class, () -> Mnist.load(absent));
        assertTrue(f.getMessage().contains("absent") && f.getMessage().contains("folder not found"), f.getMessage());
        assertEquals(absent.toAbsolutePath().normalize(), f.file());
    }

    @Test
    void truncatedDataIsRefusedWithExpectedAndActualByteCounts() throws IOException {
        byte[] img = images(3, 2, 3, Arrays.copyOf(PIXELS, 10));
        Path lab = write(dir, "lab", labels(1, 2, 3));
        Path plain = write(dir, "short-images", img);
        MnistFormatException e = assertThrows(MnistFormatException.class, () -> Mnist.load(plain, lab));
        assertNames(e, "short-images", "18 bytes but only 10");
        Path zipped = write(dir, "short-images.gz", gzip(img));
        MnistFormatException g = assertThrows(MnistFormatException.class, () -> Mnist.load(zipped, lab));
        assertNames(g, "short-images.gz", "18 bytes but only 10");
        byte[] whole = gzip(images(3, 2, 3, PIXELS));
        Path cut = write(dir, "cut.gz", Arrays.copyOf(whole, whole.length - 12));
        MnistFormatException c = assertThrows(MnistFormatException.class, () -> Mnist.load(cut, lab));
        assertNames(c, "cut.gz", "gzip");
        Path header = write(dir, "header-only", Arrays.copyOf(img, 9));
        MnistFormatException h = assertThrows(MnistFormatException.class, () -> Mnist.load(header, lab));
        assertNames(h, "header-only", "truncated header");
    }

    @Test
    void swappedFilesAreRefusedForTheirMagicNumber() throws IOException {
        Path img = write(dir, "img", images(3, 2, 3, PIXELS));
        Path lab = write(dir, "lab", labels(1, 2, 3));
        MnistFormatException e = assertThrows(MnistFormatException.class, () -> Mnist.load(lab, img));
        assertNames(e, "img", "wrong magic number 2051");
        assertTrue(e.getMessage().contains("looks like an MNIST images file"), e.getMessage());
    }

    @Test
    void imageAndLabelCountsMustAgree() throws IOException {
        Path img = write(dir, "img", images(3, 2, 3, PIXELS));
        Path lab = write(dir, "two-labels", labels(1, 2));
        MnistFormatException e = assertThrows(MnistFormatException.class, () -> Mnist.load(img, lab));
        assertNames(e, "two-labels", "holds 2 labels");
        assertTrue(e.getMessage().contains("holds 3 images"), e.getMessage());
    }

    @Test
    void aLabelOutsideZeroToNineIsRefusedWithItsIndex() throws IOException {
        Path img = write(dir, "img", images(3, 2, 3, PIXELS));
        Path lab = write(dir, "bad-labels", labels(1, 10, 3));
        MnistFormatException e = assertThrows(MnistFormatException.class, () -> Mnist.load(img, lab));
        assertNames(e, "bad-labels", "label 10 at index 1");
    }

    @Test
    void absurdDimensionsAreRefusedBeforeAnythingIsAllocated() throws IOException {
        Path lab = write(dir, "lab", labels(1, 2, 3));
        Path huge = write(dir, "huge", images(65_536, 65_536, 65_536, PIXELS));
        assertNames(assertThrows(MnistFormatException.class, () -> Mnist.load(huge, lab)), "huge", "absurd dimensions");
        Path negative = write(dir, "negative", images(3, -1, 3, PIXELS));
        assertNames(assertThrows(MnistFormatException.class, () -> Mnist.load(negative, lab)), "negative",
                "4294967295");
        // fits in an array, but not in this 34-byte file
        Path big = write(dir, "big", images(1_000_000, 28, 28, PIXELS));
        assertNames(assertThrows(MnistFormatException.class, () -> Mnist.load(big, lab)), "big",
                "784000000 bytes but only 18");
        // a gzip file cannot expand more than about 1032-fold, so this header is refused unread
        Path bigZipped = write(dir, "big.gz", gzip(images(1_000_000, 28, 28, PIXELS)));
        assertNames(assertThrows(MnistFormatException.class, () -> Mnist.load(bigZipped, lab)), "big.gz",
                "784000000 bytes, more than a");
        // within what the gzip file could hold, but the data runs out
        Path shortZipped = write(dir, "short.gz", gzip(images(10, 28, 28, PIXELS)));
        assertNames(assertThrows(MnistFormatException.class, () -> Mnist.load(shortZipped, lab)), "short.gz",
                "7840 bytes but only 18");
    }

    private static void assertNames(MnistFormatException e, String fileName, String phrase) {
        String m = e.getMessage();
        assertEquals(fileName, e.file().getFileName().toString(), m);
        assertTrue(m.contains(fileName + ":"), "message names the file: " + m);
        assertTrue(m.contains(phrase), "message says '" + phrase + "': " + m);
    }
}
