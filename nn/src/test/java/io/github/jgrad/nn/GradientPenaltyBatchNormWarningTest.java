package io.github.jgrad.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.jgrad.tensor.DType;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Shape;
import io.github.jgrad.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class GradientPenaltyBatchNormWarningTest {
    /** Collects the warnings GradientPenalty logs while a test runs. */
    private static final class Recorder extends Handler {
        final List<String> warnings = new ArrayList<>();

        @Override
        public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                warnings.add(r.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    private static List<String> warningsWhilePenalising(Module critic, int times) {
        Logger log = Logger.getLogger(GradientPenalty.class.getName());
        Recorder rec = new Recorder();
        log.addHandler(rec);
        try {
            Rng rng = new Rng(1);
            Tensor real = rng.normal(DType.F64, Shape.of(4, 3), 0, 1);
            Tensor fake = rng.normal(DType.F64, Shape.of(4, 3), 0, 1);
            for (int i = 0; i < times; i++) {
                new GradientPenalty(1.0).compute(critic, real, fake, rng);
            }
        } finally {
            log.removeHandler(rec);
        }
        return rec.warnings;
    }

    @Test
    void aCriticWithBatchNormIsWarnedAboutOnceNamingTheLayer() {
        Rng rng = new Rng(2);
        Module critic = new Sequential(new Linear(3, 5, true, DType.F64, rng),
                new BatchNorm1d(5, 1e-5, 0.1, true, DType.F64), new ReLU(), new Linear(5, 1, true, DType.F64, rng));
        List<String> warnings = warningsWhilePenalising(critic, 3);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("BatchNorm1d") && warnings.get(0).contains("LayerNorm"), warnings.get(0));
    }

    @Test
    void aCriticWithoutBatchNormIsNotWarnedAbout() {
        Rng rng = new Rng(2);
        Module critic = new Sequential(new Linear(3, 5, true, DType.F64, rng), new LayerNorm(new int[] {5}, 1e-5, true,
                DType.F64), new ReLU(), new Linear(5, 1, true, DType.F64, rng));
        assertEquals(List.of(), warningsWhilePenalising(critic, 2));
    }
}
