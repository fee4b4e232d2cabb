package io.github.jgrad.tensor.blas;

/**
 * Entry point for {@link BlasProviderTest}'s child JVMs: prints the backend that
 * {@link BlasProvider#current()} chooses under the system properties given, or the exception.
 */
final class ProviderMain {

    private ProviderMain() {
    }

    public static void main(String[] args) {
        try {
            Blas first = BlasProvider.current();
            Blas second = BlasProvider.current();
            System.out.println("chosen=" + first.name() + " same=" + (first == second));
        } catch (RuntimeException e) {
            System.out.println("error=" + e.getClass().getName() + ": " + e.getMessage());
            System.exit(2);
        }
    }
}
