package io.github.jgrad.wgan.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jgrad.wgan.cli.Main;
import io.github.jgrad.wgan.train.Experiment;
import io.github.jgrad.wgan.train.TrainingCheckpoint;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep whose output is a Hadoop URI ({@link LoopbackFileSystem}'s {@code jgradtest:}, which
 * the sweep reaches only through Hadoop's API, as it would HDFS or S3): the run folders, summary
 * and timeline land there, the runs are bit for bit {@code compare}'s, and a run whose folder
 * there holds a checkpoint continues from it. (Skipping finished runs is the same code for every
 * output; {@link LocalSweepTest} checks it.)
 */
class HadoopOutputTest {
    private static final String FS = "spark.hadoop.fs." + LoopbackFileSystem.SCHEME + ".impl="
            + LoopbackFileSystem.class.getName();

    @TempDir
    Path dir;

    @Test
    void aSweepWritesToAHadoopFileSystemAndContinuesRunsFromCheckpointsThere() throws Exception {
        Path disk = dir.resolve("hadoop");
        String uri = LoopbackFileSystem.SCHEME + "://" + disk.toUri().getPath();
        // wgan-clip seed 1 has gone 8 of its 20 iterations before, and checkpointed there.
        Grid grid = Grid.of(List.of("8gaussians"), List.of("wgan-clip"), List.of(1L),
                Map.of("iterations", List.of("20"), "width", List.of("16")), false);
        Experiment partial = Experiment.create(grid.points().get(0).spec());
        for (int i = 0; i < 8; i++) {
            partial.trainer().step();
        }
        Path partialRun = Files.createDirectories(disk.resolve("sweep/8gaussians/wgan-clip-seed1"));
        TrainingCheckpoint.save(partialRun.resolve(TrainingCheckpoint.FILE_NAME), partial);

        String[] sweep = {"sweep", "--master", "local[2]", "--objectives", "wgan-gp,wgan-clip", "--seeds", "1",
            "--iterations", "20", "--width", "16", "--out", uri + "/sweep", "--conf", FS,
            "--conf", "spark.ui.enabled=false"};
        SparkProgramRun first = SparkProgramRun.of(sweep);
        assertEquals(0, first.status(), first.err());
        assertTrue(first.out().contains("1 trained, 0 finished earlier, 1 continued from a checkpoint"), first.out());
        for (String f : List.of("summary.md", "summary.csv", "timeline.csv", "timeline.png",
                "8gaussians/critic_maps.png", "8gaussians/grad_norms.png")) {
            assertTrue(Files.size(disk.resolve("sweep").resolve(f)) > 0, f);
        }
        try (Stream<Path> files = Files.walk(disk)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".upload")), "no half-copied file");
        }

        Path ref = dir.resolve("compare");
        StringWriter err = new StringWriter();
        int status = Main.run(new String[] {"compare", "--objectives", "wgan-gp,wgan-clip", "--seeds", "1",
            "--iterations", "20", "--width", "16", "--out", ref.toString(), "--no-progress"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
        assertEquals(0, status, err.toString());
        RunFolders.assertSameRun(ref.resolve("8gaussians/wgan-gp-seed1"), disk.resolve("sweep/8gaussians/wgan-gp-seed1"));
        // The continued run's log starts at its checkpoint; its weights and optimizer state end as compare's.
        assertArrayEquals(Files.readAllBytes(ref.resolve("8gaussians/wgan-clip-seed1/checkpoint.safetensors")),
                Files.readAllBytes(disk.resolve("sweep/8gaussians/wgan-clip-seed1/checkpoint.safetensors")));

    }

    @Test
    void aHadoopOutputThatCannotBeWrittenIsOneLine() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "in the way");
        SparkProgramRun.of("sweep", "--objectives", "wgan-gp", "--iterations", "5", "--width", "8", "--conf", FS,
                "--out", LoopbackFileSystem.SCHEME + "://" + file.toUri().getPath())
                .assertOneLineError("cannot write --out", file.toString());
        SparkProgramRun.of("sweep", "--objectives", "wgan-gp", "--iterations", "5", "--width", "8",
                "--out", "nosuchfs://somewhere/sweep")
                .assertOneLineError("cannot write --out", "nosuchfs");
    }
}
