package io.github.jgrad.tensor.blas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link OpenBlasCoreType}: which OpenBLAS kernels jgrad asks for, from the property, the
 * environment and the CPU's flags; and that the loaded OpenBLAS runs what was asked for.
 */
class OpenBlasCoreTypeTest {
    private static final Set<String> AVX512 = Set.of("fpu", "sse2", "avx", "avx2", "fma", "avx512f", "avx512dq",
            "avx512cd", "avx512bw", "avx512vl", "avx512_bf16");
    private static final OpenBlasCoreType.Cpu ZEN5 = new OpenBlasCoreType.Cpu("AuthenticAMD", AVX512);
    private static final OpenBlasCoreType.Cpu SAPPHIRE_RAPIDS = new OpenBlasCoreType.Cpu("GenuineIntel", AVX512);
    private static final OpenBlasCoreType.Cpu AVX2_ONLY = new OpenBlasCoreType.Cpu("AuthenticAMD",
            Set.of("fpu", "sse2", "avx", "avx2", "fma"));

    @TempDir
    Path dir;

    @Test
    void autoAsksForTheAvx512KernelsOnlyOnAnAmdX86WithEverySubsetTheyUse() {
        assertEquals("SkylakeX", OpenBlasCoreType.choose(null, null, "amd64", ZEN5));
        assertEquals("SkylakeX", OpenBlasCoreType.choose("auto", null, "x86_64", ZEN5));
        assertNull(OpenBlasCoreType.choose(null, null, "amd64", AVX2_ONLY));
        assertNull(OpenBlasCoreType.choose(null, null, "aarch64", ZEN5));
        assertNull(OpenBlasCoreType.choose(null, null, "amd64", SAPPHIRE_RAPIDS), "OpenBLAS knows Intel's");
        Set<String> noVl = new HashSet<>(AVX512);
        noVl.remove("avx512vl");
        assertNull(OpenBlasCoreType.choose(null, null, "amd64", new OpenBlasCoreType.Cpu("AuthenticAMD", noVl)));
    }

    @Test
    void theEnvironmentAlwaysWinsAndThePropertyOverridesTheRest() {
        assertNull(OpenBlasCoreType.choose(null, "Haswell", "amd64", ZEN5));
        assertNull(OpenBlasCoreType.choose("Zen", "Haswell", "amd64", ZEN5));
        assertNull(OpenBlasCoreType.choose("off", null, "amd64", ZEN5));
        assertNull(OpenBlasCoreType.choose(" OFF ", null, "amd64", ZEN5));
        assertEquals("Haswell", OpenBlasCoreType.choose("Haswell", null, "amd64", ZEN5));
        assertEquals("SkylakeX", OpenBlasCoreType.choose("SkylakeX", null, "amd64", AVX2_ONLY));
    }

    @Test
    void vendorAndFlagsAreReadFromTheFirstProcessorOfACpuinfoFile() throws IOException {
        Path cpuinfo = dir.resolve("cpuinfo");
        Files.writeString(cpuinfo, "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: Test CPU\n"
                + "flags\t\t: fpu avx2  avx512f avx512vl\n\nprocessor\t: 1\nvendor_id\t: Other\nflags\t\t: fpu\n");
        assertEquals(new OpenBlasCoreType.Cpu("AuthenticAMD", Set.of("fpu", "avx2", "avx512f", "avx512vl")),
                OpenBlasCoreType.Cpu.read(cpuinfo));
        assertEquals(OpenBlasCoreType.Cpu.UNKNOWN, OpenBlasCoreType.Cpu.read(dir.resolve("absent")));
    }

    @Test
    void theLoadedOpenBlasRunsTheKernelsChosenForThisCpu() {
        for (Blas blas : BlasProvider.available()) {
            if (blas instanceof NetlibBlas netlib && netlib.coreName() != null) {
                String asked = OpenBlasCoreType.choose(System.getProperty(OpenBlasCoreType.PROPERTY),
                        System.getenv(OpenBlasCoreType.VARIABLE), System.getProperty("os.arch"),
                        OpenBlasCoreType.Cpu.read(Path.of("/proc/cpuinfo")));
                String expected = asked != null ? asked : System.getenv(OpenBlasCoreType.VARIABLE);
                if (expected != null) {
                    assertEquals(expected.toLowerCase(), netlib.coreName().toLowerCase(), netlib.toString());
                }
            }
        }
    }
}
