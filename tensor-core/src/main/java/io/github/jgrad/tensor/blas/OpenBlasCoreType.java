package io.github.jgrad.tensor.blas;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Picks the kernels a runtime-dispatching OpenBLAS uses on this CPU, before it loads.
 *
 * <p>OpenBLAS built for every x86-64 CPU (Debian's and Ubuntu's packages are) chooses its
 * kernels from the CPU's model when it loads. A model newer than the library falls back to older
 * kernels: OpenBLAS 0.3.21 (Debian 12) runs an AMD Zen 5 on its AVX2 kernels for
 * Haswell, although the CPU has AVX-512. There that nearly halves the speed of every matrix
 * product (the toy WGAN-clip workload, four fifths of it {@code sgemm}, trains at 8.3 iterations
 * a second on the Haswell kernels and at 14.2 on the SkylakeX ones). The library reads the
 * environment variable {@code OPENBLAS_CORETYPE} when it loads, so jgrad sets it to
 * {@code SkylakeX}, in its own process only, on an AMD CPU that has the AVX-512 subsets those
 * kernels use ({@code avx512f}, {@code avx512vl}, {@code avx512bw}, {@code avx512dq}), when the
 * variable is not set already. Intel CPUs with AVX-512 are left to OpenBLAS, which knows them
 * and may pick newer kernels than SkylakeX's.
 *
 * <p>The system property {@code jgrad.openblas.coretype} overrides the choice: {@code auto}
 * (the default, as above), {@code off} (leave OpenBLAS to choose), or a core name OpenBLAS knows
 * ({@code Haswell}, {@code SkylakeX}, ...). Name a core only for a CPU known to run it: kernels
 * for instructions the CPU lacks stop the process with an illegal instruction at the first
 * product. A set {@code OPENBLAS_CORETYPE} always wins. The variable only reaches libraries
 * loaded after it is set, so it has no effect when the process had already loaded OpenBLAS, and
 * none on a build for one CPU.
 */
final class OpenBlasCoreType {
    /** The system property that overrides the choice. */
    static final String PROPERTY = "jgrad.openblas.coretype";
    /** What OpenBLAS reads. */
    static final String VARIABLE = "OPENBLAS_CORETYPE";
    /** The AVX-512 subsets OpenBLAS's SkylakeX kernels use. */
    static final List<String> SKYLAKEX_FLAGS = List.of("avx512f", "avx512vl", "avx512bw", "avx512dq");

    private OpenBlasCoreType() {
    }

    /**
     * The core type to set, or null to set none.
     *
     * @param property the value of {@link #PROPERTY} (null means {@code auto})
     * @param variable the value of {@link #VARIABLE} in the environment (null if unset)
     * @param arch {@code os.arch}
     * @param cpu the CPU's vendor and feature flags, as in {@code /proc/cpuinfo}
     */
    static String choose(String property, String variable, String arch, Cpu cpu) {
        if (variable != null) {
            return null;
        }
        String p = property == null ? "auto" : property.trim();
        if (p.equalsIgnoreCase("off")) {
            return null;
        }
        if (!p.equalsIgnoreCase("auto")) {
            return p.isEmpty() ? null : p;
        }
        boolean x86 = arch != null && (arch.equals("amd64") || arch.equals("x86_64"));
        return x86 && "AuthenticAMD".equals(cpu.vendor()) && cpu.flags().containsAll(SKYLAKEX_FLAGS) ? "SkylakeX" : null;
    }

    /**
     * Sets {@link #VARIABLE} in this process as {@link #choose} decides, on Linux; does nothing
     * elsewhere or when the C library cannot be reached.
     *
     * @return the core type set, or null
     */
    static String applyBeforeLoad() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return null;
        }
        String type = choose(System.getProperty(PROPERTY), System.getenv(VARIABLE), System.getProperty("os.arch"),
                Cpu.read(Path.of("/proc/cpuinfo")));
        if (type == null) {
            return null;
        }
        try {
            Function setenv = NativeLibrary.getInstance("c").getFunction("setenv");
            // Overwrite 0: a variable set meanwhile by someone else stays.
            return setenv.invokeInt(new Object[] {VARIABLE, type, 0}) == 0 ? type : null;
        } catch (LinkageError | RuntimeException e) {
            // LinkageError also covers a JNA with no native stub for this platform.
            return null;
        }
    }

    /** A CPU's vendor ({@code vendor_id}) and feature flags, as {@code /proc/cpuinfo} gives them. */
    record Cpu(String vendor, Set<String> flags) {
        /** Nothing known: no vendor, no flags. */
        static final Cpu UNKNOWN = new Cpu("", Set.of());

        /** The first processor of a {@code /proc/cpuinfo} file; {@link #UNKNOWN} if it cannot be read. */
        static Cpu read(Path cpuinfo) {
            if (!Files.isReadable(cpuinfo)) {
                return UNKNOWN;
            }
            try (Stream<String> lines = Files.lines(cpuinfo)) {
                String vendor = "";
                Set<String> flags = null;
                for (String line : (Iterable<String>) lines::iterator) {
                    if (line.startsWith("vendor_id") && vendor.isEmpty()) {
                        vendor = value(line);
                    } else if (line.startsWith("flags") && flags == null) {
                        flags = new HashSet<>(Arrays.asList(value(line).split("\\s+")));
                    }
                    if (!vendor.isEmpty() && flags != null) {
                        break;
                    }
                }
                return new Cpu(vendor, flags == null ? Set.of() : flags);
            } catch (IOException | RuntimeException e) {
                return UNKNOWN;
            }
        }

        private static String value(String line) {
            return line.substring(line.indexOf(':') + 1).trim();
        }
    }

    /**
     * The kernels the loaded library at {@code libraryPath} runs, from OpenBLAS's
     * {@code openblas_get_corename}, or null for a library without it.
     */
    static String loadedCoreName(String libraryPath) {
        if (libraryPath == null || !libraryPath.startsWith("/")) {
            return null;
        }
        try {
            Function name = NativeLibrary.getInstance(libraryPath).getFunction("openblas_get_corename");
            return name.invokeString(new Object[0], false);
        } catch (LinkageError | RuntimeException e) {
            return null;
        }
    }
}
