package io.github.jgrad.tensor;

/**
 * Walks the rows of a shape in row-major order while tracking one offset per operand, each with
 * its own strides (0 for a broadcast axis, permuted strides for a transpose). The last axis is
 * left to the caller's inner loop, so kernels stay tight: {@code for each row: for j < rowLength}.
 */
final class StridedWalk {
    private final int[] dims;
    private final int[][] strides;
    private final int[] index;
    /** Offset of the current row's first element, one per operand. */
    final int[] offsets;
    /** Number of elements in one row (size of the last axis; 1 for a scalar). */
    final int rowLength;
    /** Stride along the last axis, one per operand. */
    final int[] innerStrides;
    /** Number of rows. */
    final int rows;

    /**
     * @param dims the shape walked (the output's, stored contiguously by the caller)
     * @param strides each operand's strides over {@code dims}
     */
    StridedWalk(int[] dims, int[]... strides) {
        // Neighbouring axes that every operand stores back to back are walked as one, so that a
        // bias over [N, C, H, W] or a permute copies rows of H*W (or more) instead of W.
        int r = dims.length;
        int[] d = new int[r];
        int[][] st = new int[strides.length][r];
        int kept = 0;
        for (int i = 0; i < r; i++) {
            boolean merge = kept > 0;
            for (int k = 0; k < strides.length && merge; k++) {
                merge = st[k][kept - 1] == strides[k][i] * dims[i];
            }
            if (merge) {
                d[kept - 1] *= dims[i];
                for (int k = 0; k < strides.length; k++) {
                    st[k][kept - 1] = strides[k][i];
                }
            } else {
                d[kept] = dims[i];
                for (int k = 0; k < strides.length; k++) {
                    st[k][kept] = strides[k][i];
                }
                kept++;
            }
        }
        this.dims = java.util.Arrays.copyOf(d, kept);
        this.strides = new int[strides.length][];
        for (int k = 0; k < strides.length; k++) {
            this.strides[k] = java.util.Arrays.copyOf(st[k], kept);
        }
        this.index = new int[Math.max(kept, 1)];
        this.offsets = new int[strides.length];
        this.rowLength = kept == 0 ? 1 : this.dims[kept - 1];
        this.innerStrides = new int[strides.length];
        for (int k = 0; k < strides.length; k++) {
            innerStrides[k] = kept == 0 ? 0 : this.strides[k][kept - 1];
        }
        long n = 1;
        for (int i = 0; i < kept - 1; i++) {
            n *= this.dims[i];
        }
        this.rows = rowLength == 0 ? 0 : (int) n;
    }

    /** The walked shape after merging neighbouring axes (the last one is the row); not a copy. */
    int[] mergedDims() {
        return dims;
    }

    /** Operand {@code k}'s strides over {@link #mergedDims()}; not a copy. */
    int[] mergedStrides(int k) {
        return strides[k];
    }

    /** Advances to the next row. */
    void next() {
        for (int ax = dims.length - 2; ax >= 0; ax--) {
            index[ax]++;
            for (int k = 0; k < strides.length; k++) {
                offsets[k] += strides[k][ax];
            }
            if (index[ax] < dims[ax]) {
                return;
            }
            for (int k = 0; k < strides.length; k++) {
                offsets[k] -= strides[k][ax] * dims[ax];
            }
            index[ax] = 0;
        }
    }

    /** Strides of {@code from} as seen through a broadcast to {@code to}: 0 on broadcast axes. */
    static int[] broadcastStrides(Shape from, Shape to) {
        int r = to.rank();
        int[] s = new int[r];
        int[] fs = from.strides();
        int off = r - from.rank();
        for (int i = 0; i < from.rank(); i++) {
            s[i + off] = from.dim(i) == 1 ? 0 : fs[i];
        }
        return s;
    }
}
