package io.github.jgrad.tensor;

/**
 * The update of one parameter by SGD, RMSprop or Adam as one fused in-place pass over the
 * parameter, its gradient and the optimizer's state (as PyTorch's fused optimizers do), instead
 * of a chain of {@link Fused} kernels that would read and write every array several times. The
 * formulas are those of {@code torch.optim}; the optimizers in jgrad-nn state them and supply
 * the scalars.
 *
 * <p>Every method whose name ends in {@code InPlace} overwrites the parameter and the state
 * tensors it is given; never call one on a tensor that takes part in a graph. All tensors of one
 * call have one shape and one dtype. Float32 parameters are updated in float32 with the scalars
 * rounded to float32, float64 ones in float64. Large parameters are split across threads as in
 * {@link Fused}; each element's update is the same arithmetic on any split.
 */
public final class OptimizerSteps {
    private OptimizerSteps() {
    }

    /**
     * One Adam step ({@code torch.optim.Adam} without amsgrad) of {@code param}:
     * <pre>
     *   g = grad + weightDecay * param
     *   expAvg = beta1 * expAvg + (1 - beta1) * g
     *   expAvgSq = beta2 * expAvgSq + (1 - beta2) * g^2
     *   param -= stepSize * expAvg / (sqrt(expAvgSq) / bias2Sqrt + eps)
     * </pre>
     * where the caller computes {@code stepSize = lr / (1 - beta1^t)} and
     * {@code bias2Sqrt = sqrt(1 - beta2^t)} for step {@code t}. In place: changes {@code param},
     * {@code expAvg} and {@code expAvgSq}.
     *
     * @throws IllegalArgumentException if the tensors' shapes or dtypes differ
     */
    public static void adamInPlace(Tensor param, Tensor grad, Tensor expAvg, Tensor expAvgSq, double beta1,
                                   double beta2, double eps, double weightDecay, double stepSize, double bias2Sqrt) {
        Fused.check("adamInPlace", param, grad, expAvg);
        Fused.check("adamInPlace", param, expAvgSq, expAvgSq);
        int n = param.size();
        int parts = Fused.parts(n);
        if (param.storage instanceof Storage.F32 s) {
            float[] p = s.values;
            float[] g = grad.floats();
            float[] m = expAvg.floats();
            float[] v = expAvgSq.floats();
            if (parts == 1) {
                adam(p, g, m, v, beta1, beta2, eps, weightDecay, stepSize, bias2Sqrt, 0, n);
            } else {
                Parallel.forSlices(n, parts, (from, to) -> adam(p, g, m, v, beta1, beta2, eps, weightDecay, stepSize, bias2Sqrt, from, to));
            }
        } else {
            double[] p = param.doubles();
            double[] g = grad.doubles();
            double[] m = expAvg.doubles();
            double[] v = expAvgSq.doubles();
            if (parts == 1) {
                adam(p, g, m, v, beta1, beta2, eps, weightDecay, stepSize, bias2Sqrt, 0, n);
            } else {
                Parallel.forSlices(n, parts, (from, to) -> adam(p, g, m, v, beta1, beta2, eps, weightDecay, stepSize, bias2Sqrt, from, to));
            }
        }
    }

    private static void adam(float[] p, float[] grad, float[] m, float[] v, double beta1, double beta2, double eps,
                             double weightDecay, double stepSize, double bias2Sqrt, int from, int to) {
        float b1 = (float) beta1;
        float oneMinusB1 = (float) (1 - beta1);
        float b2 = (float) beta2;
        float oneMinusB2 = (float) (1 - beta2);
        float e = (float) eps;
        boolean decay = weightDecay != 0;
        float wd = (float) weightDecay;
        float nStep = (float) -stepSize;
        float bc2 = (float) bias2Sqrt;
        for (int i = from; i < to; i++) {
            float g = decay ? grad[i] + wd * p[i] : grad[i];
            m[i] = b1 * m[i] + oneMinusB1 * g;
            v[i] = b2 * v[i] + oneMinusB2 * (g * g);
            float denom = (float) Math.sqrt(v[i]) / bc2 + e;
            p[i] += nStep * (m[i] / denom);
        }
    }

