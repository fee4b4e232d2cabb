package io.github.jgrad.wgan.spark;

/** Turns what Spark throws into the one line a user needs. */
final class SparkErrors {
    private SparkErrors() {
    }

    /**
     * The message of the innermost cause that has one, first line only: a failed task arrives as
     * a {@code SparkException} whose message holds the executor's whole stack trace, but whose
     * cause is the exception the task threw.
     */
    static String message(Throwable thrown) {
        Throwable t = thrown;
        String message = null;
        while (t != null) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
            t = t.getCause() == t ? null : t.getCause();
        }
        if (message == null) {
            return thrown.getClass().getSimpleName();
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** The innermost cause of {@code thrown}. */
    static Throwable root(Throwable thrown) {
        Throwable t = thrown;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
