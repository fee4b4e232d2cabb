package io.github.jgrad.nn.optim;

import io.github.jgrad.nn.Parameter;
import io.github.jgrad.tensor.OptimizerSteps;
import io.github.jgrad.tensor.Tensor;
import java.util.Map;

/**
 * Stochastic gradient descent with optional momentum, dampening, L2 weight decay and Nesterov
 * momentum, exactly as {@code torch.optim.SGD}:
 *
 * <pre>
 *   g = grad + weightDecay * p
 *   if momentum != 0:
 *       b = g                                  on the parameter's first step
 *       b = momentum * b + (1 - dampening) * g  afterwards
 *       g = nesterov ? g + momentum * b : b
 *   p = p - lr * g
 * </pre>
 *
 * State per parameter: {@code momentum_buffer} (only when momentum is non-zero). Each step is one
 * fused pass ({@link OptimizerSteps#sgdInPlace}).
 */
public final class SGD extends Optimizer {
    private static final String[] NO_STATE = {};
    private static final String[] MOMENTUM_STATE = {"momentum_buffer"};

    private final double momentum;
    private final double dampening;
    private final double weightDecay;
    private final boolean nesterov;

    /** Plain SGD: no momentum, no weight decay. */
    public SGD(Map<String, Parameter> params, double lr) {
        this(params, lr, 0, 0, 0, false);
    }

    /** SGD with heavy-ball momentum, no dampening, no weight decay. */
    public SGD(Map<String, Parameter> params, double lr, double momentum) {
        this(params, lr, momentum, 0, 0, false);
    }

    /**
     * SGD with every option.
     *
     * @throws IllegalArgumentException if lr, momentum or weightDecay is negative or not finite,
     *     dampening is outside [0, 1], or nesterov is asked for without momentum or with dampening
     */
    public SGD(Map<String, Parameter> params, double lr, double momentum, double dampening,
            double weightDecay, boolean nesterov) {
        super(params, lr);
        this.momentum = Hyper.nonNegative("SGD", "momentum", momentum);
        this.dampening = Hyper.unitClosed("SGD", "dampening", dampening);
        this.weightDecay = Hyper.nonNegative("SGD", "weightDecay", weightDecay);
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("SGD: nesterov needs momentum > 0 and dampening 0, got momentum "
                    + momentum + ", dampening " + dampening);
        }
        this.nesterov = nesterov;
    }

    /** A builder over {@code params} with PyTorch's defaults (lr 1e-3, everything else off). */
    public static Builder builder(Map<String, Parameter> params) {
        return new Builder(params);
    }

    /** Momentum factor. */
    public double momentum() {
        return momentum;
    }

    /** Dampening of the momentum's gradient term. */
    public double dampening() {
        return dampening;
    }

    /** L2 penalty coefficient. */
    public double weightDecay() {
        return weightDecay;
    }

    /** True for Nesterov momentum. */
    public boolean nesterov() {
        return nesterov;
    }

    @Override
    protected String[] stateNames() {
        return momentum != 0 ? MOMENTUM_STATE : NO_STATE;
    }

    @Override
    protected void update(Tensor value, Tensor grad, Tensor[] state, boolean fresh) {
        OptimizerSteps.sgdInPlace(value, grad, momentum != 0 ? state[0] : null, fresh, learningRate(), momentum,
                dampening, weightDecay, nesterov);
    }

    /** Collects SGD's options; unset ones keep PyTorch's defaults. */
    public static final class Builder {
        private final Map<String, Parameter> params;
        private double lr = 1e-3;
        private double momentum;
        private double dampening;
        private double weightDecay;
        private boolean nesterov;

        private Builder(Map<String, Parameter> params) {
            this.params = params;
        }

        /** Learning rate (default 1e-3). */
        public Builder lr(double v) {
            lr = v;
            return this;
        }

        /** Momentum factor (default 0). */
        public Builder momentum(double v) {
            momentum = v;
            return this;
        }

        /** Dampening (default 0). */
        public Builder dampening(double v) {
            dampening = v;
            return this;
        }

        /** L2 penalty (default 0). */
        public Builder weightDecay(double v) {
            weightDecay = v;
            return this;
        }

        /** Nesterov momentum (default false). */
        public Builder nesterov(boolean v) {
            nesterov = v;
            return this;
        }

        /** The optimizer; hyperparameters are validated here. */
        public SGD build() {
            return new SGD(params, lr, momentum, dampening, weightDecay, nesterov);
        }
    }
}