    private static void adam(double[] p, double[] grad, double[] m, double[] v, double beta1, double beta2,
                             double eps, double weightDecay, double stepSize, double bias2Sqrt, int from, int to) {
        double oneMinusB1 = 1 - beta1;
        double oneMinusB2 = 1 - beta2;
        double nStep = -stepSize;
        for (int i = from; i < to; i++) {
            double g = weightDecay != 0 ? grad[i] + weightDecay * p[i] : grad[i];
            m[i] = beta1 * m[i] + oneMinusB1 * g;
            v[i] = beta2 * v[i] + oneMinusB2 * (g * g);
            double denom = Math.sqrt(v[i]) / bias2Sqrt + eps;
            p[i] += nStep * (m[i] / denom);
        }
    }

    /**
     * One RMSprop step ({@code torch.optim.RMSprop}) of {@code param}; eps is added outside the
     * square root:
     * <pre>
     *   g = grad + weightDecay * param
     *   squareAvg = alpha * squareAvg + (1 - alpha) * g^2
     *   if gradAvg given:  gradAvg = alpha * gradAvg + (1 - alpha) * g;  denom = sqrt(squareAvg - gradAvg^2) + eps
     *   else:                                                           denom = sqrt(squareAvg) + eps
     *   if momentumBuffer given:  buf = momentum * buf + g / denom;  param -= lr * buf
     *   else:                                                        param -= lr * g / denom
     * </pre>
     * In place: changes {@code param} and the state tensors.
     *
     * @param momentumBuffer the momentum buffer, or null without momentum
     * @param gradAvg the gradient average of the centred variant, or null
     * @throws IllegalArgumentException if the tensors' shapes or dtypes differ
     */
    public static void rmspropInPlace(Tensor param, Tensor grad, Tensor squareAvg, Tensor momentumBuffer,
                                      Tensor gradAvg, double lr, double alpha, double eps, double weightDecay,
                                      double momentum) {
        Fused.check("rmspropInPlace", param, grad, squareAvg);
        Fused.check("rmspropInPlace", param, momentumBuffer == null ? param : momentumBuffer,
                gradAvg == null ? param : gradAvg);
        int n = param.size();
        int parts = Fused.parts(n);
        if (param.storage instanceof Storage.F32 s) {
            float[] p = s.values;
            float[] g = grad.floats();
            float[] v = squareAvg.floats();
            float[] buf = momentumBuffer == null ? null : momentumBuffer.floats();
            float[] avg = gradAvg == null ? null : gradAvg.floats();
            if (parts == 1) {
                rmsprop(p, g, v, buf, avg, lr, alpha, eps, weightDecay, momentum, 0, n);
            } else {
                Parallel.forSlices(n, parts, (from, to) -> rmsprop(p, g, v, buf, avg, lr, alpha, eps, weightDecay, momentum, from, to));
            }
        } else {
            double[] p = param.doubles();
            double[] g = grad.doubles();
            double[] v = squareAvg.doubles();
            double[] buf = momentumBuffer == null ? null : momentumBuffer.doubles();
            double[] avg = gradAvg == null ? null : gradAvg.doubles();
            if (parts == 1) {
                rmsprop(p, g, v, buf, avg, lr, alpha, eps, weightDecay, momentum, 0, n);
            } else {
                Parallel.forSlices(n, parts, (from, to) -> rmsprop(p, g, v, buf, avg, lr, alpha, eps, weightDecay, momentum, from, to));
            }
        }
    }

    private static void rmsprop(float[] p, float[] grad, float[] v, float[] buf, float[] avg, double lr, double alpha,
                                double eps, double weightDecay, double momentum, int from, int to) {
        float nlr = (float) -lr;
        float a = (float) alpha;
        float oneMinusA = (float) (1 - alpha);
        float e = (float) eps;
        boolean decay = weightDecay != 0;
        float wd = (float) weightDecay;
        float mom = (float) momentum;
        if (!decay && avg == null && buf == null) {
            // The plain form (WGAN's RMSprop) in a loop with no branches, which the JIT
            // vectorises; the same operations in the same order as the general loop below.
            for (int i = from; i < to; i++) {
                float g = grad[i];
                float sq = a * v[i] + oneMinusA * (g * g);
                v[i] = sq;
                p[i] += nlr * (g / ((float) Math.sqrt(sq) + e));
            }
            return;
        }
        for (int i = from; i < to; i++) {
            float g = decay ? grad[i] + wd * p[i] : grad[i];
            v[i] = a * v[i] + oneMinusA * (g * g);
            float var = v[i];
            if (avg != null) {
                avg[i] = a * avg[i] + oneMinusA * g;
                var = var - avg[i] * avg[i];
            }
            float denom = (float) Math.sqrt(var) + e;
            if (buf != null) {
                buf[i] = mom * buf[i] + g / denom;
                p[i] += nlr * buf[i];
            } else {
                p[i] += nlr * (g / denom);
            }
        }
    }

