package io.github.jgrad.tensor.blas;

/**
 * Single-precision packed gemm for {@link JavaBlas}: {@code C += alpha * op(A) * op(B)} on one
 * thread (the caller has already applied beta).
 *
 * <p>Shaped for what HotSpot C2 (JDK 17) auto-vectorizes. Its SuperWord pass vectorizes a loop
 * only when every array index is the loop variable plus a compile-time constant; an index such as
 * {@code base + j} with a runtime {@code base} keeps the loop scalar (measured: about 7 against
 * 40-60 GFLOP/s on AVX-512). Hence:
 * <ul>
 *   <li>each packed row of {@code op(B)} is its own array, read from index 0;</li>
 *   <li>four rows of C are accumulated in one tile array at the constant stride {@link #NB}, so
 *       C2 can prove the four update streams independent;</li>
 *   <li>A is packed (and scaled by alpha) so the four multipliers of each step are adjacent.</li>
 * </ul>
 * Wider register blocks (6 or 8 rows) exceed C2's unrolling budget and fall back to scalar code.
 * Every transpose case is handled while packing, so the inner loop always runs over contiguous
 * memory. The arithmetic of each element of C ({@code t = t + a * b} in order of k, with block
 * boundaries depending only on k) does not depend on how rows or columns are split, which is why
 * the parallel split in {@link JavaBlas} gives bit-identical results.
 */
final class FloatGemmKernel {

    /** Rows of C per register block. */
    static final int MR = 4;
    /** Columns of C per block: the tile stride, a compile-time constant on purpose (see above). */
    static final int NB = 256;
    /** Depth of a packed panel; {@code KC x NB} floats (256 KiB) stay in L2. */
    static final int KC = 256;

    /** Per-thread packing buffers, grown once and reused so small calls do not allocate. */
    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    private FloatGemmKernel() {
    }

    /** Thread-confined buffers: packed B rows, packed A block, C tiles. */
    private static final class Workspace {
        final float[][] bRows = new float[KC][];
        final float[] aBlock = new float[MR * KC];
        final float[] aRow = new float[KC];
        final float[] tile = new float[MR * NB];
        final float[] rowTile = new float[NB];
    }

    /**
     * {@code C += alpha * op(A) * op(B)} for an {@code m x n} block of C; arguments as in
     * {@link Blas#sgemm}, already checked, with {@code m, n, k > 0}.
     */
    static void multiplyAdd(boolean transA, boolean transB, int m, int n, int k, float alpha,
                            float[] a, int aOffset, int lda, float[] b, int bOffset, int ldb,
                            float[] c, int cOffset, int ldc) {
        Workspace w = WORKSPACE.get();
        for (int j0 = 0; j0 < n; j0 += NB) {
            int nb = Math.min(NB, n - j0);
            for (int p0 = 0; p0 < k; p0 += KC) {
                int kc = Math.min(KC, k - p0);
                packB(transB, b, bOffset, ldb, p0, kc, j0, nb, w.bRows);
                int i0 = 0;
                for (; i0 + MR <= m; i0 += MR) {
                    packA(transA, alpha, a, aOffset, lda, i0, p0, kc, w.aBlock);
                    int cRow = cOffset + i0 * ldc + j0;
                    for (int r = 0; r < MR; r++) {
                        System.arraycopy(c, cRow + r * ldc, w.tile, r * NB, nb);
                    }
                    kernel4(kc, nb, w.aBlock, w.bRows, w.tile);
                    for (int r = 0; r < MR; r++) {
                        System.arraycopy(w.tile, r * NB, c, cRow + r * ldc, nb);
                    }
                }
                for (; i0 < m; i0++) {
                    packRow(transA, alpha, a, aOffset, lda, i0, p0, kc, w.aRow);
                    int cRow = cOffset + i0 * ldc + j0;
                    System.arraycopy(c, cRow, w.rowTile, 0, nb);
                    kernel1(kc, nb, w.aRow, w.bRows, w.rowTile);
                    System.arraycopy(w.rowTile, 0, c, cRow, nb);
                }
            }
        }
    }

    /** Copies {@code op(B)[p0 .. p0+kc, j0 .. j0+nb]} into one array per row. */
    private static void packB(boolean transB, float[] b, int bOffset, int ldb,
                              int p0, int kc, int j0, int nb, float[][] rows) {
        for (int p = 0; p < kc; p++) {
            if (rows[p] == null) {
                rows[p] = new float[NB];
            }
        }
        if (!transB) {
            for (int p = 0; p < kc; p++) {
                System.arraycopy(b, bOffset + (p0 + p) * ldb + j0, rows[p], 0, nb);
            }
        } else {
            // op(B)(p, j) = B(j, p): walk each stored row of B contiguously, scatter across rows.
            for (int j = 0; j < nb; j++) {
                int src = bOffset + (j0 + j) * ldb + p0;
                for (int p = 0; p < kc; p++) {
                    rows[p][j] = b[src + p];
                }
            }
        }
    }

    /** Packs {@code alpha * op(A)[i0 .. i0+MR, p0 .. p0+kc]} as {@code dst[p * MR + r]}. */
    private static void packA(boolean transA, float alpha, float[] a, int aOffset, int lda,
                              int i0, int p0, int kc, float[] dst) {
        if (!transA) {
            for (int r = 0; r < MR; r++) {
                int src = aOffset + (i0 + r) * lda + p0;
                for (int p = 0; p < kc; p++) {
                    dst[p * MR + r] = alpha * a[src + p];
                }
            }
        } else {
            for (int p = 0; p < kc; p++) {
                int src = aOffset + (p0 + p) * lda + i0;
                int d = p * MR;
                dst[d] = alpha * a[src];
                dst[d + 1] = alpha * a[src + 1];
                dst[d + 2] = alpha * a[src + 2];
                dst[d + 3] = alpha * a[src + 3];
            }
        }
    }

    /** Packs {@code alpha * op(A)[i, p0 .. p0+kc]} contiguously. */
    private static void packRow(boolean transA, float alpha, float[] a, int aOffset, int lda,
                                int i, int p0, int kc, float[] dst) {
        int src = transA ? aOffset + p0 * lda + i : aOffset + i * lda + p0;
        int step = transA ? lda : 1;
        for (int p = 0; p < kc; p++) {
            dst[p] = alpha * a[src + p * step];
        }
    }

    /** Four rows: {@code tile[r * NB + j] += aBlock[p * MR + r] * bRows[p][j]}. */
    private static void kernel4(int kc, int nb, float[] aBlock, float[][] bRows, float[] t) {
        for (int p = 0; p < kc; p++) {
            int ap = p * MR;
            float a0 = aBlock[ap];
            float a1 = aBlock[ap + 1];
            float a2 = aBlock[ap + 2];
            float a3 = aBlock[ap + 3];
            float[] row = bRows[p];
            for (int j = 0; j < nb; j++) {
                float bj = row[j];
                t[j] += a0 * bj;
                t[j + NB] += a1 * bj;
                t[j + 2 * NB] += a2 * bj;
                t[j + 3 * NB] += a3 * bj;
            }
        }
    }

    /** One row (the remainder when m is not a multiple of {@link #MR}). */
    private static void kernel1(int kc, int nb, float[] aRow, float[][] bRows, float[] t) {
        for (int p = 0; p < kc; p++) {
            float ap = aRow[p];
            float[] row = bRows[p];
            for (int j = 0; j < nb; j++) {
                t[j] += ap * row[j];
            }
        }
    }
}
