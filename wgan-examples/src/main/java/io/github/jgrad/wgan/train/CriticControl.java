package io.github.jgrad.wgan.train;

import io.github.jgrad.autodiff.Var;
import io.github.jgrad.nn.Module;
import io.github.jgrad.tensor.Rng;
import io.github.jgrad.tensor.Tensor;
import java.util.Map;

/**
 * How one run keeps its critic in check, called by the trainer at fixed points of each critic
 * step: a penalty added to the critic loss, a constraint applied after the optimizer step, and
 * a transformation of the critic's inputs. Every hook does nothing by default, and a hook that
 * does nothing draws nothing from the run's random generator, so a run's random stream depends
 * only on the hooks it uses.
 */
public interface CriticControl {
    /** No control at all. */
    CriticControl NONE = new CriticControl() {
    };

    /**
     * A penalty term and, when it has them, the per-sample critic-gradient norms it measured.
     *
     * @param value the term added to the critic loss (with its graph)
     * @param gradientNorms per-sample norms of the critic's input gradient, or null
     */
    record Penalty(Var value, Tensor gradientNorms) {
    }

    /**
     * What the critic sees in place of the batch {@code x} at generator iteration {@code iteration}
     * (0-based; both critic steps and the generator step); {@code x} itself by default.
     */
    default Var criticInput(Var x, int iteration, Rng rng) {
        return x;
    }

    /** The penalty for one critic step on {@code real} and {@code fake}, or null for none. */
    default Penalty penalty(Module critic, Tensor real, Tensor fake, Rng rng) {
        return null;
    }

    /** Applied to the critic after each of its optimizer steps (a constraint such as clipping). */
    default void afterCriticStep(Module critic) {
    }

    /** Share of the critic's weights held at a constraint's bound, or NaN without one. */
    default double fractionAtBounds(Module critic) {
        return Double.NaN;
    }

    /** State the run must checkpoint to continue bit for bit; empty by default. */
    default Map<String, Tensor> stateDict() {
        return Map.of();
    }

    /** Restores {@link #stateDict()}; a checkpoint without it (an older one) leaves the defaults. */
    default void loadStateDict(Map<String, Tensor> state) {
    }
}
