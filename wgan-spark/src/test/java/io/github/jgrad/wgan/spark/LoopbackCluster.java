package io.github.jgrad.wgan.spark;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * A real Spark standalone cluster on the loopback interface: a Master and Workers, each a
 * separate JVM started from Spark's own classes on this JVM's class path, as a test's fixture.
 * Each Worker starts its executors as JVMs of their own. {@link #close()} kills every one of
 * these processes, whatever state the test left them in.
 *
 * <p>Spark's Workers build an executor's class path from a Spark installation; this cluster's
 * "installation" is an empty {@code jars} folder, and the application brings the whole class
 * path in {@code spark.executor.extraClassPath} ({@link #executorClassPath()}).
 */
final class LoopbackCluster implements AutoCloseable {
    private static final String HOST = "127.0.0.1";
    private static final Pattern ALIVE_WORKERS = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");

    private final Path dir;
    private final List<Process> processes = new ArrayList<>();
    private final List<Process> workers = new ArrayList<>();
    private final int masterPort;
    private final int masterUiPort;

    private LoopbackCluster(Path dir) throws IOException {
        this.dir = dir;
        this.masterPort = freePort();
        this.masterUiPort = freePort();
    }

    /**
     * Starts a Master and {@code workers} Workers of {@code coresPerWorker} cores each, and waits
     * until the Master counts them all alive.
     */
    static LoopbackCluster start(Path dir, int workers, int coresPerWorker, Duration timeout)
            throws IOException, InterruptedException {
        LoopbackCluster c = new LoopbackCluster(dir);
        try {
            Files.createDirectories(dir.resolve("spark-home/jars"));
            c.processes.add(c.launch("master", "org.apache.spark.deploy.master.Master", "--host", HOST,
                    "--port", String.valueOf(c.masterPort), "--webui-port", String.valueOf(c.masterUiPort)));
            c.awaitPort(c.masterPort, timeout);
            for (int i = 0; i < workers; i++) {
                Path work = Files.createDirectories(dir.resolve("worker-" + i));
                Process w = c.launch("worker-" + i, "org.apache.spark.deploy.worker.Worker", "--host", HOST,
                        "--port", "0", "--webui-port", String.valueOf(freePort()), "--cores",
                        String.valueOf(coresPerWorker), "--memory", "1g", "--work-dir", work.toString(), c.masterUrl());
                c.processes.add(w);
                c.workers.add(w);
            }
            c.awaitAliveWorkers(workers, timeout);
            return c;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            c.close();
            throw e;
        }
    }

    /** The URL applications connect to. */
    String masterUrl() {
        return "spark://" + HOST + ":" + masterPort;
    }

    /** This JVM's class path, for the executors (the tests' classes, jgrad and Spark). */
    static String executorClassPath() {
        return System.getProperty("java.class.path");
    }

    /** The Worker JVM with the given number. */
    Process worker(int i) {
        return workers.get(i);
    }

    /** The processes a Worker started (its executors), alive at the moment of the call. */
    static List<ProcessHandle> executorsOf(Process worker) {
        return worker.descendants().filter(ProcessHandle::isAlive).toList();
    }

    /**
     * Kills a Worker and its executors at once with SIGKILL (no shutdown hooks run, no checkpoint
     * is written on the way out) and waits until they are gone.
     *
     * @return how many executor processes were killed with it
     */
    int kill(int worker) throws InterruptedException {
        Process w = workers.get(worker);
        List<ProcessHandle> executors = executorsOf(w);
        executors.forEach(ProcessHandle::destroyForcibly);
        w.destroyForcibly();
        w.waitFor(30, TimeUnit.SECONDS);
        for (ProcessHandle e : executors) {
            e.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(t -> null).join();
        }
        return executors.size();
    }

    /** Kills every process this cluster started, executors first, and waits for them. */
    @Override
    public void close() {
        List<ProcessHandle> all = new ArrayList<>();
        for (Process p : processes) {
            all.addAll(p.descendants().toList());
            all.add(p.toHandle());
        }
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle h : all) {
            h.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(t -> null).join();
        }
    }

    private Process launch(String name, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        for (String o : JavaModuleOptions.defaultModuleOptionArray()) {
            if (!o.startsWith("--add-modules")) {
                cmd.add(o);
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        Map<String, String> env = pb.environment();
        env.put("SPARK_HOME", dir.resolve("spark-home").toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", HOST);
        env.put("OPENBLAS_NUM_THREADS", "1");
        return pb.start();
    }

    private void awaitPort(int port, Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            requireAlive();
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(HOST, port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("the Master did not open port " + port + " within " + timeout + "; see "
                + dir.resolve("master.log"));
    }

    private void awaitAliveWorkers(int n, Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            requireAlive();
            if (aliveWorkers() >= n) {
                return;
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException(n + " workers did not register within " + timeout + "; see the logs in " + dir);
    }

    /** The Master's count of alive workers, from its status page's JSON; 0 if it does not answer yet. */
    private int aliveWorkers() {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create("http://" + HOST + ":" + masterUiPort + "/json/")
                    .toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(2000);
            try (InputStream in = c.getInputStream()) {
                Matcher m = ALIVE_WORKERS.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                return m.find() ? Integer.parseInt(m.group(1)) : 0;
            } finally {
                c.disconnect();
            }
        } catch (IOException notYet) {
            return 0;
        }
    }

    private void requireAlive() throws IOException {
        for (Process p : processes) {
            if (!p.isAlive()) {
                throw new IllegalStateException("a cluster process exited early (status " + p.exitValue()
                        + "); logs: " + String.join(", ", listLogs()));
            }
        }
    }

    private List<String> listLogs() throws IOException {
        try (var s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".log")).map(Path::toString).toList();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
