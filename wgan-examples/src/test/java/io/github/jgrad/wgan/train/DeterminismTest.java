package io.github.jgrad.wgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.jgrad.nn.io.SafeTensors;
import io.github.jgrad.tensor.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What is reproducible, as README "Errors and guarantees" states it. With the same seed, backend
 * and thread count a run is bit-identical: twice in one JVM, and in separate JVMs. The pure-Java
 * backend is bit-identical at any thread count too (each output element is computed by the same
 * operations however the work is split). Different BLAS backends (and a native backend at
 * different thread counts) sum products in different orders, so they agree only closely: the
 * training they drive moves the weights the same way to within {@link #BACKEND_TOLERANCE}
 * (relative). Backends that do not load on this machine are left out of the comparison.
 */
class DeterminismTest {
    /** Wide and large enough that the matrix products are split across threads where a backend does that. */
    static final int WIDTH = 160;
    static final int BATCH = 128;
    static final int ITERATIONS = 3;
    static final double LR = 1e-3;
    static final long SEED = 7;
    /**
     * Largest relative difference, {@code ||dA - dB|| / ||dB||}, between the weight changes two
     * backends produce. Rounding differs in the last bits of each product, but Adam's first steps
     * move every weight by about {@code +-lr} whatever the gradient's size, so a weight whose
     * gradient is at rounding level can move the other way: OpenBLAS and jblas against the Java
     * kernel measured 0.007 on this run. A wrong product (a transpose, a missed term) gives
     * differences of order 1.
     */
    static final double BACKEND_TOLERANCE = 5e-2;

    @TempDir
    Path dir;

    @Test
    void theSameSeedTwiceInOneJvmGivesBitIdenticalWeightsAndAnotherSeedDoesNot() throws IOException {
        Map<String, Tensor> first = weights(TrainAndSave.train(TrainAndSave.spec(16, 32, 8, LR, SEED)));
        Map<String, Tensor> second = weights(TrainAndSave.train(TrainAndSave.spec(16, 32, 8, LR, SEED)));
        Map<String, Tensor> other = weights(TrainAndSave.train(TrainAndSave.spec(16, 32, 8, LR, SEED + 1)));
        assertBitIdentical(first, second, "two runs in one JVM");
        assertNotEquals(0.0, relativeDistance(first, other, Map.of()), "another seed gave the same weights");
    }

    @Test
    void childJvmsAgreeBitForBitOnOneBackendAndThreadCountAndCloselyAcrossBackends() throws Exception {
        RunSpec spec = TrainAndSave.spec(WIDTH, BATCH, ITERATIONS, LR, SEED);
        Map<String, Tensor> initial = weights(Experiment.create(spec));
        Map<String, Tensor> here = weights(TrainAndSave.train(spec));

        // Same (default) backend and thread count, two JVMs: bit for bit, and equal to this JVM.
        Map<String, Map<String, Tensor>> a = runChildren(List.of(child("default-1"), child("default-2")));
        assertBitIdentical(here, a.get("default-1"), "this JVM and a child JVM");
        assertBitIdentical(a.get("default-1"), a.get("default-2"), "two child JVMs");

        // The pure-Java backend on one and on two processors: bit for bit.
        Map<String, Map<String, Tensor>> java = runChildren(List.of(
                child("java-1cpu", "-Djgrad.blas=java", "-XX:ActiveProcessorCount=1"),
                child("java-2cpu", "-Djgrad.blas=java", "-XX:ActiveProcessorCount=2")));
        Map<String, Tensor> reference = java.get("java-1cpu");
        assertBitIdentical(reference, java.get("java-2cpu"), "the java backend on 1 and 2 processors");

        // Native backends, where they load: close to the pure-Java backend, not necessarily equal.
        Map<String, Map<String, Tensor>> natives = runChildren(List.of(
                child("netlib-1thread", "-Djgrad.blas=netlib", "-Djgrad.threads=1"),
                child("netlib-2threads", "-Djgrad.blas=netlib", "-Djgrad.threads=2"),
                child("jblas", "-Djgrad.blas=jblas")));
        natives.put("default", a.get("default-1"));
        for (Map.Entry<String, Map<String, Tensor>> e : natives.entrySet()) {
            if (e.getValue() == null) {
                continue; // not installed here
            }
            double d = relativeDistance(e.getValue(), reference, initial);
            assertTrue(d <= BACKEND_TOLERANCE, e.getKey() + " moved the weights " + d + " (relative) away from java");
        }
    }

    /** A child run: its name, JVM options ({@code -...}) and environment settings ({@code NAME=value}). */
    private record Child(String name, List<String> settings) {
    }

    private static Child child(String name, String... settings) {
        return new Child(name, List.of(settings));
    }

    /**
     * Runs the children two at a time (this machine's core count) and returns each one's weights,
     * or null for a child whose forced backend does not load here.
     */
    private Map<String, Map<String, Tensor>> runChildren(List<Child> children) throws Exception {
        Map<String, Map<String, Tensor>> out = new LinkedHashMap<>();
        for (int i = 0; i < children.size(); i += 2) {
            List<Child> pair = children.subList(i, Math.min(children.size(), i + 2));
            List<Process> started = new ArrayList<>();
            for (Child c : pair) {
                started.add(start(c));
            }
            for (int k = 0; k < pair.size(); k++) {
                out.put(pair.get(k).name(), finish(pair.get(k), started.get(k)));
            }
        }
        return out;
    }

    private Process start(Child c) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(java.toString(), "-Xmx512m"));
        ProcessBuilder pb = new ProcessBuilder();
        for (String s : c.settings()) {
            if (s.startsWith("-")) {
                cmd.add(s);
            } else {
                pb.environment().put(s.substring(0, s.indexOf('=')), s.substring(s.indexOf('=') + 1));
            }
        }
        cmd.addAll(List.of("-cp", classPath, TrainAndSave.class.getName(), dir.resolve(c.name() + ".safetensors")
                .toString(), Integer.toString(WIDTH), Integer.toString(BATCH), Integer.toString(ITERATIONS),
                Double.toString(LR), Long.toString(SEED)));
        return pb.command(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(c.name() + ".log").toFile())
                .start();
    }

    private Map<String, Tensor> finish(Child c, Process p) throws Exception {
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(c.name() + " did not finish");
        }
        String log = Files.readString(dir.resolve(c.name() + ".log"), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            if (log.contains("jgrad.blas")) {
                return null; // the forced backend does not load on this machine
            }
            fail(c.name() + " failed with status " + p.exitValue() + ":\n" + log);
        }
        return SafeTensors.read(dir.resolve(c.name() + ".safetensors")).tensors().entrySet().stream()
                .filter(e -> e.getKey().startsWith("generator.") || e.getKey().startsWith("critic."))
                .collect(LinkedHashMap::new, (m, e) -> m.put(e.getKey(), e.getValue()), Map::putAll);
    }

    /** Both networks' weights under their checkpoint names. */
    private static Map<String, Tensor> weights(Experiment run) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        run.trainer().generator().stateDict().forEach((k, v) -> out.put("generator." + k, v));
        run.trainer().critic().stateDict().forEach((k, v) -> out.put("critic." + k, v));
        return out;
    }

    private static void assertBitIdentical(Map<String, Tensor> a, Map<String, Tensor> b, String what) {
        assertEquals(a.keySet(), b.keySet(), what);
        for (String k : a.keySet()) {
            float[] x = a.get(k).toFloatArray();
            float[] y = b.get(k).toFloatArray();
            for (int i = 0; i < x.length; i++) {
                if (Float.floatToRawIntBits(x[i]) != Float.floatToRawIntBits(y[i])) {
                    fail(what + " differ at " + k + "[" + i + "]: " + x[i] + " vs " + y[i]);
                }
            }
        }
    }

    /**
     * {@code ||(a - base) - (b - base)|| / ||b - base||}: how differently two runs moved the weights
     * from {@code base} (all zero when {@code base} is empty).
     */
    private static double relativeDistance(Map<String, Tensor> a, Map<String, Tensor> b, Map<String, Tensor> base) {
        double diff = 0;
        double norm = 0;
        for (String k : b.keySet()) {
            float[] x = a.get(k).toFloatArray();
            float[] y = b.get(k).toFloatArray();
            float[] z = base.containsKey(k) ? base.get(k).toFloatArray() : new float[y.length];
            for (int i = 0; i < y.length; i++) {
                diff += (double) (x[i] - y[i]) * (x[i] - y[i]);
                norm += (double) (y[i] - z[i]) * (y[i] - z[i]);
            }
        }
        return Math.sqrt(diff / norm);
    }
}
