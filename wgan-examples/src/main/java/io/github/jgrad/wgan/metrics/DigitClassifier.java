package io.github.jgrad.wgan.metrics;

import io.github.jgrad.autodiff.CompositeOps;
import io.github.jgrad.autodiff.NoGrad;
import io.github.jgrad.autodiff.Var;
import io.github.jgrad.nn.Flatten;
import io.github.jgrad.nn.Linear;
import io.github.jgrad.nn.Module;
import io.github.jgrad.nn.ReLU;
import io.github.jgrad.nn.Sequential;
import io.github.jgrad.nn.io.Checkpoint;
import io.github.jgrad.nn.optim.Adam;
import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import io.github.jgrad.wgan.data.Mnist;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * A small MNIST classifier trained with jgrad itself, standing in for the pretrained network
 * that inception-style scores normally need: an MLP {@code 784 -> 256 -> 128 -> 10} trained on
 * the first 9000 labelled images, with the last 1000 held out to report its accuracy. It is
 * trained once and cached as a safetensors checkpoint.
 */
public final class DigitClassifier {
    /** Images used for training; the rest are held out. */
    public static final int TRAIN_IMAGES = 9000;
    private static final int EPOCHS = 12;
    private static final int BATCH = 100;

    private final Module net;
    private final double heldOutAccuracy;

    private DigitClassifier(Module net, double heldOutAccuracy) {
        this.net = net;
        this.heldOutAccuracy = heldOutAccuracy;
    }

    private static Module network(Rng rng) {
        return new Sequential(new Flatten(), new Linear(784, 256, rng), new ReLU(), new Linear(256, 128, rng),
                new ReLU(), new Linear(128, Mnist.CLASSES, rng));
    }

    /**
     * The classifier cached at {@code cache}, or a newly trained one (then written there).
     *
     * @throws IOException if the cache cannot be written, or exists but is not a classifier checkpoint
     */
    public static DigitClassifier trainOrLoad(Mnist data, Path cache) throws IOException {
        if (data.size() <= TRAIN_IMAGES || data.rows() != 28 || data.cols() != 28) {
            throw new IllegalArgumentException("digit classifier: needs more than " + TRAIN_IMAGES
                    + " 28x28 images, got " + data.size() + " of " + data.rows() + "x" + data.cols());
        }
        if (Files.exists(cache)) {
            Module net = network(new Rng(0));
            Map<String, String> meta = Checkpoint.load(cache, net);
            String acc = meta.get("held_out_accuracy");
            if (acc == null) {
                throw new IOException(cache + ": not a digit-classifier checkpoint (no held_out_accuracy)");
            }
            return new DigitClassifier(net, Double.parseDouble(acc));
        }
        DigitClassifier c = train(data, new Rng(2024));
        Files.createDirectories(cache.toAbsolutePath().getParent());
        Checkpoint.save(cache, c.net, Map.of("held_out_accuracy", Double.toString(c.heldOutAccuracy)));
        return c;
    }

    /** Trains a classifier on the first {@link #TRAIN_IMAGES} images (seeded, deterministic). */
    public static DigitClassifier train(Mnist data, Rng rng) {
        Module net = network(rng);
        Adam opt = new Adam(net.namedParameters(), 1e-3);
        int[] labels = data.labels();
        int[] order = new int[TRAIN_IMAGES];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            rng.shuffleInPlace(order);
            for (int start = 0; start < order.length; start += BATCH) {
                int[] idx = java.util.Arrays.copyOfRange(order, start, start + BATCH);
                Var logits = net.forward(Var.constant(data.batch(idx)));
                Var loss = crossEntropy(logits, oneHot(labels, idx));
                net.zeroGrad();
                loss.backward();
                opt.step();
            }
        }
        DigitClassifier c = new DigitClassifier(net, 0);
        int correct = 0;
        int n = data.size() - TRAIN_IMAGES;
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = TRAIN_IMAGES + i;
        }
        Tensor pred = c.probabilities(data.batch(idx)).argmax(1, false);
        for (int i = 0; i < n; i++) {
            correct += (int) pred.getDouble(i) == labels[TRAIN_IMAGES + i] ? 1 : 0;
        }
        return new DigitClassifier(net, (double) correct / n);
    }

    private static Var crossEntropy(Var logits, Tensor targets) {
        Var logp = CompositeOps.logSoftmax(logits, 1);
        return logp.mul(Var.constant(targets)).sum().div(-targets.dim(0));
    }

    private static Tensor oneHot(int[] labels, int[] idx) {
        Tensor t = Tensor.zeros(DType.F32, Shape.of(idx.length, Mnist.CLASSES));
        for (int i = 0; i < idx.length; i++) {
            t.setInPlace(i * Mnist.CLASSES + labels[idx[i]], 1);
        }
        return t;
    }

    /** Class probabilities {@code [N, 10]} for images {@code [N, 1, 28, 28]} in [-1, 1]. */
    public Tensor probabilities(Tensor images) {
        try (NoGrad ignored = NoGrad.enter()) {
            return CompositeOps.softmax(net.forward(Var.constant(images)), 1).value();
        }
    }

    /** Accuracy on the held-out images (the last 1000 of the test set). */
    public double heldOutAccuracy() {
        return heldOutAccuracy;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "DigitClassifier(held-out accuracy %.3f)", heldOutAccuracy);
    }
}
