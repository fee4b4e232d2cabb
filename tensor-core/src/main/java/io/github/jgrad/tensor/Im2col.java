package io.github.jgrad.tensor;

/**
 * The kernels of im2col and its adjoint col2im, which {@link Convolution} uses to turn a 2-D
 * convolution of some images into one matrix product:
 * {@code out (O x n*OH*OW) = weight (O x C*kh*kw) @ cols (C*kh*kw x n*OH*OW)}. They are also
 * public on their own as {@link Convolution#im2col} and {@link Convolution#col2im} (unfold and fold).
 */
final class Im2col {
    private Im2col() {
    }

    /** See {@link Convolution#im2col(Tensor, ConvGeometry)}. */
    static Tensor im2col(Tensor x, ConvGeometry g) {
        checkInput("im2col", x, g);
        Tensor out = x.newZeros(Shape.of(g.patchSize(), x.dim(0) * g.outH() * g.outW()));
        im2col(x, g, out);
        return out;
    }

    /** See {@link Convolution#im2col(Tensor, ConvGeometry, Tensor)}. */
    static Tensor im2col(Tensor x, ConvGeometry g, Tensor out) {
        checkInput("im2col", x, g);
        int n = x.dim(0);
        int positions = g.outH() * g.outW();
        Shape expect = Shape.of(g.patchSize(), n * positions);
        if (!out.shape.equals(expect) || out.dtype != x.dtype) {
            throw new IllegalArgumentException("im2col: output " + out.shape + " should be " + expect);
        }
        im2colImages(x, g, 0, n, out);
        return out;
    }

    /**
     * im2col of images {@code [first, first + count)} of {@code x} into the start of
     * {@code cols}'s storage, laid out as a {@code (C*kh*kw) x (count*OH*OW)} matrix; the rest of
     * {@code cols} is left alone. This is what {@link Convolution} fills its column buffer with.
     */
    static void im2colImages(Tensor x, ConvGeometry g, int first, int count, Tensor cols) {
        // One image plane at a time is copied into a zero-padded scratch plane that stays in
        // cache; there every tap is valid, so one table of offsets (of tap (0, 0) for each output
        // position) serves every kernel tap with a constant shift, and the inner loop is a plain
        // gather with no bounds tests.
        Plane p = new Plane(g);
        // Planes (channel-major, then image) write disjoint stretches of the rows, so they can go
        // to different threads.
        int planes = g.channels() * count;
        long work = (long) g.patchSize() * count * g.outH() * g.outW();
        Parallel.forSlices(planes, Parallel.parts(planes, work),
                (from, to) -> im2colPlanes(x, g, first, count, cols, p, from, to));
    }

    /**
     * im2col of planes {@code [from, to)} of images {@code [first, first + n)}, plane {@code u}
     * being channel {@code u / n} of image {@code first + u % n}.
     */
    private static void im2colPlanes(Tensor x, ConvGeometry g, int first, int n, Tensor out, Plane p, int from,
                                     int to) {
        int positions = g.outH() * g.outW();
        int rowLength = n * positions;
        int taps = g.kernelH() * g.kernelW();
        if (x.storage instanceof Storage.F32) {
            float[] o = out.floats();
            float[] plane = new float[p.size];
            for (int u = from; u < to; u++) {
                int c = u / n;
                int b = u % n;
                p.load(x.floats(), ((first + b) * g.channels() + c) * g.height() * g.width(), plane);
                for (int t = 0; t < taps; t++) {
                    int shift = p.tapShift[t];
                    int dst = (c * taps + t) * rowLength + b * positions;
                    for (int q = p.copyFromEarlierTap(o, t, dst, rowLength); q < positions; q++) {
                        o[dst + q] = plane[shift + p.topLeft[q]];
                    }
                }
            }
        } else {
            double[] o = out.doubles();
            double[] plane = new double[p.size];
            for (int u = from; u < to; u++) {
                int c = u / n;
                int b = u % n;
                p.load(x.doubles(), ((first + b) * g.channels() + c) * g.height() * g.width(), plane);
                for (int t = 0; t < taps; t++) {
                    int shift = p.tapShift[t];
                    int dst = (c * taps + t) * rowLength + b * positions;
                    for (int q = p.copyFromEarlierTap(o, t, dst, rowLength); q < positions; q++) {
                        o[dst + q] = plane[shift + p.topLeft[q]];
                    }
                }
            }
        }
    }

