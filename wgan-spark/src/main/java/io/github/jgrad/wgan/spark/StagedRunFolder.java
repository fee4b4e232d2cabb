package io.github.jgrad.wgan.spark;

import io.github.jgrad.wgan.cli.RunFolder;
import io.github.jgrad.wgan.train.RunSpec;
import io.github.jgrad.wgan.train.TrainingCheckpoint;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * A run whose folder lives on a Hadoop file system: it is copied to a local folder of the
 * executor, trained or picked up there by {@link RunFolder}, and copied back: its metrics and
 * checkpoint each time a new checkpoint appears (the metrics first, so the copy never holds a
 * checkpoint newer than its log), and every file at the end. A retried task thus continues from
 * the last checkpoint that reached the output.
 */
final class StagedRunFolder {
    /** How often the local checkpoint is looked at. */
    private static final long POLL_MILLIS = 500;

    private StagedRunFolder() {
    }

    static RunFolder.Outcome trainOrContinue(Output out, String folder, RunSpec spec, int checkpointEvery,
            PrintStream log) throws IOException {
        Path stage = Files.createTempDirectory("jgrad-run-");
        try {
            download(out, folder, stage);
            CheckpointCopier copier = new CheckpointCopier(out, folder, stage);
            Thread t = new Thread(copier, "jgrad-checkpoint-copier");
            t.setDaemon(true);
            t.start();
            RunFolder.Outcome outcome;
            try {
                outcome = RunFolder.trainOrContinue(spec, stage, checkpointEvery, log, false);
            } finally {
                copier.stop();
                t.join();
            }
            copier.rethrow();
            uploadAll(out, folder, stage);
            return outcome;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while copying " + folder, e);
        } finally {
            deleteRecursively(stage);
        }
    }

    private static void download(Output out, String folder, Path stage) throws IOException {
        FileSystem fs = out.fileSystem();
        org.apache.hadoop.fs.Path remote = out.hadoopPath(folder);
        if (!fs.exists(remote)) {
            return;
        }
        for (FileStatus f : fs.listStatus(remote)) {
            if (f.isFile() && !f.getPath().getName().startsWith(".")) {
                out.download(folder + "/" + f.getPath().getName(), stage.resolve(f.getPath().getName()));
            }
        }
    }

    private static void uploadAll(Output out, String folder, Path stage) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(stage)) {
            files = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    // The checkpoint last: whoever sees it sees the rest of the finished run too.
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()
                            .equals(TrainingCheckpoint.FILE_NAME)))
                    .toList();
        }
        for (Path f : files) {
            out.upload(f, folder + "/" + f.getFileName());
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A leftover in the executor's temporary folder is harmless.
        }
    }

    /** Copies the metrics and the checkpoint to the output whenever a new checkpoint is written locally. */
    private static final class CheckpointCopier implements Runnable {
        private final Output out;
        private final String folder;
        private final Path stage;
        private volatile boolean stopped;
        private volatile IOException failure;
        private FileTime copied;

        CheckpointCopier(Output out, String folder, Path stage) throws IOException {
            this.out = out;
            this.folder = folder;
            this.stage = stage;
            Path ckpt = stage.resolve(TrainingCheckpoint.FILE_NAME);
            this.copied = Files.exists(ckpt) ? Files.getLastModifiedTime(ckpt) : null;
        }

        @Override
        public void run() {
            while (!stopped) {
                try {
                    copyIfNew();
                    Thread.sleep(POLL_MILLIS);
                } catch (IOException e) {
                    failure = e;
                    return;
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private void copyIfNew() throws IOException {
            Path ckpt = stage.resolve(TrainingCheckpoint.FILE_NAME);
            if (!Files.exists(ckpt)) {
                return;
            }
            FileTime modified = Files.getLastModifiedTime(ckpt);
            if (modified.equals(copied)) {
                return;
            }
            // A snapshot first: the run replaces its checkpoint by renaming, never by rewriting it, so
            // the copy is one whole checkpoint, and the log read after it holds every row it needs.
            Path snapshot = stage.resolve(".checkpoint-copy");
            Files.copy(ckpt, snapshot, StandardCopyOption.REPLACE_EXISTING);
            Path metrics = stage.resolve(RunFolder.METRICS);
            if (Files.exists(metrics)) {
                Path metricsCopy = stage.resolve(".metrics-copy");
                Files.copy(metrics, metricsCopy, StandardCopyOption.REPLACE_EXISTING);
                out.upload(metricsCopy, folder + "/" + RunFolder.METRICS);
            }
            out.upload(snapshot, folder + "/" + TrainingCheckpoint.FILE_NAME);
            copied = modified;
        }

        void stop() {
            stopped = true;
        }

        void rethrow() throws IOException {
            if (failure != null) {
                throw failure;
            }
        }
    }

}
