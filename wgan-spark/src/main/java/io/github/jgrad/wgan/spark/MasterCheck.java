package io.github.jgrad.wgan.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks a Spark master URL before a {@code SparkContext} is made, so a typo or a master that is
 * down is one clear line within seconds, not a minute of Spark's registration retries followed
 * by a stack trace.
 */
final class MasterCheck {
    private MasterCheck() {
    }

    /**
     * Accepts {@code local}, {@code local[N]}, {@code local[*]}, {@code local[N,F]}, {@code yarn}
     * and {@code k8s://...} as they are (Spark checks those itself), and for
     * {@code spark://host:port[,host:port...]} requires one of the masters to accept a connection
     * within {@code timeout} in all.
     *
     * @throws IllegalArgumentException naming the master and the problem
     */
    static void requireUsable(String master, Duration timeout) {
        String m = master.trim();
        if (m.matches("local(\\[(\\*|[1-9][0-9]*)(,[1-9][0-9]*)?])?") || m.equals("yarn") || m.startsWith("k8s://")) {
            return;
        }
        if (m.startsWith("local")) {
            throw new IllegalArgumentException("--master " + master + ": write local, local[N], local[*] or local[N,F]");
        }
        if (!m.startsWith("spark://")) {
            throw new IllegalArgumentException("--master " + master
                    + ": not a Spark master URL; use local[*], spark://HOST:PORT, yarn or k8s://HOST:PORT");
        }
        List<InetSocketAddress> masters = new ArrayList<>();
        for (String hostPort : m.substring("spark://".length()).split(",")) {
            int colon = hostPort.lastIndexOf(':');
            int port = -1;
            if (colon > 0) {
                try {
                    port = Integer.parseInt(hostPort.substring(colon + 1));
                } catch (NumberFormatException e) {
                    port = -1;
                }
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("--master " + master + ": '" + hostPort + "' is not HOST:PORT");
            }
            masters.add(InetSocketAddress.createUnresolved(hostPort.substring(0, colon), port));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        for (InetSocketAddress a : masters) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000 / Math.max(1, masters.size()));
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(a.getHostString(), a.getPort()), (int) Math.min(left, Integer.MAX_VALUE));
                return;
            } catch (java.net.UnknownHostException e) {
                last = "unknown host " + a.getHostString();
            } catch (IOException e) {
                last = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
        }
        throw new IllegalArgumentException(String.format(Locale.ROOT,
                "cannot reach the Spark master %s (%s); is it running, and is the address right?", master,
                last.toLowerCase(Locale.ROOT)));
    }
}
