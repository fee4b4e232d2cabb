package io.github.jgrad.nn.optim;

import io.github.jgrad.nn.Parameter;
import io.github.jgrad.tensor.OptimizerSteps;
import io.github.jgrad.tensor.Tensor;
import java.util.Map;

/**
 * Adam exactly as {@code torch.optim.Adam} (without amsgrad), with L2 weight decay added to the
 * gradient (not decoupled as in AdamW). At step {@code t} of a parameter:
 *
 * <pre>
 *   g = grad + weightDecay * p
 *   m = beta1 * m + (1 - beta1) * g
 *   v = beta2 * v + (1 - beta2) * g^2
 *   stepSize = lr / (1 - beta1^t)
 *   denom = sqrt(v) / sqrt(1 - beta2^t) + eps
 *   p = p - stepSize * m / denom
 * </pre>
 *
 * The bias corrections are computed in double once per parameter per step, as PyTorch does in
 * Python, then used in the parameter's precision by one fused pass
 * ({@link OptimizerSteps#adamInPlace}). State per parameter: {@code step},
 * {@code exp_avg}, {@code exp_avg_sq}. The WGAN-GP paper uses lr 1e-4, betas (0, 0.9).
 */
public final class Adam extends Optimizer {
    private static final String[] STATE = {STEP, "exp_avg", "exp_avg_sq"};

    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;

    /** Adam with PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, no weight decay. */
    public Adam(Map<String, Parameter> params, double lr) {
        this(params, lr, 0.9, 0.999, 1e-8, 0);
    }

    /** Adam with the given betas, eps 1e-8, no weight decay. */
    public Adam(Map<String, Parameter> params, double lr, double beta1, double beta2) {
        this(params, lr, beta1, beta2, 1e-8, 0);
    }

    /**
     * Adam with every option.
     *
     * @throws IllegalArgumentException if lr, eps or weightDecay is negative or not finite, or
     *     a beta is outside [0, 1)
     */
    public Adam(Map<String, Parameter> params, double lr, double beta1, double beta2, double eps,
            double weightDecay) {
        super(params, lr);
        this.beta1 = Hyper.unitOpen("Adam", "beta1", beta1);
        this.beta2 = Hyper.unitOpen("Adam", "beta2", beta2);
        this.eps = Hyper.nonNegative("Adam", "eps", eps);
        this.weightDecay = Hyper.nonNegative("Adam", "weightDecay", weightDecay);
    }

    /** A builder over {@code params} with PyTorch's defaults (lr 1e-3). */
    public static Builder builder(Map<String, Parameter> params) {
        return new Builder(params);
    }

    /** Decay rate of the first-moment average. */
    public double beta1() {
        return beta1;
    }

    /** Decay rate of the second-moment average. */
    public double beta2() {
        return beta2;
    }

    /** Term added to the bias-corrected denominator. */
    public double eps() {
        return eps;
    }

    /** L2 penalty coefficient. */
    public double weightDecay() {
        return weightDecay;
    }

    @Override
    protected String[] stateNames() {
        return STATE.clone();
    }

    @Override
    protected void update(Tensor value, Tensor grad, Tensor[] s, boolean fresh) {
        long t = incrementStep(s[0]);
        double bias1 = 1 - Math.pow(beta1, t);
        double bias2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
        double stepSize = learningRate() / bias1;
        OptimizerSteps.adamInPlace(value, grad, s[1], s[2], beta1, beta2, eps, weightDecay, stepSize, bias2Sqrt);
    }

    /** Collects Adam's options; unset ones keep PyTorch's defaults. */
    public static final class Builder {
        private final Map<String, Parameter> params;
        private double lr = 1e-3;
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double eps = 1e-8;
        private double weightDecay;

        private Builder(Map<String, Parameter> params) {
            this.params = params;
        }

        /** Learning rate (default 1e-3). */
        public Builder lr(double v) {
            lr = v;
            return this;
        }

        /** Both decay rates (default 0.9, 0.999). */
        public Builder betas(double b1, double b2) {
            beta1 = b1;
            beta2 = b2;
            return this;
        }

        /** Denominator term (default 1e-8). */
        public Builder eps(double v) {
            eps = v;
            return this;
        }

        /** L2 penalty (default 0). */
        public Builder weightDecay(double v) {
            weightDecay = v;
            return this;
        }

        /** The optimizer; hyperparameters are validated here. */
        public Adam build() {
            return new Adam(params, lr, beta1, beta2, eps, weightDecay);
        }
    }
}
