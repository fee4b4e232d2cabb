package io.github.jgrad.autodiff;

/**
 * Per thread, whether a backward pass with {@code createGraph} is running: the nodes recorded
 * meanwhile (the backward rules' products and the sums where gradients meet) form the graph of
 * a gradient, and {@link GraphPicture} draws them in their own colour. Passes may nest.
 */
final class BackwardRecording implements AutoCloseable {
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);
    private static final BackwardRecording NONE = new BackwardRecording(false);
    private final boolean entered;

    private BackwardRecording(boolean entered) {
        this.entered = entered;
    }

    /** Enters a recorded backward pass when {@code createGraph} is set; close it when done. */
    static BackwardRecording enter(boolean createGraph) {
        if (!createGraph) {
            return NONE;
        }
        DEPTH.get()[0]++;
        return new BackwardRecording(true);
    }

    static boolean active() {
        return DEPTH.get()[0] > 0;
    }

    @Override
    public void close() {
        if (entered) {
            DEPTH.get()[0]--;
        }
    }
}
