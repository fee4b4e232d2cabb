package io.github.jgrad.autodiff;

/**
 * A scope, per thread, inside which operations record no graph: their results are constants.
 * Use with try-with-resources; scopes nest.
 *
 * <pre>{@code
 * try (NoGrad ignored = NoGrad.enter()) {
 *     Var y = critic.forward(x);   // no graph kept
 * }
 * }</pre>
 */
public final class NoGrad implements AutoCloseable {
    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);
    private boolean closed;

    private NoGrad() {
    }

    /** Enters a no-grad scope on this thread. */
    public static NoGrad enter() {
        DEPTH.get()[0]++;
        return new NoGrad();
    }

    /** True unless this thread is inside a no-grad scope. */
    public static boolean isGradEnabled() {
        return DEPTH.get()[0] == 0;
    }

    /** Leaves the scope (idempotent). */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            DEPTH.get()[0]--;
        }
    }
}
