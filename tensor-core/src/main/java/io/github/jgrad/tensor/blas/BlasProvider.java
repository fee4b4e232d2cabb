package io.github.jgrad.tensor.blas;

/** Placeholder: chooses the BLAS backend. */
public final class BlasProvider {
    private BlasProvider() {
    }

    /** The chosen backend. */
    public static Blas current() {
        return JavaBlas.INSTANCE;
    }
}
