package io.github.jgrad.wgan.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.jgrad.wgan.train.NetworkInit;
import io.github.jgrad.wgan.train.Objective;
import io.github.jgrad.wgan.train.Objectives;
import io.github.jgrad.wgan.train.RunSpec;
import io.github.jgrad.wgan.train.TrainConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GridTest {
    @Test
    void theGridIsTheProductOfEveryListWithDataSlowestAndOptionsFastest() {
        Map<String, List<String>> options = new LinkedHashMap<>();
        options.put("lr", List.of("1e-4", "3e-4"));
        options.put("lambda", List.of("0.1", "1", "10"));
        options.put("width", List.of("64"));
        Grid g = Grid.of(List.of("8gaussians", "swissroll"), List.of("wgan-gp", "wgan-clip"), List.of(1L, 2L),
                options, false);
        assertEquals(2 * 2 * 2 * 2 * 3, g.points().size());
        assertEquals(List.of("lr", "lambda"), g.varied(), "width takes one value, so it is not varied");
        assertEquals("8gaussians/wgan-gp-seed1-lr1e-4-lambda0.1", g.folder(g.points().get(0)));
        assertEquals("8gaussians/wgan-gp-seed1-lr1e-4-lambda1", g.folder(g.points().get(1)));
        assertEquals("8gaussians/wgan-gp-seed1-lr3e-4-lambda0.1", g.folder(g.points().get(3)));
        assertEquals("8gaussians/wgan-gp-seed2-lr1e-4-lambda0.1", g.folder(g.points().get(6)));
        assertEquals("swissroll/wgan-clip-seed2-lr3e-4-lambda10", g.folder(g.points().get(47)));
        assertEquals(64, g.points().get(47).spec().width());
        assertEquals(10.0, g.points().get(47).spec().config().lambda());
        assertEquals(3e-4, g.points().get(47).spec().config().criticLr());
    }

    @Test
    void aPointWithOnlyCompareOptionsIsTheRunCompareTrains() {
        // compare: defaults of the objective, then iterations, seed, lr decay and one learning rate.
        TrainConfig c = TrainConfig.defaults(Objective.WGAN_CLIP, true).withIterations(40).withSeed(3)
                .withLrDecay(true).withLearningRates(2e-4, 2e-4);
        RunSpec compare = new RunSpec("25gaussians", "toy", 48, null, c);
        Grid g = Grid.of(List.of("25gaussians"), List.of("wgan-clip"), List.of(3L),
                Map.of("iterations", List.of("40"), "width", List.of("48"), "lr", List.of("2e-4")), true);
        assertEquals(compare, g.points().get(0).spec());
        assertEquals("25gaussians/wgan-clip-seed3", g.folder(g.points().get(0)), "compare's folder name");
    }

    @Test
    void everyTrainingOptionReachesTheRun() {
        Map<String, List<String>> options = new LinkedHashMap<>();
        options.put("batch-size", List.of("64"));
        options.put("n-critic", List.of("3"));
        options.put("lr-critic", List.of("2e-4"));
        options.put("lr-generator", List.of("5e-5"));
        options.put("beta1", List.of("0.0"));
        options.put("beta2", List.of("0.99"));
        options.put("clip", List.of("0.05"));
        options.put("instance-noise", List.of("0.1"));
        options.put("real-label", List.of("0.9"));
        options.put("init", List.of("dcgan", "he-uniform"));
        Grid g = Grid.of(List.of("swissroll"), List.of("gan"), List.of(4L), options, true);
        TrainConfig c = g.points().get(1).spec().config();
        TrainConfig expected = TrainConfig.defaults(Objectives.fromId("gan"), true).withIterations(1000)
                .withBatchSize(64).withNCritic(3).withLearningRates(2e-4, 5e-5).withBetas(0.0, 0.99).withClip(0.05)
                .withInstanceNoise(0.1).withRealLabel(0.9).withInit(NetworkInit.HE_UNIFORM).withSeed(4)
                .withLrDecay(true);
        assertEquals(expected, c);
        assertEquals("swissroll/gan-seed4-initdcgan", g.folder(g.points().get(0)));
    }

    @Test
    void unsetOptionsTakeCompareDefaults() {
        Grid g = Grid.of(List.of("8gaussians"), List.of("gan"), List.of(1L), Map.of(), false);
        RunSpec s = g.points().get(0).spec();
        assertEquals(GridPoint.DEFAULT_ITERATIONS, s.config().iterations());
        assertEquals(GridPoint.DEFAULT_WIDTH, s.width());
        assertEquals(TrainConfig.defaults(Objective.GAN, true).withIterations(1000), s.config());
    }

    @Test
    void anEmptyListOrARepeatedValueIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> Grid.of(List.of(), List.of("gan"), List.of(1L), Map.of(), false));
        assertThrows(IllegalArgumentException.class,
                () -> Grid.of(List.of("8gaussians"), List.of("gan"), List.of(1L), Map.of("lr", List.of()), false));
        assertThrows(IllegalArgumentException.class,
                () -> Grid.of(List.of("8gaussians"), List.of("gan"), List.of(1L, 1L), Map.of(), false));
    }
}