    /** See {@link Convolution#col2im(Tensor, ConvGeometry)}. */
    static Tensor col2im(Tensor cols, ConvGeometry g) {
        java.util.Objects.requireNonNull(cols, "cols");
        java.util.Objects.requireNonNull(g, "geometry");
        int positions = g.outH() * g.outW();
        if (cols.rank() != 2 || cols.dim(0) != g.patchSize() || cols.dim(1) % positions != 0) {
            throw new IllegalArgumentException("col2im: columns of shape " + cols.shape + " do not match geometry "
                    + g + " (expected [" + g.patchSize() + ", N*" + positions + "])");
        }
        int n = cols.dim(1) / positions;
        Tensor out = cols.newZeros(Shape.of(n, g.channels(), g.height(), g.width()));
        col2imImages(cols, g, 0, n, out);
        return out;
    }

    /**
     * col2im of a {@code (C*kh*kw) x (count*OH*OW)} matrix at the start of {@code cols}'s storage
     * into images {@code [first, first + count)} of {@code out}, which it overwrites; the other
     * images of {@code out} are left alone.
     */
    static void col2imImages(Tensor cols, ConvGeometry g, int first, int count, Tensor out) {
        // Each image plane is summed in a zero-padded scratch plane that stays in cache (so
        // padding taps need no test), then its interior is stored.
        Plane p = new Plane(g);
        // Planes (channel-major, then image) are disjoint, and each sums in the same order on any thread.
        int planes = g.channels() * count;
        long work = (long) g.patchSize() * count * g.outH() * g.outW();
        Parallel.forSlices(planes, Parallel.parts(planes, work),
                (from, to) -> col2imPlanes(cols, g, first, count, out, p, from, to));
    }

    /** col2im of planes {@code [from, to)}, numbered as in {@link #im2colPlanes}. */
    private static void col2imPlanes(Tensor cols, ConvGeometry g, int first, int n, Tensor out, Plane p, int from,
                                     int to) {
        int positions = g.outH() * g.outW();
        int rowLength = n * positions;
        int taps = g.kernelH() * g.kernelW();
        if (cols.storage instanceof Storage.F32) {
            float[] a = cols.floats();
            float[] plane = new float[p.size];
            for (int u = from; u < to; u++) {
                int c = u / n;
                int b = u % n;
                java.util.Arrays.fill(plane, 0f);
                for (int t = 0; t < taps; t++) {
                    int shift = p.tapShift[t];
                    int src = (c * taps + t) * rowLength + b * positions;
                    for (int q = 0; q < positions; q++) {
                        plane[shift + p.topLeft[q]] += a[src + q];
                    }
                }
                p.store(plane, out.floats(), ((first + b) * g.channels() + c) * g.height() * g.width());
            }
        } else {
            double[] a = cols.doubles();
            double[] plane = new double[p.size];
            for (int u = from; u < to; u++) {
                int c = u / n;
                int b = u % n;
                java.util.Arrays.fill(plane, 0.0);
                for (int t = 0; t < taps; t++) {
                    int shift = p.tapShift[t];
                    int src = (c * taps + t) * rowLength + b * positions;
                    for (int q = 0; q < positions; q++) {
                        plane[shift + p.topLeft[q]] += a[src + q];
                    }
                }
                p.store(plane, out.doubles(), ((first + b) * g.channels() + c) * g.height() * g.width());
            }
        }
    }

    /**
     * The layout of one zero-padded image plane, {@code (height + 2*padH) x (width + 2*padW)},
     * and where the kernel's taps fall in it.
     */
    private static final class Plane {
        final int height;
        final int width;
        final int rowStride;
        final int padH;
        final int padW;
        final int size;
        /** Offset of tap (0, 0) for each output position, row by row. */
        final int[] topLeft;
        /** Offset of each kernel tap from tap (0, 0), in row-major kernel order. */
        final int[] tapShift;
        /**
         * For each tap, an earlier tap in the same kernel column that sees the same pixels some
         * whole output rows later, or -1: with stride 2 and a 4-tap kernel, kernel row 2 sees at
         * output row {@code oy} what kernel row 0 sees at {@code oy + 1}. Its column entries
         * start with that earlier tap's, shifted, so im2col copies them as one block.
         */
        final int[] copiedFrom;
        /** How many leading entries of each tap's columns (per image) {@link #copiedFrom} provides. */
        final int[] copiedLength;

