package io.github.jgrad.nn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.jgrad.nn.Parameter;
import io.github.jgrad.tensor.DType;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Three steps on {@link Problem} against literal values printed by torch 1.13's own optimizers
 * (nn/src/test/python/check_with_torch.py optim, float64). Parameters "a" then "w", flattened.
 */
class TorchReferenceTest {

    private static void check(Function<Map<String, Parameter>, Optimizer> make, double... torch) {
        for (DType dtype : DType.values()) {
            Map<String, Parameter> ps = Problem.params(dtype);
            Problem.run(make.apply(ps), 1, 3);
            double[][] got = Problem.values(ps);
            double tol = dtype == DType.F64 ? 1e-14 : 3e-6;
            int j = 0;
            for (double[] param : got) {
                for (double v : param) {
                    assertEquals(torch[j], v, tol, dtype + " element " + j);
                    j++;
                }
            }
        }
    }

    @Test
    void sgdWithNesterovAndWeightDecay() {
        check(ps -> SGD.builder(ps).lr(0.1).momentum(0.9).weightDecay(0.1).nesterov(true).build(),
                0.29818284799999994, -0.5500746480000002, 1.0303545120000002, 0.1215510912, 0.023978561599999976,
                0.2796695456, 0.35872877280000004);
    }

    @Test
    void sgdWithDampening() {
        check(ps -> new SGD(ps, 0.05, 0.9, 0.5, 0.01, false),
                0.458643452015625, -1.241183278390625, 1.7615909315, 0.11663611090312499, -0.129659419775,
                0.308059731771875, 0.40377154220625006);
    }

    @Test
    void rmspropCenteredWithMomentumAndWeightDecay() {
        check(ps -> new RMSprop(ps, 0.005, 0.95, 1e-4, 0.05, 0.5, true),
                0.4127738371008195, -1.4227805828051414, 1.9186561583438115, 0.1277103546001293,
                -0.13133783997009152, 0.30365548901185485, 0.39228217185309905);
    }

    @Test
    void rmspropDefaults() {
        check(ps -> new RMSprop(ps, 0.01),
                0.2533246221159797, -1.2843121592614848, 1.7679813435158582, 0.1041521060130064,
                -0.031769400961399435, 0.2588952030521865, 0.3417685101383502);
    }

    @Test
    void adamWithWeightDecay() {
        check(ps -> new Adam(ps, 0.1, 0.9, 0.999, 1e-8, 0.1),
                0.19951025065489714, -1.2022002557507296, 1.6998656317633036, 0.18750569895769942,
                0.07500386172286387, 0.294854874646667, 0.36131377179643903);
    }

    @Test
    void adamWithTheWganGpBetas() {
        check(ps -> Adam.builder(ps).lr(0.01).betas(0.0, 0.9).build(),
                0.4652396565907553, -1.4712786074473028, 1.968926660868403, 0.10344158215861904,
                -0.17550053612755045, 0.29393265281514047, 0.3888369435082005);
    }
}
