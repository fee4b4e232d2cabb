package io.github.jgrad.wgan.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EarthMoverTest {
    private static final EarthMover.Distribution P = EarthMover.exampleP();
    private static final EarthMover.Distribution Q = EarthMover.exampleQ();

    @Test
    void theMonotonePlanMovesEveryMassAndCostsTheAreaBetweenTheCumulativeDistributions() {
        EarthMover.Plan plan = EarthMover.exactPlan(P, Q);
        // By hand: |F_P - F_Q| on [0,1), [1,2), [2,3), [3,4), [4,5) is 0.4, 0.1, 0.3, 0.1, 0.4.
        assertEquals(1.3, plan.cost(), 1e-12);
        List<double[]> expected = List.of(new double[] {0, 1, 0.3}, new double[] {0, 3, 0.1},
                new double[] {2, 3, 0.2}, new double[] {5, 3, 0.1}, new double[] {5, 4, 0.3});
        assertEquals(expected.size(), plan.moves().size());
        for (int i = 0; i < expected.size(); i++) {
            EarthMover.Move m = plan.moves().get(i);
            assertEquals(expected.get(i)[0], m.from(), 0);
            assertEquals(expected.get(i)[1], m.to(), 0);
            assertEquals(expected.get(i)[2], m.mass(), 1e-12);
        }
    }

    @Test
    void theOptimalCriticIsOneLipschitzAndItsGapEqualsTheDistance() {
        double gap = 0;
        for (int i = 0; i < 3; i++) {
            gap += P.weights()[i] * EarthMover.optimalCritic(P, Q, P.points()[i])
                    - Q.weights()[i] * EarthMover.optimalCritic(P, Q, Q.points()[i]);
        }
        assertEquals(1.3, gap, 1e-12);
        for (double x = -1; x < 6; x += 0.01) {
            double slope = (EarthMover.optimalCritic(P, Q, x + 0.01) - EarthMover.optimalCritic(P, Q, x)) / 0.01;
            assertTrue(Math.abs(slope) <= 1 + 1e-9, "slope " + slope + " at " + x);
        }
    }

    @Test
    void aCriticTrainedWithTheOneSidedPenaltyEstimatesTheDistanceWithinFivePercent(@TempDir Path dir) throws Exception {
        LipschitzPictures.Numbers n = LipschitzPictures.earthMover(dir.resolve("emd.png"), 1);
        assertEquals(1.3, n.exact(), 1e-12);
        assertTrue(Math.abs(n.relativeError()) < 0.05, "estimate " + n.estimate());
        BufferedImage image = ImageIO.read(dir.resolve("emd.png").toFile());
        assertEquals(900, image.getWidth());
    }

    @Test
    void weightsThatDoNotSumToOneAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new EarthMover.Distribution(new double[] {0, 1}, new double[] {0.5, 0.6}));
        assertTrue(e.getMessage().contains("sum to 1.1"), e.getMessage());
    }
}
