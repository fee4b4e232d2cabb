package io.github.jgrad.wgan.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jgrad.tensor.Tensor;
import io.github.jgrad.wgan.data.Mnist;
import io.github.jgrad.wgan.data.SharedMnist;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigitClassifierTest {
    @Test
    void classifierTrainedWithJgradRecognisesHeldOutDigitsAndIsCached(@TempDir Path dir) throws IOException {
        Mnist mnist = Mnist.load(SharedMnist.folderOrSkip());
        Path cache = dir.resolve("classifier.safetensors");
        DigitClassifier c = DigitClassifier.trainOrLoad(mnist, cache);
        assertTrue(c.heldOutAccuracy() > 0.93, "held-out accuracy " + c.heldOutAccuracy());

        int[] idx = {9990, 9991, 9992, 9993, 9994, 9995, 9996, 9997, 9998, 9999};
        Tensor p = c.probabilities(mnist.batch(idx));
        for (int i = 0; i < idx.length; i++) {
            double rowSum = 0;
            for (int k = 0; k < 10; k++) {
                rowSum += p.get(i, k);
            }
            assertEquals(1.0, rowSum, 1e-5);
        }
        DigitClassifier cached = DigitClassifier.trainOrLoad(mnist, cache);
        assertEquals(c.heldOutAccuracy(), cached.heldOutAccuracy(), 0.0);
        assertArrayEquals(p.toFloatArray(), cached.probabilities(mnist.batch(idx)).toFloatArray(), 0f);

        // Real held-out digits score as a generator that covers all classes should.
        int[] held = new int[1000];
        for (int i = 0; i < held.length; i++) {
            held[i] = DigitClassifier.TRAIN_IMAGES + i;
        }
        ClassHistogramMetrics.Result r = ClassHistogramMetrics.evaluate(c.probabilities(mnist.batch(held)),
                mnist.labelCounts());
        assertEquals(10, r.classesCovered());
        assertTrue(r.inceptionScore() > 8, "inception-like score of real digits " + r.inceptionScore());
        assertTrue(r.klToLabels() < 0.05, "class KL of real digits " + r.klToLabels());
    }
}