        Plane(ConvGeometry g) {
            height = g.height();
            width = g.width();
            padH = g.padH();
            padW = g.padW();
            rowStride = width + 2 * padW;
            size = (height + 2 * padH) * rowStride;
            topLeft = new int[g.outH() * g.outW()];
            int q = 0;
            for (int oy = 0; oy < g.outH(); oy++) {
                for (int ox = 0; ox < g.outW(); ox++) {
                    topLeft[q++] = oy * g.strideH() * rowStride + ox * g.strideW();
                }
            }
            tapShift = new int[g.kernelH() * g.kernelW()];
            copiedFrom = new int[tapShift.length];
            copiedLength = new int[tapShift.length];
            // Kernel rows m apart see the same image rows k = m * dilation / stride output rows
            // apart, when that is a whole number; the nearest such earlier row is the source.
            int step = g.strideH() / gcd(g.strideH(), g.dilationH());
            int rowsLater = step * g.dilationH() / g.strideH();
            for (int ki = 0; ki < g.kernelH(); ki++) {
                for (int kj = 0; kj < g.kernelW(); kj++) {
                    int t = ki * g.kernelW() + kj;
                    tapShift[t] = ki * g.dilationH() * rowStride + kj * g.dilationW();
                    boolean shared = ki >= step && rowsLater < g.outH();
                    copiedFrom[t] = shared ? t - step * g.kernelW() : -1;
                    copiedLength[t] = shared ? (g.outH() - rowsLater) * g.outW() : 0;
                }
            }
        }

        /**
         * Fills the leading entries of tap {@code t}'s columns for one image, which start at
         * {@code dst} in {@code cols} (a float or double array whose tap rows are
         * {@code rowLength} apart), by one copy from its {@link #copiedFrom} tap, and returns how
         * many it filled: 0 if the tap has no such source.
         */
        int copyFromEarlierTap(Object cols, int t, int dst, int rowLength) {
            if (copiedFrom[t] < 0) {
                return 0;
            }
            int q = copiedLength[t];
            int src = dst - (t - copiedFrom[t]) * rowLength + topLeft.length - q;
            System.arraycopy(cols, src, cols, dst, q);
            return q;
        }

        private static int gcd(int a, int b) {
            return b == 0 ? a : gcd(b, a % b);
        }

        /** Copies the plane at {@code from} into the interior of {@code plane}, whose border stays 0. */
        void load(float[] x, int from, float[] plane) {
            for (int y = 0; y < height; y++) {
                System.arraycopy(x, from + y * width, plane, (y + padH) * rowStride + padW, width);
            }
        }

        void load(double[] x, int from, double[] plane) {
            for (int y = 0; y < height; y++) {
                System.arraycopy(x, from + y * width, plane, (y + padH) * rowStride + padW, width);
            }
        }

        /** Copies the interior of {@code plane} to the plane at {@code to}. */
        void store(float[] plane, float[] out, int to) {
            for (int y = 0; y < height; y++) {
                System.arraycopy(plane, (y + padH) * rowStride + padW, out, to + y * width, width);
            }
        }

        void store(double[] plane, double[] out, int to) {
            for (int y = 0; y < height; y++) {
                System.arraycopy(plane, (y + padH) * rowStride + padW, out, to + y * width, width);
            }
        }
    }

    private static void checkInput(String op, Tensor x, ConvGeometry g) {
        java.util.Objects.requireNonNull(x, "x");
        java.util.Objects.requireNonNull(g, "geometry");
        if (x.rank() != 4 || x.dim(1) != g.channels() || x.dim(2) != g.height() || x.dim(3) != g.width()) {
            throw new IllegalArgumentException(op + ": input of shape " + x.shape + " does not match geometry "
                    + "[N, " + g.channels() + ", " + g.height() + ", " + g.width() + "]");
        }
    }
}
