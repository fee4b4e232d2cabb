package io.github.jgrad.bench;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Times the four {@link Workload}s in jgrad and in PyTorch, side by side, and prints generator
 * iterations per second, their ratio and each side's peak memory.
 *
 * <p>Usage: {@code java -cp jgrad-benchmarks.jar io.github.jgrad.bench.SideBySide [--repeats 3]
 * [--threads 1,2] [--workloads toy-wgan-gp,...] [--iterations N] [--warmup W] [--warmup-seconds 5]
 * [--max-seconds 20]
 * [--python /usr/bin/python3] [--script benchmarks/python/wgan_torch.py]
 * [--blas-dir /usr/lib/x86_64-linux-gnu/openblas-openmp] [--jvm-opts "-Xmx2g"]}.
 *
 * <p>Every measurement is a fresh child process, so one side's JIT, heap or thread pools never
 * affect the other: jgrad runs {@link WorkloadRun} in a JVM started with
 * {@code -XX:ActiveProcessorCount=T} (which sets jgrad's thread budget, shared by the products
 * and the Java kernels, and sizes the garbage collector and its threads) and
 * {@code OPENBLAS_NUM_THREADS=T} (which jgrad overrides: OpenBLAS runs one thread per call); PyTorch
 * runs {@code wgan_torch.py} with the OpenBLAS OpenMP library first on {@code LD_LIBRARY_PATH} and {@code torch.set_num_threads(T)}. The two
 * sides alternate, and swap which goes first on every repeat, so slow drift in the machine's load
 * falls on both. Without a Python that can import torch the PyTorch columns say so and the jgrad
 * side still runs.
 *
 * <p>Iteration counts default per workload to about five seconds of timed work each, after a
 * warm-up of at least the default count and at least {@code --warmup-seconds} on both sides (the
 * JVM needs seconds, not a few iterations, to compile its hot paths and size its heap); every
 * phase of a child is also cut off after {@code --max-seconds}, so the whole table stays bounded
 * (about 15-20 minutes on two cores with the defaults).
 */
public final class SideBySide {

    /** Default timed and warm-up generator iterations per workload, sized from REFERENCE.md's speeds. */
    private static final Map<Workload, int[]> DEFAULT_COUNTS = Map.of(
            Workload.TOY_WGAN_GP, new int[] {15, 5},
            Workload.TOY_WGAN_CLIP, new int[] {30, 10},
            Workload.MNIST_MLP_WGAN_GP, new int[] {50, 20},
            Workload.MNIST_CONV_WGAN_GP, new int[] {8, 4});

    private SideBySide() {
    }

    /** Parsed command line. */
    private static final class Options {
        int repeats = 3;
        List<Integer> threads = List.of(1, 2);
        List<Workload> workloads = List.of(Workload.values());
        Integer iterations;
        Integer warmup;
        double warmupSeconds = 5;
        double maxSeconds = 20;
        String python;
        String script;
        String blasDir = "/usr/lib/x86_64-linux-gnu/openblas-openmp";
        List<String> jvmOpts = List.of();
    }

