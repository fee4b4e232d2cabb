package io.github.jgrad.tensor.blas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A product cut into bands by {@link GemmSplit} matches the reference product for every backend
 * that loads, every transpose combination (including the one whose bands of A are packed first),
 * offsets, padded leading dimensions and arrays that end right after the last element read. It is
 * the same bits every time for one split, and for the Java kernel the same bits as one call.
 * (OpenBLAS's own kernels round a band differently from the whole matrix in the last place, so a
 * native product depends on the thread count, though not on the run.)
 */
class GemmSplitTest {

    @ParameterizedTest(name = "{0}x{1}x{2} transA={3} transB={4} parts={5}")
    @CsvSource({
        "256, 200, 300, false, false, 2", // row bands
        "250, 200, 301, false, true, 3",
        "256, 160, 200, true, false, 2", // row bands from packed column bands of A
        "135, 181, 240, true, false, 3", // a band shorter than the others
        "140, 270, 133, true, true, 2", // column bands
        "140, 297, 133, true, true, 3",
    })
    void splitProductMatchesTheReferenceAndRepeatsExactly(int m, int n, int k, boolean transA, boolean transB, int parts) {
        for (Blas backend : backends()) {
            GemmFixture fixture = new GemmFixture(new Random(m * 31L + n + k), transA, transB, m, n, k, 0.5, -1.0, true);
            float[] a = GemmFixture.toFloat(fixture.a);
            float[] b = GemmFixture.toFloat(fixture.b);
            float[] whole = GemmFixture.toFloat(fixture.c);
            float[] split = whole.clone();
            float[] again = whole.clone();
            backend.sgemm(transA, transB, m, n, k, 0.5f, a, fixture.aOffset, fixture.lda, b, fixture.bOffset,
                    fixture.ldb, -1f, whole, fixture.cOffset, fixture.ldc);
            GemmSplit.sgemm(backend::sgemm, parts, transA, transB, m, n, k, 0.5f, a, fixture.aOffset, fixture.lda,
                    b, fixture.bOffset, fixture.ldb, -1f, split, fixture.cOffset, fixture.ldc);
            GemmSplit.sgemm(backend::sgemm, parts, transA, transB, m, n, k, 0.5f, a, fixture.aOffset, fixture.lda,
                    b, fixture.bOffset, fixture.ldb, -1f, again, fixture.cOffset, fixture.ldc);
            assertArrayEquals(split, again, backend.name());

            double[] dWhole = fixture.c.clone();
            double[] dSplit = fixture.c.clone();
            backend.dgemm(transA, transB, m, n, k, 0.5, fixture.a, fixture.aOffset, fixture.lda, fixture.b,
                    fixture.bOffset, fixture.ldb, -1.0, dWhole, fixture.cOffset, fixture.ldc);
            GemmSplit.dgemm(backend::dgemm, parts, transA, transB, m, n, k, 0.5, fixture.a, fixture.aOffset,
                    fixture.lda, fixture.b, fixture.bOffset, fixture.ldb, -1.0, dSplit, fixture.cOffset, fixture.ldc);
            if (backend instanceof JavaBlas) {
                assertArrayEquals(whole, split);
                assertArrayEquals(dWhole, dSplit);
            }
            Blas splitting = new Blas() {
                @Override
                public String name() {
                    return backend.name();
                }

                @Override
                public void sgemm(boolean tA, boolean tB, int mm, int nn, int kk, float al, float[] x, int xo, int lx,
                                  float[] y, int yo, int ly, float be, float[] z, int zo, int lz) {
                    GemmSplit.sgemm(backend::sgemm, parts, tA, tB, mm, nn, kk, al, x, xo, lx, y, yo, ly, be, z, zo, lz);
                }

                @Override
                public void dgemm(boolean tA, boolean tB, int mm, int nn, int kk, double al, double[] x, int xo, int lx,
                                  double[] y, int yo, int ly, double be, double[] z, int zo, int lz) {
                    GemmSplit.dgemm(backend::dgemm, parts, tA, tB, mm, nn, kk, al, x, xo, lx, y, yo, ly, be, z, zo, lz);
                }
            };
            fixture.checkSgemm(splitting);
            fixture.checkDgemm(splitting);
        }
    }

    @ParameterizedTest(name = "extent {0} in {1} parts")
    @CsvSource({"100, 2", "100, 3", "16, 2", "250, 7"})
    void bandsCoverTheExtentOnceOnQuantumEdges(int extent, int parts) {
        assertEquals(0, GemmSplit.start(0, parts, extent));
        assertEquals(extent, GemmSplit.start(parts, parts, extent));
        for (int p = 1; p < parts; p++) {
            int edge = GemmSplit.start(p, parts, extent);
            assertEquals(0, edge % GemmSplit.QUANTUM, "edge " + edge);
            assertEquals(true, edge >= GemmSplit.start(p - 1, parts, extent));
        }
    }

    @ParameterizedTest(name = "{0}x{1}x{2} transA={3} transB={4} -> {5} parts of 4 threads")
    @CsvSource({
        "256, 512, 512, false, true, 4", // the toy critic's layer: large, split
        "64, 64, 64, false, false, 1", // 0.5 MFLOP: one call
        "20, 4000, 4000, false, false, 1", // only 20 rows: one band of 16
        "512, 512, 256, true, false, 4",
        "40, 512, 256, true, true, 4", // column bands
    })
    void partsFollowWorkAndBandCount(int m, int n, int k, boolean transA, boolean transB, int parts) {
        assertEquals(parts, GemmSplit.parts(transA, transB, m, n, k, 4));
        assertEquals(1, GemmSplit.parts(transA, transB, m, n, k, 1));
    }

    /** The Java kernel and, where it loads, netlib (the native backend that splits its products). */
    private static List<Blas> backends() {
        List<Blas> all = new ArrayList<>();
        all.add(new JavaBlas(1));
        BlasProvider.load("netlib").ifPresent(all::add);
        return all;
    }
}
