package io.github.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertThrowsExactly;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;

/**
 * One row of a bad-input catalogue: a mistake a user can make, the call that makes it, the exact
 * exception type it must raise, and the fragments its message must contain (the operation and
 * the offending parameter, shape or value), so that the message alone locates the mistake.
 *
 * @param description the mistake, as the test's display name
 * @param call the call that makes it
 * @param expected the exact exception type (a subclass does not count)
 * @param fragments text the message must contain
 */
record BadInput(String description, Executable call, Class<? extends Throwable> expected, List<String> fragments) {

    /** A row expecting an {@link IllegalArgumentException}. */
    static BadInput illegalArgument(String description, Executable call, String... fragments) {
        return new BadInput(description, call, IllegalArgumentException.class, List.of(fragments));
    }

    /** A row expecting a {@link NullPointerException} whose message names the missing parameter. */
    static BadInput nullArgument(String description, Executable call, String... fragments) {
        return new BadInput(description, call, NullPointerException.class, List.of(fragments));
    }

    /** A row expecting some other exception type. */
    static BadInput raises(Class<? extends Throwable> expected, String description, Executable call,
            String... fragments) {
        return new BadInput(description, call, expected, List.of(fragments));
    }

    /** This row as a test: the call raises exactly {@link #expected} with every fragment in its message. */
    DynamicTest asTest() {
        return DynamicTest.dynamicTest(description, () -> {
            Throwable e = assertThrowsExactly(expected, call, description);
            String message = String.valueOf(e.getMessage());
            for (String f : fragments) {
                assertTrue(message.contains(f), () -> description + ": message \"" + message + "\" lacks \"" + f + "\"");
            }
        });
    }
}
