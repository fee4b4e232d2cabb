package io.github.jgrad.wgan.train;

/**
 * The Wasserstein losses with no Lipschitz control at all, to show why one is needed: the
 * critic's outputs grow without bound. Settings as WGAN-clip's: RMSprop 5e-5, five critic steps.
 */
final class WganObjective extends NamedObjective {
    WganObjective() {
        super("wgan", "Wasserstein losses with no Lipschitz control (critic outputs grow without bound)");
    }

    @Override
    public ObjectiveDefaults defaults(boolean toy) {
        return new ObjectiveDefaults(false, 5e-5, 5, toy ? 0.1 : 10.0, ObjectiveDefaults.CLIP);
    }
}
