package io.github.jgrad.wgan.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.jgrad.tensor.BufferPool;
import io.github.jgrad.tensor.Tensor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The trainer's steps hand their arrays back to {@link BufferPool} when they end, and the next
 * step writes into them. If anything that outlives a step (a weight, an optimizer moment, a
 * spectral norm's vectors, a gradient) were among them, the next step would overwrite it and the
 * run would go another way. So every registered objective, trained a few iterations with the pool
 * on, must end bit for bit where the same run ends with the pool off, every weight, optimizer
 * state and reported statistic alike; and with the pool on the arrays must really have been
 * reused. The pool is poisoned in that run, so an output reused without being written in full
 * would put NaN into the results.
 */
class BufferReuseTest {
    /** Batch times width is above the pool's size floor, so the activations are pooled. */
    private static final int WIDTH = 64;
    private static final int BATCH = 128;
    private static final int ITERATIONS = 4;

    @AfterEach
    void poolOnUnpoisoned() {
        BufferPool.setEnabled(true);
        BufferPool.setPoisoned(false);
    }

    static Stream<Arguments> runs() {
        List<Arguments> out = new ArrayList<>();
        for (Objective o : Objectives.all()) {
            out.add(Arguments.of(o.id(), TrainConfig.defaults(o, true)));
        }
        out.add(Arguments.of("gan with instance noise and smoothed labels",
                TrainConfig.defaults(Objectives.fromId("gan"), true).withInstanceNoise(0.1).withRealLabel(0.9)));
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runs")
    void aRunWithThePoolEndsBitForBitWhereTheSameRunWithoutItEnds(String name, TrainConfig config)
            throws IOException {
        RunSpec spec = new RunSpec("8gaussians", "toy", WIDTH, null,
                config.withIterations(ITERATIONS).withBatchSize(BATCH).withNCritic(2).withSeed(3));
        BufferPool.setEnabled(false);
        Trained without = train(spec);
        BufferPool.setEnabled(true);
        // Reused outputs start as NaN: a kernel that read one before writing it would show.
        BufferPool.setPoisoned(true);
        Trained with = train(spec);
        assertTrue(BufferPool.cachedBytes() > 0, "no array was handed back: the steps did not recycle");
        assertEquals(without.stats, with.stats, name + ": statistics");
        assertBitIdentical(without.state, with.state, name);
    }

    private record Trained(List<IterationStats> stats, Map<String, Tensor> state) {
    }

    private static Trained train(RunSpec spec) throws IOException {
        Experiment run = Experiment.create(spec);
        Trainer t = run.trainer();
        List<IterationStats> stats = new ArrayList<>();
        while (t.iteration() < ITERATIONS) {
            stats.add(t.step());
        }
        Map<String, Tensor> state = new LinkedHashMap<>();
        t.generator().stateDict().forEach((k, v) -> state.put("generator." + k, v));
        t.critic().stateDict().forEach((k, v) -> state.put("critic." + k, v));
        t.generatorOptimizer().stateDict().forEach((k, v) -> state.put("generator_opt." + k, v));
        t.criticOptimizer().stateDict().forEach((k, v) -> state.put("critic_opt." + k, v));
        return new Trained(stats, state);
    }

    private static void assertBitIdentical(Map<String, Tensor> a, Map<String, Tensor> b, String what) {
        assertEquals(a.keySet(), b.keySet(), what);
        for (String k : a.keySet()) {
            Tensor x = a.get(k);
            Tensor y = b.get(k);
            assertEquals(x.shape(), y.shape(), what + ": " + k);
            for (int i = 0; i < x.size(); i++) {
                if (Double.doubleToRawLongBits(x.getDouble(i)) != Double.doubleToRawLongBits(y.getDouble(i))) {
                    fail(what + ": " + k + "[" + i + "] is " + y.getDouble(i) + " with the pool, " + x.getDouble(i)
                            + " without");
                }
            }
        }
    }
}
