package io.github.jgrad.wgan.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jgrad.wgan.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input catalogue of {@code jgrad-spark sweep}, one row per mistake: each ends with exit
 * status 2 and one line naming the problem, is caught on the driver before any Spark task starts
 * (so within seconds), and leaves the output folder as it was.
 */
class BadInputCatalogueTest {
    @TempDir
    Path dir;

    private record Mistake(String description, List<String> args, List<String> fragments) {
    }

    private List<Mistake> mistakes() throws IOException {
        String out = dir.resolve("out").toString();
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
        List<Mistake> rows = new ArrayList<>();
        rows.add(row("an empty seed list", List.of("--seeds", "", "--out", out), "--seeds", "''"));
        rows.add(row("an empty learning-rate list", List.of("--lr", ",", "--out", out), "empty", "--lr"));
        rows.add(row("a seed listed twice", List.of("--seeds", "1,2,1", "--out", out), "--seeds", "twice"));
        rows.add(row("an unknown objective", List.of("--objectives", "wgan-gp,gp", "--out", out), "'gp'"));
        rows.add(row("an unknown data set", List.of("--data", "8gaussians,9gaussians", "--out", out), "9gaussians"));
        rows.add(row("MNIST", List.of("--data", "mnist", "--out", out), "toy sets"));
        rows.add(row("a negative learning rate in the list", List.of("--lr", "1e-4,-1e-4", "--out", out),
                "learning rate", "-1.0E-4"));
        rows.add(row("no iterations", List.of("--iterations", "100,0", "--out", out), "iterations", "0"));
        rows.add(row("a width that is not a number", List.of("--width", "64,wide", "--out", out), "--width", "wide"));
        rows.add(row("a lambda that is infinite", List.of("--lambda", "Infinity", "--out", out), "lambda"));
        rows.add(row("an unknown initialisation in the list", List.of("--init", "pytorch,xavier", "--out", out),
                "'xavier'"));
        rows.add(row("a real label above 1", List.of("--real-label", "1.5", "--objectives", "gan", "--out", out),
                "1.5"));
        rows.add(row("zero threads per run", List.of("--threads-per-run", "0", "--out", out), "--threads-per-run"));
        rows.add(row("a file where the output folder goes", List.of("--out", file.toString()), file.toString()));
        rows.add(row("an output under a file", List.of("--out", file.resolve("sweep").toString()), "--out"));
        rows.add(row("a master URL that is not one", List.of("--master", "bogus://host", "--out", out),
                "bogus://host", "spark://HOST:PORT"));
        rows.add(row("a local master with a typo", List.of("--master", "local[two]", "--out", out), "local[two]"));
        rows.add(row("a spark master with no port", List.of("--master", "spark://127.0.0.1", "--out", out),
                "HOST:PORT"));
        rows.add(row("a master nobody listens on", List.of("--master", "spark://127.0.0.1:" + closedPort(),
                "--out", out), "cannot reach the Spark master", "127.0.0.1"));
        rows.add(row("a master host that does not resolve", List.of("--master", "spark://no-such-host.invalid:7077",
                "--out", out), "unknown host", "no-such-host.invalid"));
        rows.add(row("an unknown option", List.of("--learning-rate", "1e-4", "--out", out), "--learning-rate"));
        return rows;
    }

    private static Mistake row(String description, List<String> args, String... fragments) {
        List<String> all = new ArrayList<>(List.of("sweep"));
        all.addAll(args);
        // Small runs, had a mistake slipped through; list options given twice would add up.
        for (String[] option : new String[][] {{"--iterations", "5"}, {"--width", "8"}, {"--objectives", "wgan-gp"}}) {
            if (!args.contains(option[0])) {
                all.addAll(List.of(option));
            }
        }
        return new Mistake(description, all, List.of(fragments));
    }

    /** A loopback port that was free a moment ago, so nothing answers there. */
    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyMistakeIsOneLineAndExitStatusTwo() throws IOException {
        return mistakes().stream().map(m -> DynamicTest.dynamicTest(m.description(), () -> {
            long start = System.nanoTime();
            SparkProgramRun.of(m.args().toArray(new String[0])).assertOneLineError(m.fragments().toArray(new String[0]));
            assertTrue(System.nanoTime() - start < 30e9, "answered within the 30 s the master check may take");
            Path out = dir.resolve("out");
            assertTrue(!Files.exists(out) || isEmpty(out), "nothing written for a mistake");
        }));
    }

    @Test
    void aFolderHoldingARunWithOtherSettingsIsRefusedAndLeftAsItWas() throws IOException {
        Path out = dir.resolve("taken");
        StringWriter err = new StringWriter();
        int status = Main.run(new String[] {"compare", "--objectives", "wgan-gp", "--iterations", "4", "--width", "8",
            "--out", out.toString(), "--no-progress"}, new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true));
        assertEquals(0, status, err.toString());
        Path run = out.resolve("8gaussians/wgan-gp-seed1");
        byte[] checkpoint = Files.readAllBytes(run.resolve("checkpoint.safetensors"));
        SparkProgramRun.of("sweep", "--objectives", "wgan-gp", "--iterations", "4", "--width", "16",
                "--master", "local[1]", "--out", out.toString())
                .assertOneLineError(run.toString(), "other settings");
        assertEquals(new String(checkpoint, java.nio.charset.StandardCharsets.ISO_8859_1),
                new String(Files.readAllBytes(run.resolve("checkpoint.safetensors")),
                        java.nio.charset.StandardCharsets.ISO_8859_1));
        assertFalse(Files.exists(out.resolve("timeline.csv")), "no sweep started");
    }

    private static boolean isEmpty(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.findAny().isEmpty();
        }
    }
}
