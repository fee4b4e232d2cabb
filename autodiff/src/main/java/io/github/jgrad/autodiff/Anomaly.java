package io.github.jgrad.autodiff;

import java.net.URL;
import java.security.CodeSource;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Anomaly detection. While it is on, every recorded operation remembers where it was created
 * (the first stack frame outside the library and the JDK), and a backward that produces a NaN or infinity
 * throws {@link AnomalyException} naming that operation and place. It costs a stack walk per
 * operation, so it is off by default.
 */
public final class Anomaly {
    private static volatile boolean enabled;
    private static final Set<String> LIBRARY_LOCATIONS = ConcurrentHashMap.newKeySet();

    static {
        treatAsLibrary(Anomaly.class);
        treatAsLibrary(io.github.jgrad.tensor.Tensor.class);
    }

    private Anomaly() {
    }

    /** Turns anomaly detection on or off for all threads. */
    public static void setEnabled(boolean on) {
        enabled = on;
    }

    /** Whether anomaly detection is on. */
    public static boolean isEnabled() {
        return enabled;
    }

    /** Turns detection on until the returned scope is closed, then restores the previous setting. */
    public static AutoCloseable detect() {
        boolean previous = enabled;
        enabled = true;
        return () -> enabled = previous;
    }

    /**
     * Declares that classes loaded from the same jar or folder as {@code libraryClass} belong to
     * the library, so creation sites skip their frames. Modules built on autodiff call this.
     */
    public static void treatAsLibrary(Class<?> libraryClass) {
        java.util.Objects.requireNonNull(libraryClass, "libraryClass");
        String loc = location(libraryClass);
        if (loc != null) {
            LIBRARY_LOCATIONS.add(loc);
        }
    }

    /** The first stack frame outside the library and the JDK, as {@code Class.method(File.java:line)}. */
    static String creationSite() {
        return StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(frames -> frames
                        .filter(f -> !isJdk(f.getDeclaringClass())
                                && !LIBRARY_LOCATIONS.contains(String.valueOf(location(f.getDeclaringClass()))))
                        .findFirst()
                        .map(f -> f.toStackTraceElement().toString())
                        .orElse("<unknown>"));
    }

    /**
     * JDK classes have no code source, so without this a stream or forEach between the user's
     * code and the library ({@code xs.stream().map(Var::sqrt)}) would be reported as the site.
     */
    private static boolean isJdk(Class<?> c) {
        ClassLoader loader = c.getClassLoader();
        return loader == null || loader == ClassLoader.getPlatformClassLoader();
    }

    private static String location(Class<?> c) {
        CodeSource cs = c.getProtectionDomain().getCodeSource();
        URL url = cs == null ? null : cs.getLocation();
        return url == null ? null : url.toString();
    }
}
