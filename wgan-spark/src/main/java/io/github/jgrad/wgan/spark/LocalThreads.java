package io.github.jgrad.wgan.spark;

import io.github.jgrad.tensor.Parallel;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * Thread settings of a sweep whose executor is the driver's own JVM ({@code local} masters).
 * On a cluster each executor JVM gets {@code -Djgrad.threads} and {@code OPENBLAS_NUM_THREADS}
 * through Spark's settings; locally the driver must carry them itself. jgrad reads its property
 * when its kernels are first used, so setting it early is enough; OpenBLAS reads its variable only
 * when the library loads, so a program started without it starts itself again with it.
 */
final class LocalThreads {
    /** The environment variable OpenBLAS takes its thread count from. */
    static final String OPENBLAS = "OPENBLAS_NUM_THREADS";

    private LocalThreads() {
    }

    static boolean isLocal(String master) {
        return master.trim().startsWith("local");
    }

    /** For a local master, caps jgrad's kernels at {@code threads} threads in this JVM. */
    static void apply(String master, int threads) {
        if (isLocal(master)) {
            System.setProperty(Parallel.THREADS_PROPERTY, String.valueOf(threads));
        }
    }

    /** Whether this JVM's OpenBLAS would use another thread count than {@code threads}. */
    static boolean openBlasDiffers(int threads) {
        return !String.valueOf(threads).equals(System.getenv(OPENBLAS));
    }

    /**
     * Whether this JVM was started as a program from a class path that holds this class (as
     * {@code java -jar jgrad-spark.jar} is), so the same program can be started again.
     */
    static boolean canRestart() {
        try {
            Path self = Path.of(LocalThreads.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Arrays.stream(System.getProperty("java.class.path", "").split(File.pathSeparator))
                    .anyMatch(entry -> !entry.isEmpty() && Path.of(entry).toAbsolutePath().normalize()
                            .equals(self.toAbsolutePath().normalize()));
        } catch (URISyntaxException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Runs {@code mainClass} with {@code args} in a new JVM with the same options and class path
     * and {@code OPENBLAS_NUM_THREADS=threads}, sharing this one's standard streams, and returns
     * its exit status. The new JVM is stopped if this one is.
     */
    static int restart(Class<?> mainClass, String[] args, int threads) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        // What the jar's manifest grants a 'java -jar' start, granted here on the command line.
        // (The incubating vector module is left out: the java -jar start has none, and it warns on start.)
        Arrays.stream(JavaModuleOptions.defaultModuleOptionArray()).filter(o -> !o.startsWith("--add-modules"))
                .forEach(cmd::add);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass.getName());
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        pb.environment().put(OPENBLAS, String.valueOf(threads));
        Process child = pb.start();
        Thread stopChild = new Thread(child::destroy, "jgrad-sweep-stop-child");
        Runtime.getRuntime().addShutdownHook(stopChild);
        try {
            return child.waitFor();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopChild);
            } catch (IllegalStateException shuttingDown) {
                // the hook is already running and stops the child
            }
        }
    }
}
