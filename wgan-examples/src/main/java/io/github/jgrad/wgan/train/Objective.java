package io.github.jgrad.wgan.train;

import io.github.jgrad.autodiff.Var;
import io.github.jgrad.nn.Module;
import io.github.jgrad.tensor.Rng;
import java.util.List;

/**
 * A training objective: the critic's loss, the generator's loss, how the critic is kept
 * Lipschitz (a {@link CriticControl} made per run), and the optimizer, learning rate, number of
 * critic steps and penalty settings it trains with by default.
 *
 * <p>Adding an objective is one class implementing this interface plus one line in
 * {@link Objectives}; the trainer, the command line, {@code compare} and the checkpoints find it
 * there by its {@link #id()}. Implementations are stateless and compared by id; anything a run
 * must remember lives in its {@link CriticControl} and is checkpointed from there.
 */
public interface Objective {
    /** Jensen-Shannon GAN with the non-saturating generator loss. */
    Objective GAN = new GanObjective();
    /** Wasserstein losses, unconstrained critic. */
    Objective WGAN = new WganObjective();
    /** Wasserstein losses, weight clipping. */
    Objective WGAN_CLIP = new WganClipObjective();
    /** Wasserstein losses, gradient penalty. */
    Objective WGAN_GP = new WganGpObjective();

    /** The name used on the command line, in checkpoints and in run folders. */
    String id();

    /** One line for {@code --help} and the docs: what the objective does. */
    String summary();

    /** True for the objectives whose critic gap estimates a Wasserstein distance. */
    boolean isWasserstein();

    /** The critic's loss from its outputs on a real and a fake batch, before any penalty. */
    Var criticLoss(Var dReal, Var dFake);

    /**
     * The critic's loss as trained with {@code config} (which may change it, as label smoothing
     * does); the plain {@link #criticLoss(Var, Var)} unless the objective reads a setting.
     */
    default Var criticLoss(Var dReal, Var dFake, TrainConfig config) {
        return criticLoss(dReal, dFake);
    }

    /** The generator's loss from the critic's output on a fake batch. */
    Var generatorLoss(Var dFake);

    /** The settings the objective trains with unless told otherwise. */
    ObjectiveDefaults defaults(boolean toy);

    /**
     * The critic the objective trains, built from the plain network {@code critic}; the network
     * itself unless the objective changes its layers (spectral normalisation wraps them).
     */
    default Module prepareCritic(Module critic, Rng rng) {
        return critic;
    }

    /** The Lipschitz control of one run with {@code config}: penalty, constraint, input noise, state. */
    default CriticControl control(TrainConfig config) {
        return CriticControl.NONE;
    }

    /** Name of the penalty this objective adds to the critic loss, for plots; null if none. */
    default String penaltyName() {
        return null;
    }

    /** Every registered objective, in the order {@code --help} lists them. */
    static List<Objective> values() {
        return Objectives.all();
    }

    /** The registered objective with the given command-line name (case-insensitive). */
    static Objective fromId(String id) {
        return Objectives.fromId(id);
    }
}
