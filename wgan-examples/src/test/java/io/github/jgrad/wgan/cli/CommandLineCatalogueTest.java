package io.github.jgrad.wgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.github.jgrad.nn.io.SafeTensors;
import io.github.jgrad.tensor.Tensor;
import io.github.jgrad.wgan.train.TrainingCheckpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input catalogue of the {@code jgrad} program, one row per mistake a user can make on
 * the command line: unknown commands and options, values that do not parse, impossible
 * hyperparameters (negative, NaN or infinite learning rates, n-critic 0, a batch larger than the
 * data), and folders or files that are missing, of the wrong kind or corrupt. Every row must end
 * with exit status 2 and exactly one line on standard error that names the problem, never a
 * stack trace; none of them gets as far as training.
 */
class CommandLineCatalogueTest {
    @TempDir
    Path dir;

    /**
     * One mistake: the arguments that make it and what the error line must say. {@code locked}, if
     * not null, is a file the row makes unreadable; the row is skipped where that has no effect.
     */
    private record Mistake(String description, List<String> args, List<String> fragments, Path locked) {
        DynamicTest asTest() {
            return DynamicTest.dynamicTest(description, () -> {
                // Permissions do not bind the root user, whom some CI containers run as.
                assumeFalse(locked != null && Files.isReadable(locked), "file permissions are not enforced here");
                ProgramRun.of(args.toArray(new String[0])).assertOneLineError(fragments.toArray(new String[0]));
            });
        }
    }

    private static Mistake mistake(String description, String[] args, String... fragments) {
        return new Mistake(description, List.of(args), List.of(fragments), null);
    }

    private static String[] args(String... args) {
        return args;
    }

    /**
     * A training invocation with {@code extra}, into a fresh run folder and with small networks in
     * case it gets that far, unless {@code extra} sets those itself.
     */
    private String[] train(String... extra) {
        List<String> given = List.of(extra);
        List<String> a = new ArrayList<>(List.of("train", "--no-progress"));
        if (!given.contains("--width")) {
            a.addAll(List.of("--width", "8"));
        }
        if (!given.contains("--run-dir")) {
            a.addAll(List.of("--run-dir", dir.resolve("run-" + Integer.toHexString(given.hashCode())).toString()));
        }
        a.addAll(given);
        return a.toArray(new String[0]);
    }

    @TestFactory
    Stream<DynamicTest> everyMistakeEndsWithStatusTwoAndOneLineNamingIt() throws IOException {
        List<Mistake> rows = new ArrayList<>();
        options(rows);
        hyperparameters(rows);
        folders(rows);
        tables(rows);
        imageFolders(rows);
        checkpoints(rows);
        otherCommands(rows);
        return rows.stream().map(Mistake::asTest);
    }

    private void options(List<Mistake> rows) {
        rows.add(mistake("unknown option", train("--learning-rat", "0.1"), "--learning-rat", "train --help"));
        rows.add(mistake("unknown command", args("trian"), "unknown command 'trian'", "did you mean 'train'"));
        rows.add(mistake("unknown command far from any", args("frobnicate"), "unknown command 'frobnicate'",
                "demo, train, sample, eval, compare"));
        rows.add(mistake("unknown top-level option", args("--fast"), "--fast"));
        rows.add(mistake("option without its value", args("train", "--lr"), "--lr"));
        rows.add(mistake("learning rate that is not a number", train("--lr", "fast"), "--lr", "fast"));
        rows.add(mistake("seed that is not a whole number", train("--seed", "1.5"), "--seed", "1.5"));
        rows.add(mistake("unknown objective", train("--objective", "wgan-xp"), "wgan-xp", "wgan-lp"));
        rows.add(mistake("unknown data set", train("--data", "9gaussians"), "9gaussians", "8gaussians"));
        rows.add(mistake("unknown network", train("--network", "resnet"), "resnet"));
        rows.add(mistake("MNIST network on toy data", train("--network", "mnist-mlp"), "mnist-mlp", "--data mnist"));
        rows.add(mistake("toy network on MNIST", train("--data", "mnist", "--network", "toy"), "MNIST", "'toy'"));
    }

