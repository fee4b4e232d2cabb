package io.github.jgrad.tensor.blas;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;

/**
 * Sets the thread count of the OpenBLAS that netlib loaded, through OpenBLAS's own
 * {@code openblas_set_num_threads} (netlib's binding has no such call; JNA reaches the symbol in
 * the library the process has already mapped).
 *
 * <p>jgrad runs OpenBLAS at one thread per call and splits large products itself on its thread
 * budget ({@link GemmSplit}). OpenBLAS's pthread build keeps its workers spinning in
 * {@code sched_yield} for a while after every call; between the products of a training step that
 * is all the time, so a worker would hold the second core against im2col, the garbage collector
 * and any neighbour. At one thread OpenBLAS never wakes its workers, which fall asleep for good.
 */
final class OpenBlasThreads {
    private OpenBlasThreads() {
    }

    /**
     * Asks the library at {@code libraryPath} to run every call on the calling thread.
     *
     * @return true if the library has {@code openblas_set_num_threads} and now reports one thread;
     *     false for any other library (the reference BLAS, which is single-threaded anyway, or one
     *     that cannot be reached), which is then left as it is
     */
    static boolean pinToOneThread(String libraryPath) {
        if (libraryPath == null || !libraryPath.startsWith("/")) {
            return false;
        }
        try {
            NativeLibrary library = NativeLibrary.getInstance(libraryPath);
            Function set = library.getFunction("openblas_set_num_threads");
            Function get = library.getFunction("openblas_get_num_threads");
            set.invoke(new Object[] {1});
            return get.invokeInt(new Object[0]) == 1;
        } catch (LinkageError | RuntimeException e) {
            // LinkageError also covers a JNA with no native stub for this platform.
            return false;
        }
    }
}
