package io.github.jgrad.wgan.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jgrad.wgan.cli.Main;
import io.github.jgrad.wgan.cli.RunFolder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep on Spark embedded in this JVM ({@code local[2]}): two runs at once, each the same run
 * {@code compare} trains, bit for bit; a run whose settings diverge is reported, not fatal to the
 * others; a second submission of the same sweep trains nothing that had finished.
 */
class LocalSweepTest {
    @TempDir
    Path dir;

    @Test
    void aLocalSweepTrainsWhatCompareTrainsAndASecondSubmissionSkipsEverything() throws IOException {
        Path out = dir.resolve("sweep");
        String[] sweep = {"sweep", "--master", "local[2]", "--objectives", "wgan-gp", "--seeds", "1",
            "--lr", "1e-4,3e-4,1e8", "--iterations", "20", "--width", "16", "--out", out.toString(),
            "--conf", "spark.ui.enabled=false"};
        SparkProgramRun first = SparkProgramRun.of(sweep);
        assertEquals(0, first.status(), first.err());

        List<String> csv = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals(4, csv.size(), "a header and a row per run");
        assertTrue(csv.get(0).startsWith("data,objective,seed,lr,folder,"), csv.get(0));
        assertTrue(csv.get(1).startsWith("8gaussians,wgan-gp,1,1e-4,8gaussians/wgan-gp-seed1-lr1e-4,"), csv.get(1));
        assertTrue(csv.get(2).startsWith("8gaussians,wgan-gp,1,3e-4,8gaussians/wgan-gp-seed1-lr3e-4,"), csv.get(2));
        assertTrue(csv.get(3).startsWith("8gaussians,wgan-gp,1,1e8,8gaussians/wgan-gp-seed1-lr1e8,\"gradient penalty "
                + "became Infinity at generator iteration 1"), csv.get(3));
        String md = Files.readString(out.resolve("summary.md"));
        assertTrue(md.contains("| 8gaussians | wgan-gp | 1 | lr 3e-4 |"), md);
        assertTrue(md.contains("## Runs that stopped early\n\n- 8gaussians/wgan-gp-seed1-lr1e8: gradient penalty became "
                + "Infinity at generator iteration 1"), md);
        assertTrue(first.out().contains("3 runs in ") && first.out().contains("1 stopped early on a non-finite value"),
                first.out());
        for (String figure : List.of("critic_maps.png", "grad_norms.png")) {
            assertTrue(Files.size(out.resolve("8gaussians").resolve(figure)) > 1000, figure);
        }
        List<String> timeline = Files.readAllLines(out.resolve("timeline.csv"));
        assertEquals(4, timeline.size(), "one attempt per run: " + timeline);
        assertTrue(Files.size(out.resolve("timeline.png")) > 1000);

        // The same runs through compare in this JVM, one after the other.
        for (String lr : List.of("1e-4", "3e-4")) {
            Path ref = dir.resolve("compare-" + lr);
            StringWriter err = new StringWriter();
            int status = Main.run(new String[] {"compare", "--objectives", "wgan-gp", "--seeds", "1", "--lr", lr,
                "--iterations", "20", "--width", "16", "--out", ref.toString(), "--no-progress"},
                    new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
            assertEquals(0, status, err.toString());
            RunFolders.assertSameRun(ref.resolve("8gaussians/wgan-gp-seed1"),
                    out.resolve("8gaussians/wgan-gp-seed1-lr" + lr));
        }

        byte[] metricsBefore = Files.readAllBytes(out.resolve("8gaussians/wgan-gp-seed1-lr1e-4").resolve(RunFolder.METRICS));
        SparkProgramRun again = SparkProgramRun.of(sweep);
        assertEquals(0, again.status(), again.err());
        // The diverging run never checkpointed, so it is tried again, and stops again.
        assertTrue(again.out().contains("3 runs in ") && again.out().contains(": 1 trained, 2 finished earlier, "
                + "0 continued from a checkpoint; 0 task attempts lost and retried. 1 stopped early"), again.out());
        assertEquals(csv, Files.readAllLines(out.resolve("summary.csv")), "the same final metrics, re-evaluated");
        assertEquals(timeline, Files.readAllLines(out.resolve("timeline.csv")), "the timeline of the training is kept");
        assertEquals(new String(metricsBefore),
                Files.readString(out.resolve("8gaussians/wgan-gp-seed1-lr1e-4").resolve(RunFolder.METRICS)),
                "a finished run is left as it was");
    }
}