    private void hyperparameters(List<Mistake> rows) {
        rows.add(mistake("negative learning rate", train("--lr", "-0.001"), "learning rate", "-0.001"));
        rows.add(mistake("NaN learning rate", train("--lr", "NaN"), "learning rate", "NaN"));
        rows.add(mistake("infinite learning rate", train("--lr", "Infinity"), "learning rate", "Infinity"));
        rows.add(mistake("zero generator learning rate", train("--lr-generator", "0"), "generator learning rate",
                "0.0"));
        rows.add(mistake("negative critic learning rate", train("--lr-critic", "-1e-4"), "critic learning rate",
                "-1.0E-4"));
        rows.add(mistake("n-critic 0", train("--n-critic", "0"), "n-critic", "0"));
        rows.add(mistake("negative n-critic", train("--n-critic", "-3"), "n-critic", "-3"));
        rows.add(mistake("batch size 0", train("--batch-size", "0"), "batch size", "0"));
        rows.add(mistake("no iterations", train("--iterations", "0"), "iterations", "0"));
        rows.add(mistake("negative penalty weight", train("--lambda", "-1"), "lambda", "-1.0"));
        rows.add(mistake("NaN penalty weight", train("--lambda", "NaN"), "lambda", "NaN"));
        rows.add(mistake("unknown init", train("--init", "xavier"), "init", "xavier"));
        rows.add(mistake("real label below one half", train("--objective", "gan", "--real-label", "0.3"),
                "real label", "0.3"));
        rows.add(mistake("label smoothing on a Wasserstein objective", train("--real-label", "0.9"),
                "label smoothing", "wgan-gp"));
        rows.add(mistake("negative instance noise", train("--objective", "gan", "--instance-noise", "-1"),
                "instance noise", "-1.0"));
        rows.add(mistake("clipping bound 0", train("--objective", "wgan-clip", "--clip", "0"), "clip bound", "0.0"));
        rows.add(mistake("beta1 above 1", train("--beta1", "1.5"), "betas", "1.5"));
        rows.add(mistake("NaN beta2", train("--beta2", "NaN"), "betas", "NaN"));
        rows.add(mistake("width 0", train("--width", "0"), "width", "0"));
        rows.add(mistake("log interval 0", train("--log-every", "0"), "intervals", "0"));
        rows.add(mistake("negative checkpoint interval", train("--checkpoint-every", "-5"), "intervals", "-5"));
    }

    private void folders(List<Mistake> rows) throws IOException {
        Path mnist = Files.createDirectories(dir.resolve("mnist"));
        Files.write(mnist.resolve("t10k-images-idx3-ubyte"), idx(2051, new int[] {3, 2, 2}, new byte[12]));
        Files.write(mnist.resolve("t10k-labels-idx1-ubyte"), idx(2049, new int[] {3}, new byte[] {1, 2, 3}));
        Path swapped = Files.createDirectories(dir.resolve("swapped"));
        Files.write(swapped.resolve("t10k-images-idx3-ubyte"), idx(2049, new int[] {3}, new byte[] {1, 2, 3}));
        Files.write(swapped.resolve("t10k-labels-idx1-ubyte"), idx(2051, new int[] {3, 2, 2}, new byte[12]));
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
        rows.add(mistake("missing MNIST folder", train("--data", "mnist", "--data-dir",
                dir.resolve("no-such-folder").toString()), "no-such-folder", "not found"));
        rows.add(mistake("MNIST folder that is a file", train("--data", "mnist", "--data-dir", file.toString()),
                "a-file", "is a file"));
        rows.add(mistake("MNIST folder without the files", train("--data", "mnist", "--data-dir", empty.toString()),
                "empty", "t10k-images-idx3-ubyte"));
        rows.add(mistake("MNIST files swapped", train("--data", "mnist", "--data-dir", swapped.toString()),
                "t10k-labels-idx1-ubyte", "wrong magic number 2051", "looks like an MNIST images file"));
        rows.add(mistake("batch larger than the MNIST data", train("--data", "mnist", "--data-dir", mnist.toString(),
                "--batch-size", "50"), "batch size 50", "larger than the data set", "3 samples"));
        rows.add(mistake("run folder that is a file", train("--run-dir", file.toString()), "a-file", "folder"));
        Path locked = Files.createDirectories(dir.resolve("locked"));
        Files.write(locked.resolve("t10k-images-idx3-ubyte"), idx(2051, new int[] {3, 2, 2}, new byte[12]));
        Files.write(locked.resolve("t10k-labels-idx1-ubyte"), idx(2049, new int[] {3}, new byte[] {1, 2, 3}));
        Path labels = locked.resolve("t10k-labels-idx1-ubyte");
        Files.setPosixFilePermissions(labels, PosixFilePermissions.fromString("---------"));
        rows.add(new Mistake("unreadable MNIST file", List.of(train("--data", "mnist", "--data-dir", locked.toString())),
                List.of("cannot access", "t10k-labels-idx1-ubyte"), labels));
    }

