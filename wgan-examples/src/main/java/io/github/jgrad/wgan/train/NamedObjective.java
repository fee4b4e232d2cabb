package io.github.jgrad.wgan.train;

import io.github.jgrad.autodiff.Var;

/**
 * What every objective shares: identity by id (so settings that name an objective compare
 * equal however it was looked up), and the Wasserstein losses, which all but GAN use.
 */
abstract class NamedObjective implements Objective {
    private final String id;
    private final String summary;

    NamedObjective(String id, String summary) {
        this.id = id;
        this.summary = summary;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String summary() {
        return summary;
    }

    @Override
    public boolean isWasserstein() {
        return true;
    }

    /** {@code mean D(fake) - mean D(real)}: minimising it maximises the critic gap. */
    @Override
    public Var criticLoss(Var dReal, Var dFake) {
        return dFake.mean().sub(dReal.mean());
    }

    /** {@code -mean D(fake)}. */
    @Override
    public Var generatorLoss(Var dFake) {
        return dFake.mean().neg();
    }

    @Override
    public final boolean equals(Object o) {
        return o instanceof Objective other && other.id().equals(id);
    }

    @Override
    public final int hashCode() {
        return id.hashCode();
    }

    @Override
    public final String toString() {
        return id;
    }
}