    private static void rmsprop(double[] p, double[] grad, double[] v, double[] buf, double[] avg, double lr,
                                double alpha, double eps, double weightDecay, double momentum, int from, int to) {
        double nlr = -lr;
        double oneMinusA = 1 - alpha;
        for (int i = from; i < to; i++) {
            double g = weightDecay != 0 ? grad[i] + weightDecay * p[i] : grad[i];
            v[i] = alpha * v[i] + oneMinusA * (g * g);
            double var = v[i];
            if (avg != null) {
                avg[i] = alpha * avg[i] + oneMinusA * g;
                var = var - avg[i] * avg[i];
            }
            double denom = Math.sqrt(var) + eps;
            if (buf != null) {
                buf[i] = momentum * buf[i] + g / denom;
                p[i] += nlr * buf[i];
            } else {
                p[i] += nlr * (g / denom);
            }
        }
    }

    /**
     * One SGD step ({@code torch.optim.SGD}) of {@code param}:
     * <pre>
     *   g = grad + weightDecay * param
     *   if momentumBuffer given:
     *       buf = g                                   on the first step (firstStep true)
     *       buf = momentum * buf + (1 - dampening) * g  afterwards
     *       g = nesterov ? g + momentum * buf : buf
     *   param -= lr * g
     * </pre>
     * In place: changes {@code param} and {@code momentumBuffer}.
     *
     * @param momentumBuffer the momentum buffer, or null without momentum
     * @throws IllegalArgumentException if the tensors' shapes or dtypes differ
     */
    public static void sgdInPlace(Tensor param, Tensor grad, Tensor momentumBuffer, boolean firstStep, double lr,
                                  double momentum, double dampening, double weightDecay, boolean nesterov) {
        Fused.check("sgdInPlace", param, grad, momentumBuffer == null ? param : momentumBuffer);
        int n = param.size();
        int parts = Fused.parts(n);
        if (param.storage instanceof Storage.F32 s) {
            float[] p = s.values;
            float[] g = grad.floats();
            float[] buf = momentumBuffer == null ? null : momentumBuffer.floats();
            if (parts == 1) {
                sgd(p, g, buf, firstStep, lr, momentum, dampening, weightDecay, nesterov, 0, n);
            } else {
                Parallel.forSlices(n, parts, (from, to) -> sgd(p, g, buf, firstStep, lr, momentum, dampening, weightDecay, nesterov, from, to));
            }
        } else {
            double[] p = param.doubles();
            double[] g = grad.doubles();
            double[] buf = momentumBuffer == null ? null : momentumBuffer.doubles();
            if (parts == 1) {
                sgd(p, g, buf, firstStep, lr, momentum, dampening, weightDecay, nesterov, 0, n);
            } else {
                Parallel.forSlices(n, parts, (from, to) -> sgd(p, g, buf, firstStep, lr, momentum, dampening, weightDecay, nesterov, from, to));
            }
        }
    }

    private static void sgd(float[] p, float[] g, float[] buf, boolean fresh, double lr, double momentum,
                            double dampening, double weightDecay, boolean nesterov, int from, int to) {
        float nlr = (float) -lr;
        boolean decay = weightDecay != 0;
        float wd = (float) weightDecay;
        float mom = (float) momentum;
        float keep = (float) (1 - dampening);
        for (int i = from; i < to; i++) {
            float d = decay ? g[i] + wd * p[i] : g[i];
            if (buf != null) {
                // PyTorch starts the buffer at the first gradient itself, undamped.
                buf[i] = fresh ? d : mom * buf[i] + keep * d;
                d = nesterov ? d + mom * buf[i] : buf[i];
            }
            p[i] += nlr * d;
        }
    }

    private static void sgd(double[] p, double[] g, double[] buf, boolean fresh, double lr, double momentum,
                            double dampening, double weightDecay, boolean nesterov, int from, int to) {
        double nlr = -lr;
        double keep = 1 - dampening;
        for (int i = from; i < to; i++) {
            double d = weightDecay != 0 ? g[i] + weightDecay * p[i] : g[i];
            if (buf != null) {
                buf[i] = fresh ? d : momentum * buf[i] + keep * d;
                d = nesterov ? d + momentum * buf[i] : buf[i];
            }
            p[i] += nlr * d;
        }
    }
}
