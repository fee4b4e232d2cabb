package io.github.jgrad.wgan.cli;

import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Tensor;
import io.github.jgrad.wgan.data.CsvFile;
import io.github.jgrad.wgan.data.TableSchema;
import io.github.jgrad.wgan.plot.Bounds;
import io.github.jgrad.wgan.plot.CriticMap;
import io.github.jgrad.wgan.plot.ImageFiles;
import io.github.jgrad.wgan.plot.ImageGrid;
import io.github.jgrad.wgan.train.Experiment;
import io.github.jgrad.wgan.train.TrainingCheckpoint;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jgrad sample}: draws from a checkpoint's generator into a CSV file or a picture. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Draw samples from a run's generator: .csv (one sample per line; a table's rows under its header,"
                + " in its units and labels) or .png (critic map or image grid).")
final class SampleCommand implements Callable<Integer> {
    @Mixin
    RunOptions run;

    @Option(names = {"-n", "--count"}, defaultValue = "1000", description = "How many samples (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "Output .csv or .png file, "
            + "or a folder (ending in /) to receive one PNG per image and grid.png.")
    void setOut(String value) {
        outFolder = value;
        out = Path.of(value);
    }

    private Path out;
    private String outFolder = "";

    @Option(names = "--seed", defaultValue = "7", description = "Seed of the noise (default: ${DEFAULT-VALUE}).")
    long seed;

    /** Samples drawn at a time for a .csv: memory stays the same however many are asked for. */
    static final int CSV_CHUNK = 10_000;

    /**
     * The most samples one picture shows: a grid of 2,500 digits is already 4,200 pixels wide, and
     * beyond it a picture is unreadable and its pixels outgrow memory.
     */
    static final int MAX_PICTURE_SAMPLES = 2_500;

    @Option(names = "--categorical-sampling", description = "For a table: draw each categorical value with the "
            + "generator's probabilities instead of taking the most likely category.")
    boolean categoricalSampling;

    @Override
    public Integer call() throws Exception {
        if (count < 1) {
            throw new IllegalArgumentException("--count must be at least 1, got " + count);
        }
        String name = out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean folder = outFolder.endsWith("/") || outFolder.endsWith(java.io.File.separator) || Files.isDirectory(out);
        if (!folder && !name.endsWith(".csv") && !name.endsWith(".png")) {
            throw new IllegalArgumentException("--out must end in .csv or .png, or name a folder (ending in /), got " + out);
        }
        if (name.endsWith(".png") && count > MAX_PICTURE_SAMPLES) {
            throw new IllegalArgumentException("--count " + count + " is more than a .png shows (at most "
                    + MAX_PICTURE_SAMPLES + "); write a .csv for more samples");
        }
        Experiment e = TrainingCheckpoint.resume(run.checkpoint(), 0);
        if (folder && e.data().sampleShape().rank() != 3) {
            throw new IllegalArgumentException("--out " + out + ": a folder receives images, and this run's samples are "
                    + "not images; write them to a .csv file");
        }
        Rng rng = new Rng(seed);
        if (folder) {
            Tensor fake = e.trainer().sampleFakes(count, rng);
            ImageFiles.write(out, "sample", fake);
            ImageGrid.write(out.resolve("grid.png"), fake.slice(0, 0, Math.min(count, 100)),
                    Math.min(10, count), Math.max(1, 64 / fake.dim(2)));
            System.out.println("Wrote " + count + " images and grid.png to " + out.toAbsolutePath().normalize());
            return 0;
        }
        if (name.endsWith(".csv") && e.table() != null) {
            writeTable(e.table().schema(), e.trainer().sampleFakes(count, rng),
                    categoricalSampling ? new Rng(seed + 1) : null);
            System.out.println("Wrote " + count + " rows to " + out.toAbsolutePath().normalize());
            return 0;
        }
        if (name.endsWith(".csv")) {
            writeCsv(e, rng);
            System.out.println("Wrote " + count + " samples to " + out.toAbsolutePath().normalize());
            return 0;
        }
        Tensor fake = e.trainer().sampleFakes(count, rng);
        if (RunPlots.inPlane(e)) {
            Tensor real = e.data().sample(count, rng);
            CriticMap.write(out, e.trainer().critic(), real, fake, Bounds.around(real),
                    count + " samples of " + e.spec().config().objective().id() + " at iteration " + e.trainer().iteration());
        } else {
            ImageGrid.write(out, fake, Math.max(1, (int) Math.ceil(Math.sqrt(count))), Math.max(1, 84 / fake.dim(2)));
        }
        System.out.println("Wrote " + count + " samples to " + out.toAbsolutePath().normalize());
        return 0;
    }

    /** Rows in the table's own columns, units and labels, under its header. */
    private void writeTable(TableSchema schema, Tensor fake, Rng sampling) throws java.io.IOException {
        int n = fake.dim(0);
        int w = schema.width();
        double[] flat = fake.toDoubleArray();
        List<String[]> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(schema.decode(flat, i * w, sampling));
        }
        CsvFile.write(out, schema.names(), rows);
    }

    /**
     * Writes {@link #count} samples, {@link #CSV_CHUNK} at a time, to a temporary file that then
     * replaces {@link #out}: a failed or interrupted write leaves no half-written file behind.
     */
    private void writeCsv(Experiment e, Rng rng) throws java.io.IOException {
        Path target = out.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
        tmp.toFile().deleteOnExit(); // also when Ctrl-C ends a long write
        try {
            try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                for (long done = 0; done < count; done += CSV_CHUNK) {
                    writeRows(w, e.trainer().sampleFakes((int) Math.min(CSV_CHUNK, count - done), rng));
                }
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void writeRows(BufferedWriter w, Tensor fake) throws java.io.IOException {
        int n = fake.dim(0);
        int d = fake.size() / Math.max(n, 1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.setLength(0);
            for (int j = 0; j < d; j++) {
                if (j > 0) {
                    sb.append(',');
                }
                sb.append(fake.getDouble(i * d + j));
            }
            w.write(sb.toString());
            w.newLine();
        }
    }
}
