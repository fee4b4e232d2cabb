package io.github.jgrad.wgan.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jgrad.nn.io.ScratchFolder;
import io.github.jgrad.tensor.Shape;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Fuzzing of the MNIST loader: valid IDX files (images plain and gzip-compressed, labels) are
 * damaged at random ({@link IdxMutation}) for a fixed number of tries per file type. Every try
 * must end within {@link #PER_TRY} with either a valid data set (as many labels as images, every
 * label 0-9, every pixel in [-1, 1]) or a {@link MnistFormatException}, never another exception
 * or a hang, and must allocate no more than a small multiple of what the file can hold (its size;
 * for gzip, the most its size can decompress to), whatever its header declares.
 */
class MnistFuzzTest {
    /** Mutated files per file type. */
    static final int TRIES = 300;
    /** Time one try may take; loading these files takes well under a millisecond. */
    static final Duration PER_TRY = Duration.ofSeconds(5);
    /** Loading may allocate this many times what the file can hold ... */
    static final long ALLOCATION_FACTOR = 16;
    /** ... plus this much for buffers and streams. */
    static final long ALLOCATION_SLACK = 4L << 20;

    private static final int COUNT = 20;
    private static final Path DIR = ScratchFolder.create("jgrad-mnist-fuzz");
    private static final Path IMAGES = DIR.resolve("images");
    private static final Path LABELS = DIR.resolve("labels");
    private static final byte[] VALID_IMAGES;
    private static final byte[] VALID_LABELS;

    static {
        Random r = new Random(11);
        byte[] pixels = new byte[COUNT * 6 * 5];
        r.nextBytes(pixels);
        int[] labels = new int[COUNT];
        for (int i = 0; i < COUNT; i++) {
            labels[i] = r.nextInt(Mnist.CLASSES);
        }
        VALID_IMAGES = IdxFiles.images(COUNT, 6, 5, pixels);
        VALID_LABELS = IdxFiles.labels(labels);
    }

    @AfterContainer
    static void removeFolder() throws IOException {
        ScratchFolder.remove(DIR);
    }

    @Provide
    Arbitrary<List<IdxMutation>> mutations() {
        return mutation(Arbitraries.of(IdxMutation.Kind.class)).list().ofMinSize(1).ofMaxSize(3);
    }

    /** Changes to compressed bytes: the header ints are not where they would be, so no HEADER_INT. */
    @Provide
    Arbitrary<List<IdxMutation>> byteMutations() {
        return mutation(Arbitraries.of(IdxMutation.Kind.OVERWRITE_BYTES, IdxMutation.Kind.TRUNCATE,
                IdxMutation.Kind.EXTEND)).list().ofMinSize(0).ofMaxSize(2);
    }

    private static Arbitrary<IdxMutation> mutation(Arbitrary<IdxMutation.Kind> kinds) {
        return Combinators.combine(kinds, Arbitraries.longs()).as(IdxMutation::new);
    }

    @Property(tries = TRIES)
    void aDamagedImagesFileLoadsValidDataOrIsRefused(@ForAll("mutations") List<IdxMutation> mutations)
            throws IOException {
        Files.write(LABELS, VALID_LABELS);
        Files.write(IMAGES, mutate(VALID_IMAGES, mutations));
        Statistics.collect(checkLoad(Files.size(IMAGES)));
    }

    @Property(tries = TRIES)
    void aDamagedGzipImagesFileLoadsValidDataOrIsRefused(@ForAll("mutations") List<IdxMutation> beforeCompression,
            @ForAll("byteMutations") List<IdxMutation> afterCompression) throws IOException {
        Files.write(LABELS, VALID_LABELS);
        Files.write(IMAGES, mutate(IdxFiles.gzip(mutate(VALID_IMAGES, beforeCompression)), afterCompression));
        Statistics.collect(checkLoad(IdxReader.MAX_GZIP_RATIO * Files.size(IMAGES)));
    }

    @Property(tries = TRIES)
    void aDamagedLabelsFileLoadsValidDataOrIsRefused(@ForAll("mutations") List<IdxMutation> mutations)
            throws IOException {
        Files.write(IMAGES, VALID_IMAGES);
        Files.write(LABELS, mutate(VALID_LABELS, mutations));
        Statistics.collect(checkLoad(Files.size(LABELS)));
    }

    private static byte[] mutate(byte[] valid, List<IdxMutation> mutations) {
        byte[] b = valid;
        for (IdxMutation m : mutations) {
            b = m.apply(b);
        }
        return b;
    }

    /**
     * Loads the pair, checking the outcome and the allocation against {@code capacity}, the most
     * bytes the damaged file can hold; returns how it ended, for the statistics of the property.
     */
    private static String checkLoad(long capacity) {
        long otherFile = VALID_IMAGES.length + VALID_LABELS.length;
        return assertTimeoutPreemptively(PER_TRY, () -> {
            long before = allocatedBytes();
            try {
                Mnist m = Mnist.load(IMAGES, LABELS);
                assertValid(m);
                return "loaded";
            } catch (MnistFormatException refused) {
                assertTrue(refused.getMessage().startsWith(refused.file() + ": "), refused.getMessage());
                return "refused";
            } finally {
                long allocated = allocatedBytes() - before;
                assertTrue(allocated <= ALLOCATION_FACTOR * (capacity + otherFile) + ALLOCATION_SLACK,
                        "a file holding at most " + capacity + " bytes made the loader allocate " + allocated);
            }
        });
    }

    private static void assertValid(Mnist m) {
        assertTrue(m.size() >= 1);
        assertEquals(Shape.of(m.size(), 1, m.rows(), m.cols()), m.images().shape());
        assertEquals(m.size(), m.labels().length);
        for (int label : m.labels()) {
            assertTrue(label >= 0 && label < Mnist.CLASSES, "label " + label);
        }
        for (float v : m.images().toFloatArray()) {
            assertTrue(v >= -1 && v <= 1, "pixel " + v);
        }
    }

    /** Bytes this thread has allocated so far (HotSpot's per-thread counter). */
    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
