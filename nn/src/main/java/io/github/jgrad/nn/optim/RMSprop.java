package io.github.jgrad.nn.optim;

import io.github.jgrad.nn.Parameter;
import io.github.jgrad.tensor.OptimizerSteps;
import io.github.jgrad.tensor.Tensor;
import java.util.Map;

/**
 * RMSprop exactly as {@code torch.optim.RMSprop}. Note that eps is added <em>outside</em> the
 * square root (TensorFlow adds it inside):
 *
 * <pre>
 *   g = grad + weightDecay * p
 *   v = alpha * v + (1 - alpha) * g^2
 *   if centered:  a = alpha * a + (1 - alpha) * g;   denom = sqrt(v - a^2) + eps
 *   else:                                             denom = sqrt(v) + eps
 *   if momentum > 0:  b = momentum * b + g / denom;   p = p - lr * b
 *   else:                                             p = p - lr * g / denom
 * </pre>
 *
 * State per parameter: {@code step}, {@code square_avg}, then {@code momentum_buffer} if momentum
 * is positive and {@code grad_avg} if centered. Each step is one fused pass
 * ({@link OptimizerSteps#rmspropInPlace}). WGAN-clip uses it with lr 5e-5.
 */
public final class RMSprop extends Optimizer {
    private final double alpha;
    private final double eps;
    private final double weightDecay;
    private final double momentum;
    private final boolean centered;
    private final String[] stateNames;
    /** Position of momentum_buffer and grad_avg in the state array, or -1 when not kept. */
    private final int bufSlot;
    private final int avgSlot;

    /** RMSprop with PyTorch's defaults (alpha 0.99, eps 1e-8, no weight decay, no momentum, not centered). */
    public RMSprop(Map<String, Parameter> params, double lr) {
        this(params, lr, 0.99, 1e-8, 0, 0, false);
    }

    /**
     * RMSprop with every option.
     *
     * @throws IllegalArgumentException if lr, eps, weightDecay or momentum is negative or not
     *     finite, or alpha is outside [0, 1]
     */
    public RMSprop(Map<String, Parameter> params, double lr, double alpha, double eps, double weightDecay,
            double momentum, boolean centered) {
        super(params, lr);
        this.alpha = Hyper.unitClosed("RMSprop", "alpha", alpha);
        this.eps = Hyper.nonNegative("RMSprop", "eps", eps);
        this.weightDecay = Hyper.nonNegative("RMSprop", "weightDecay", weightDecay);
        this.momentum = Hyper.nonNegative("RMSprop", "momentum", momentum);
        this.centered = centered;
        int n = 2;
        bufSlot = momentum > 0 ? n++ : -1;
        avgSlot = centered ? n++ : -1;
        stateNames = new String[n];
        stateNames[0] = STEP;
        stateNames[1] = "square_avg";
        if (bufSlot >= 0) {
            stateNames[bufSlot] = "momentum_buffer";
        }
        if (avgSlot >= 0) {
            stateNames[avgSlot] = "grad_avg";
        }
    }

    /** A builder over {@code params} with PyTorch's defaults (lr 0.01). */
    public static Builder builder(Map<String, Parameter> params) {
        return new Builder(params);
    }

    /** Smoothing constant of the squared-gradient average. */
    public double alpha() {
        return alpha;
    }

    /** Term added to the denominator, outside the square root. */
    public double eps() {
        return eps;
    }

    /** L2 penalty coefficient. */
    public double weightDecay() {
        return weightDecay;
    }

    /** Momentum factor. */
    public double momentum() {
        return momentum;
    }

    /** True if the gradient is normalised by an estimate of its variance rather than its second moment. */
    public boolean centered() {
        return centered;
    }

    @Override
    protected String[] stateNames() {
        return stateNames.clone();
    }

    @Override
    protected void update(Tensor value, Tensor grad, Tensor[] s, boolean fresh) {
        incrementStep(s[0]);
        OptimizerSteps.rmspropInPlace(value, grad, s[1], bufSlot >= 0 ? s[bufSlot] : null,
                avgSlot >= 0 ? s[avgSlot] : null, learningRate(), alpha, eps, weightDecay, momentum);
    }

    /** Collects RMSprop's options; unset ones keep PyTorch's defaults. */
    public static final class Builder {
        private final Map<String, Parameter> params;
        private double lr = 0.01;
        private double alpha = 0.99;
        private double eps = 1e-8;
        private double weightDecay;
        private double momentum;
        private boolean centered;

        private Builder(Map<String, Parameter> params) {
            this.params = params;
        }

        /** Learning rate (default 0.01). */
        public Builder lr(double v) {
            lr = v;
            return this;
        }

        /** Smoothing constant (default 0.99). */
        public Builder alpha(double v) {
            alpha = v;
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

        /** Momentum factor (default 0). */
        public Builder momentum(double v) {
            momentum = v;
            return this;
        }

        /** Centered variant (default false). */
        public Builder centered(boolean v) {
            centered = v;
            return this;
        }

        /** The optimizer; hyperparameters are validated here. */
        public RMSprop build() {
            return new RMSprop(params, lr, alpha, eps, weightDecay, momentum, centered);
        }
    }
}