    private void tables(List<Mistake> rows) throws IOException {
        Path t = Files.createDirectories(dir.resolve("tables"));
        rows.add(mistake("empty table", train("--data", Files.writeString(t.resolve("empty.csv"), "").toString()),
                "empty.csv", "is empty"));
        rows.add(mistake("table with a header only", train("--data", Files.writeString(t.resolve("header.csv"),
                "a,b\n").toString()), "header.csv", "no rows"));
        rows.add(mistake("ragged table", train("--data", Files.writeString(t.resolve("ragged.csv"),
                "a,b\n1,2\n3,4,5\n").toString()), "ragged.csv", "row 3", "3 fields", "2 columns"));
        rows.add(mistake("non-number in a numeric column", train("--data", Files.writeString(t.resolve("text.csv"),
                "a,b\n1,2\n3,4\n5,six\n").toString()), "text.csv", "row 4", "column 'b'", "'six' is not a number"));
        rows.add(mistake("missing value", train("--data", Files.writeString(t.resolve("hole.csv"),
                "a,b\n1,2\n3,NA\n").toString()), "hole.csv", "row 3", "column 'b'", "missing", "--drop-missing"));
        StringBuilder ids = new StringBuilder("id,v\n");
        for (int i = 0; i <= 1000; i++) {
            ids.append("u").append(i).append(",1\n");
        }
        rows.add(mistake("more than 1000 categories", train("--data", Files.writeString(t.resolve("ids.csv"),
                ids.toString()).toString()), "ids.csv", "column 'id'", "more than 1000 categories"));
        Path good = Files.writeString(t.resolve("good.csv"), "a,b\n1,x\n2,y\n3,x\n");
        rows.add(mistake("missing table file", train("--data", t.resolve("none.csv").toString()), "none.csv",
                "no such CSV file"));
        rows.add(mistake("unknown --categorical column", train("--data", good.toString(), "--categorical", "c"),
                "--categorical", "'c'", "[a, b]"));
        rows.add(mistake("unknown --target column", train("--data", good.toString(), "--target", "z", "--batch-size", "2"), "--target",
                "'z'"));
        rows.add(mistake("--target on a table too small to hold rows out", train("--data", good.toString(),
                "--target", "b", "--batch-size", "2"), "--target", "too few rows"));
        rows.add(mistake("batch larger than the table", train("--data", good.toString(), "--batch-size", "50"),
                "batch size 50", "good.csv holds 3 samples"));
        rows.add(mistake("toy network on a table", train("--data", good.toString(), "--network", "toy"), "'table'",
                "'toy'"));
    }

    private void imageFolders(List<Mistake> rows) throws IOException {
        Path noImages = Files.createDirectories(dir.resolve("no-images"));
        Files.writeString(noImages.resolve("readme.txt"), "no pictures here");
        Path broken = Files.createDirectories(dir.resolve("broken-images"));
        Files.writeString(broken.resolve("cat.png"), "not a png");
        Files.writeString(broken.resolve("dog.jpg"), "not a jpeg");
        rows.add(mistake("image folder without images", train("--data", noImages.toString()), "no-images",
                "no readable PNG or JPEG"));
        rows.add(mistake("image folder whose files do not decode", train("--data", broken.toString()), "broken-images",
                "2 files skipped", "cat.png"));
        rows.add(mistake("missing image folder", train("--data", "images:" + dir.resolve("gone")), "gone",
                "no such image folder"));
        rows.add(mistake("image size not a multiple of 4", train("--data", noImages.toString(), "--image-size", "30"),
                "--image-size", "30"));
        rows.add(mistake("two channels", train("--data", noImages.toString(), "--channels", "2"), "--channels", "2"));
    }