    /**
     * Command-line entry point; see the class documentation for the options.
     *
     * @throws URISyntaxException if this class's jar location cannot be turned into a path
     */
    public static void main(String[] args) throws URISyntaxException {
        Options o = parse(args);
        String jar = Path.of(SideBySide.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        String script = o.script != null ? o.script : defaultScript(jar);
        String python = o.python != null ? o.python : findPython(o.blasDir);
        String torchMissing = python == null ? "no python3 that can import torch was found (tried /usr/bin/python3,"
                + " python3); install python3-torch libopenblas0-openmp or pass --python" : null;
        if (torchMissing == null && !Files.isRegularFile(Path.of(script))) {
            torchMissing = "PyTorch script " + script + " not found; pass --script";
        }
        if (torchMissing != null) {
            System.out.println("PyTorch side skipped: " + torchMissing + ". Running jgrad only.");
        }
        Map<String, List<ChildRun[]>> cells = new LinkedHashMap<>();
        for (int r = 0; r < o.repeats; r++) {
            for (Workload w : o.workloads) {
                for (int t : o.threads) {
                    int[] counts = counts(o, w);
                    List<String> jgradCmd = jgradCommand(jar, o, w, t, counts);
                    List<String> torchCmd = torchMissing == null ? torchCommand(python, script, o, w, t, counts) : null;
                    Map<String, String> env = Map.of("OPENBLAS_NUM_THREADS", String.valueOf(t),
                            "OMP_NUM_THREADS", String.valueOf(t));
                    long timeout = (long) (2 * o.maxSeconds + 120);
                    ChildRun j;
                    ChildRun p = null;
                    if (r % 2 == 0 || torchCmd == null) {
                        j = ChildRun.run(jgradCmd, env, timeout);
                        p = torchCmd == null ? null : ChildRun.run(torchCmd, env, timeout);
                    } else {
                        p = ChildRun.run(torchCmd, env, timeout);
                        j = ChildRun.run(jgradCmd, env, timeout);
                    }
                    report(r, w, t, "jgrad", j);
                    if (p != null) {
                        report(r, w, t, "torch", p);
                    }
                    cells.computeIfAbsent(w.id() + "|" + t, k -> new ArrayList<>()).add(new ChildRun[] {j, p});
                }
            }
        }
        SideBySideTable.print(cells, torchMissing);
    }

    private static void report(int repeat, Workload w, int threads, String side, ChildRun run) {
        if (run.ok()) {
            System.out.printf(Locale.ROOT, "repeat %d %-19s threads %d %-5s %8.3f it/s  peak %6.0f MB  %s%n",
                    repeat + 1, w.id(), threads, side, run.itPerSecond(), run.peakRssKb() / 1024.0, run.backend());
        } else {
            System.out.printf(Locale.ROOT, "repeat %d %-19s threads %d %-5s FAILED: %s%n",
                    repeat + 1, w.id(), threads, side, run.failure());
        }
    }

    private static int[] counts(Options o, Workload w) {
        int[] d = DEFAULT_COUNTS.get(w);
        return new int[] {o.iterations != null ? o.iterations : d[0], o.warmup != null ? o.warmup : d[1]};
    }

    private static List<String> jgradCommand(String jar, Options o, Workload w, int threads, int[] counts) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:ActiveProcessorCount=" + threads);
        // The JVM's own choice of collector stays: with one processor visible it takes the serial
        // collector, with two G1. After a full warm-up the choice matters little here (G1 within
        // about 3 % of serial at one thread on the toy WGAN-clip and conv workloads); --jvm-opts
        // can name one.
        cmd.addAll(o.jvmOpts);
        cmd.addAll(List.of("-cp", jar, WorkloadRun.class.getName(), "--workload", w.id(),
                "--iterations", String.valueOf(counts[0]), "--warmup", String.valueOf(counts[1]),
                "--warmup-seconds", String.valueOf(o.warmupSeconds), "--max-seconds", String.valueOf(o.maxSeconds)));
        return cmd;
    }

    private static List<String> torchCommand(String python, String script, Options o, Workload w, int threads,
                                             int[] counts) {
        return List.of(python, script, "--workload", w.id(), "--threads", String.valueOf(threads),
                "--iterations", String.valueOf(counts[0]), "--warmup", String.valueOf(counts[1]),
                "--warmup-seconds", String.valueOf(o.warmupSeconds), "--max-seconds", String.valueOf(o.maxSeconds),
                "--blas-dir", o.blasDir);
    }

    /** {@code ../python/wgan_torch.py} next to the jar's {@code target} folder, else relative to here. */
    private static String defaultScript(String jar) {
        Path nextToJar = Path.of(jar).toAbsolutePath().getParent().resolveSibling("python").resolve("wgan_torch.py");
        return Files.isRegularFile(nextToJar) ? nextToJar.toString() : "benchmarks/python/wgan_torch.py";
    }

    /** The first of {@code /usr/bin/python3}, {@code python3} that imports torch, or null. */
    private static String findPython(String blasDir) {
        for (String candidate : List.of("/usr/bin/python3", "python3")) {
            Map<String, String> env = blasDir.isEmpty() ? Map.of() : Map.of("LD_LIBRARY_PATH", blasDir);
            ChildRun probe = ChildRun.run(List.of(candidate, "-c", "import torch; print('RESULT it_per_s=0')"), env, 120);
            if (probe.ok()) {
                return candidate;
            }
        }
        return null;
    }

    private static Options parse(String[] args) {
        Options o = new Options();
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + args[i] + " needs a value");
            }
            String v = args[i + 1];
            switch (args[i]) {
                case "--repeats" -> o.repeats = Integer.parseInt(v);
                case "--threads" -> o.threads = Arrays.stream(v.split(",")).map(Integer::valueOf).toList();
                case "--workloads" -> o.workloads = Arrays.stream(v.split(",")).map(Workload::fromId).toList();
                case "--iterations" -> o.iterations = Integer.valueOf(v);
                case "--warmup" -> o.warmup = Integer.valueOf(v);
                case "--warmup-seconds" -> o.warmupSeconds = Double.parseDouble(v);
                case "--max-seconds" -> o.maxSeconds = Double.parseDouble(v);
                case "--python" -> o.python = v;
                case "--script" -> o.script = v;
                case "--blas-dir" -> o.blasDir = v;
                case "--jvm-opts" -> o.jvmOpts = v.isBlank() ? List.of() : List.of(v.trim().split("\\s+"));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; options: --repeats --threads --workloads --iterations --warmup --warmup-seconds"
                        + " --max-seconds"
                        + " --python --script --blas-dir --jvm-opts");
            }
        }
        return o;
    }
}
