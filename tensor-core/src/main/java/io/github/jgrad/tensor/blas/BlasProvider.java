package io.github.jgrad.tensor.blas;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Chooses the {@link Blas} backend on first use: the fastest that loads and passes a smoke test,
 * in the order {@code netlib} ({@link NetlibBlas}, system OpenBLAS), {@code jblas}
 * ({@link JBlasBlas}), {@code java} ({@link JavaBlas}, always available).
 *
 * <p>The system property {@value #PROPERTY} forces one of {@link #NAMES}; a blank value counts as
 * unset. Forcing an unknown name is an {@link IllegalArgumentException}; forcing a native backend
 * that does not load is an {@link IllegalStateException} naming what to install. A failing native
 * library never surfaces as an {@link UnsatisfiedLinkError}.
 *
 * <p>The choice is logged once, as one INFO line on the {@link System.Logger} named
 * {@value #LOGGER_NAME}, naming the chosen backend and, for each faster one that failed, the
 * reason and what to install. {@code System.Logger} needs no dependency and goes to
 * {@code java.util.logging} unless the application installs a {@link System.LoggerFinder}
 * (SLF4J and Log4j provide one), so the line ends up wherever the application's logging goes;
 * a program that shows the choice itself reads {@link #selection()} and turns the logger down.
 * Loading a backend is attempted at most once per process (native libraries cannot be unloaded),
 * so {@link #available()} and {@link #load(String)} are cheap after the first call. All methods
 * are thread-safe.
 */
public final class BlasProvider {

    /** System property that forces a backend. */
    public static final String PROPERTY = "jgrad.blas";

    /** Accepted backend names, fastest first: the order in which they are tried. */
    public static final List<String> NAMES = List.of("netlib", "jblas", "java");

    /** Name of the {@link System.Logger} the choice is logged to. */
    public static final String LOGGER_NAME = "io.github.jgrad.tensor.blas";

    private static final List<Candidate> BUILT_IN = List.of(
            new Candidate("netlib", NetlibBlas.INSTALL_HINT, "dev.ludovic.netlib:blas", NetlibBlas::new),
            new Candidate("jblas", JBlasBlas.INSTALL_HINT, "org.jblas:jblas", JBlasBlas::new),
            new Candidate("java", "", "", () -> JavaBlas.INSTANCE));

    private static final Map<String, Attempt> ATTEMPTS = new HashMap<>();
    private static volatile Selection selection;

    private BlasProvider() {
    }

    /**
     * The outcome of loading one backend.
     *
     * @param name        the backend's name, one of {@link #NAMES}
     * @param backend     the loaded, smoke-tested backend, or null if it failed
     * @param failure     why it failed (one line), or null if it loaded
     * @param installHint what to install or add for it to load, empty if nothing
     */
    public record Attempt(String name, Blas backend, String failure, String installHint) {
        /** Whether the backend loaded and passed its smoke test. */
        public boolean loaded() {
            return backend != null;
        }
    }

    /**
     * The result of a choice.
     *
     * @param chosen   the backend in use
     * @param forced   the value of {@value #PROPERTY} that forced it, or null if chosen by speed
     * @param attempts every backend tried, in order, up to and including the chosen one
     */
    public record Selection(Blas chosen, String forced, List<Attempt> attempts) {
        /** Copies the list of attempts, so a selection is an immutable value. */
        public Selection {
            attempts = List.copyOf(attempts);
        }

        /** The line that is logged: the chosen backend and what failed before it, with fixes. */
        public String summary() {
            StringBuilder line = new StringBuilder("jgrad BLAS backend: ").append(chosen);
            if (forced != null) {
                line.append(" (forced by -D").append(PROPERTY).append('=').append(forced).append(')');
            }
            for (Attempt attempt : attempts) {
                if (!attempt.loaded()) {
                    line.append(" | skipped ").append(attempt.name()).append(": ").append(attempt.failure())
                            .append("; to enable it: ").append(attempt.installHint());
                }
            }
            return line.toString();
        }
    }

    /**
     * A backend that may be tried: its name, the system package it needs, the Maven artifact
     * holding its classes, and how to build it.
     */
    record Candidate(String name, String installHint, String artifact, Supplier<Blas> factory) {
    }

    /**
     * The backend in use, chosen and logged on the first call.
     *
     * @throws IllegalArgumentException if {@value #PROPERTY} names an unknown backend
     * @throws IllegalStateException    if {@value #PROPERTY} forces a backend that does not load
     */
    public static Blas current() {
        return selection().chosen();
    }

    /**
     * How the backend in use was chosen, choosing it first if needed.
     *
     * @throws IllegalArgumentException if {@value #PROPERTY} names an unknown backend
     * @throws IllegalStateException    if {@value #PROPERTY} forces a backend that does not load
     */
    public static Selection selection() {
        Selection s = selection;
        if (s == null) {
            synchronized (BlasProvider.class) {
                s = selection;
                if (s == null) {
                    s = choose(System.getProperty(PROPERTY));
                    System.getLogger(LOGGER_NAME).log(System.Logger.Level.INFO, s.summary());
                    selection = s;
                }
            }
        }
        return s;
    }

    /** Every backend that loads and passes its smoke test, fastest first; never empty. */
    public static List<Blas> available() {
        List<Blas> loaded = new ArrayList<>();
        for (Attempt attempt : diagnostics()) {
            if (attempt.loaded()) {
                loaded.add(attempt.backend());
            }
        }
        return List.copyOf(loaded);
    }

    /** The outcome of loading each backend in {@link #NAMES}, in that order (loading each if needed). */
    public static List<Attempt> diagnostics() {
        List<Attempt> all = new ArrayList<>();
        for (Candidate candidate : BUILT_IN) {
            all.add(attempt(candidate));
        }
        return List.copyOf(all);
    }

    /**
     * The backend with this name if it loads and passes its smoke test.
     *
     * @throws IllegalArgumentException if the name is not one of {@link #NAMES}
     */
    public static Optional<Blas> load(String name) {
        return Optional.ofNullable(attempt(find(normalize(name), name, BUILT_IN)).backend());
    }

    /** Chooses among the built-in backends; see {@link #choose(String, List)}. */
    static Selection choose(String forced) {
        return choose(forced, BUILT_IN);
    }

    /**
     * Chooses a backend without touching the one in use: the forced one if {@code forced} is not
     * blank, else the first candidate that loads.
     */
    static Selection choose(String forced, List<Candidate> candidates) {
        if (forced != null && !forced.isBlank()) {
            Candidate candidate = find(normalize(forced), forced, candidates);
            Attempt attempt = attempt(candidate);
            if (!attempt.loaded()) {
                throw new IllegalStateException("-D" + PROPERTY + "=" + forced.trim() + " forces the "
                        + candidate.name() + " BLAS backend, which failed to load (" + attempt.failure()
                        + "); to enable it: " + attempt.installHint() + ", or drop the property.");
            }
            return new Selection(attempt.backend(), forced.trim(), List.of(attempt));
        }
        List<Attempt> tried = new ArrayList<>();
        for (Candidate candidate : candidates) {
            Attempt attempt = attempt(candidate);
            tried.add(attempt);
            if (attempt.loaded()) {
                return new Selection(attempt.backend(), null, tried);
            }
        }
        throw new IllegalStateException("no BLAS backend loaded: " + tried);
    }

    private static String normalize(String name) {
        return name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    }

    private static Candidate find(String normalized, String asGiven, List<Candidate> candidates) {
        for (Candidate candidate : candidates) {
            if (candidate.name().equals(normalized)) {
                return candidate;
            }
        }
        List<String> names = new ArrayList<>();
        candidates.forEach(c -> names.add(c.name()));
        throw new IllegalArgumentException("unknown BLAS backend '" + asGiven + "' (from -D" + PROPERTY
                + " or a load call); accepted values: " + String.join(", ", names));
    }

    /** Loads and smoke-tests a candidate; built-in candidates only once per process. */
    private static Attempt attempt(Candidate candidate) {
        if (!BUILT_IN.contains(candidate)) {
            return tryLoad(candidate);
        }
        synchronized (ATTEMPTS) {
            Attempt attempt = ATTEMPTS.get(candidate.name());
            if (attempt == null) {
                attempt = tryLoad(candidate);
                ATTEMPTS.put(candidate.name(), attempt);
            }
            return attempt;
        }
    }

    private static Attempt tryLoad(Candidate candidate) {
        try {
            Blas blas = candidate.factory().get();
            SmokeTest.check(blas);
            return new Attempt(candidate.name(), blas, null, candidate.installHint());
        } catch (VirtualMachineError e) {
            // Out of memory or stack says nothing about the backend; do not disguise it.
            throw e;
        } catch (Throwable e) {
            // LinkageError (UnsatisfiedLinkError, NoClassDefFoundError, ExceptionInInitializerError)
            // and anything else a native library's loader throws: this backend is unusable.
            String hint = missingClass(e) ? "add the Maven dependency " + candidate.artifact()
                    : candidate.installHint();
            return new Attempt(candidate.name(), null, reason(e), hint);
        }
    }

    /** Whether the backend's Java classes, not its native library, are what is missing. */
    private static boolean missingClass(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ClassNotFoundException || t instanceof NoClassDefFoundError) {
                return true;
            }
        }
        return false;
    }

    /**
     * One line. The backends' own {@link IllegalStateException}s already say what went wrong
     * (their text up to the install advice is kept); for anything else the innermost cause is
     * where the real reason (a missing .so) usually is.
     */
    private static String reason(Throwable e) {
        String text;
        if (e instanceof IllegalStateException && e.getMessage() != null) {
            text = e.getMessage().replaceFirst(";\\s*(install|it needs).*$", "");
        } else {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            text = root.getClass().getSimpleName() + ": " + root.getMessage();
        }
        text = text.replaceAll("\\s+", " ").trim();
        return text.length() > 240 ? text.substring(0, 237) + "..." : text;
    }
}