    private void checkpoints(List<Mistake> rows) throws IOException {
        Path corrupt = Files.createDirectories(dir.resolve("corrupt-run"));
        Files.write(corrupt.resolve(TrainingCheckpoint.FILE_NAME), new byte[] {1, 2, 3, 4, 5});
        Path folder = Files.createDirectories(dir.resolve("folder-run").resolve(TrainingCheckpoint.FILE_NAME)).getParent();
        Path weights = Files.createDirectories(dir.resolve("weights-run"));
        SafeTensors.write(weights.resolve(TrainingCheckpoint.FILE_NAME), Map.of("w", Tensor.zeros(2)), Map.of());
        Path noRun = Files.createDirectories(dir.resolve("no-checkpoint"));
        rows.add(mistake("resume without a checkpoint", args("train", "--resume", "--run-dir", noRun.toString()),
                "--resume", "no checkpoint"));
        rows.add(mistake("resume from a truncated checkpoint", args("train", "--resume", "--run-dir",
                corrupt.toString()), TrainingCheckpoint.FILE_NAME, "too short"));
        rows.add(mistake("resume from a checkpoint that is a folder", args("train", "--resume", "--run-dir",
                folder.toString()), TrainingCheckpoint.FILE_NAME, "is a folder"));
        rows.add(mistake("resume from a file that is not a training checkpoint", args("train", "--resume",
                "--run-dir", weights.toString()), "not a jgrad training checkpoint"));
        rows.add(mistake("sample from a folder without a checkpoint", args("sample", "--run-dir", noRun.toString(),
                "--out", dir.resolve("s.csv").toString()), "no checkpoint", "no-checkpoint"));
        rows.add(mistake("eval of a corrupt checkpoint", args("eval", "--run-dir", corrupt.toString()),
                TrainingCheckpoint.FILE_NAME, "too short"));
        Path text = Files.createDirectories(dir.resolve("text-run"));
        Files.writeString(text.resolve(TrainingCheckpoint.FILE_NAME), "iterations: 100\nlr: 1e-4\n");
        rows.add(mistake("eval of a text file in place of the checkpoint", args("eval", "--run-dir", text.toString()),
                TrainingCheckpoint.FILE_NAME, "not a safetensors file"));
        // A real run of 4 iterations, then a copy of its checkpoint cut in half.
        Path done = dir.resolve("done-run");
        ProgramRun trained = ProgramRun.of("train", "--iterations", "4", "--width", "8", "--run-dir", done.toString(),
                "--no-progress");
        assertEquals(0, trained.status(), trained.err());
        rows.add(mistake("resume asking for fewer iterations than the run has done", args("train", "--resume",
                "--iterations", "2", "--run-dir", done.toString()), "--iterations 2", "fewer than the 4"));
        Path cut = Files.createDirectories(dir.resolve("cut-run"));
        byte[] whole = Files.readAllBytes(done.resolve(TrainingCheckpoint.FILE_NAME));
        Files.write(cut.resolve(TrainingCheckpoint.FILE_NAME), java.util.Arrays.copyOf(whole, whole.length / 2));
        rows.add(mistake("resume from a checkpoint cut short", args("train", "--resume", "--run-dir", cut.toString()),
                TrainingCheckpoint.FILE_NAME, "truncated"));
    }

    private void otherCommands(List<Mistake> rows) {
        String out = dir.resolve("samples.csv").toString();
        rows.add(mistake("sample without an output file", args("sample", "--run-dir", dir.toString()), "--out"));
        rows.add(mistake("sample of no samples", args("sample", "--run-dir", dir.toString(), "-n", "0", "--out", out),
                "--count", "0"));
        rows.add(mistake("sample of a billion samples into a picture", args("sample", "--run-dir", dir.toString(), "-n",
                "1000000000", "--out", dir.resolve("s.png").toString()), "--count 1000000000", "at most 2500", ".csv"));
        rows.add(mistake("sample into an unknown format", args("sample", "--run-dir", dir.toString(), "--out",
                dir.resolve("s.txt").toString()), "--out", ".csv or .png", "s.txt"));
        rows.add(mistake("sample into a folder without a run", args("sample", "--run-dir", dir.toString(), "--out",
                dir.resolve("pictures") + "/"), "no checkpoint"));
        rows.add(mistake("eval without a run folder", args("eval"), "--run-dir"));
        String compareOut = dir.resolve("compare").toString();
        rows.add(mistake("compare on MNIST", args("compare", "--data", "mnist", "--out", compareOut), "toy sets"));
        rows.add(mistake("compare with an unknown objective", args("compare", "--objectives", "gan,gp", "--out",
                compareOut), "'gp'"));
        rows.add(mistake("compare with an unknown second data set", args("compare", "--data", "8gaussians,9gaussians",
                "--out", compareOut), "9gaussians"));
        rows.add(mistake("compare with no iterations", args("compare", "--iterations", "0", "--out", compareOut),
                "iterations", "0"));
        rows.add(mistake("compare with a seed that is not a number", args("compare", "--seeds", "1,x", "--out",
                compareOut), "--seeds", "x"));
        rows.add(mistake("demo with an unknown option", args("demo", "--fast"), "--fast", "demo --help"));
    }

    /** IDX bytes: big-endian magic, the dimension sizes, then the data. */
    private static byte[] idx(int magic, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.put(data).array();
    }

    @Test
    void theProgramItselfExitsWithStatusTwoAndPrintsOneLine() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(java.toString(), "-cp", classPath,
                Main.class.getName(), "train", "--lr", "-1", "--run-dir", dir.resolve("child").toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the program did not exit");
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(Main.USAGE, p.exitValue(), err);
        assertFalse(err.contains("\n") || err.contains("Exception"), err);
        assertTrue(err.startsWith("jgrad: ") && err.contains("learning rate"), err);
        assertFalse(Files.exists(dir.resolve("child")), "nothing is written for a refused run");
    }
}
