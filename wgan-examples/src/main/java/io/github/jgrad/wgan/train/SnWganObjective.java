package io.github.jgrad.wgan.train;

import io.github.jgrad.nn.Module;
import io.github.jgrad.nn.Sequential;
import io.github.jgrad.nn.SpectralNorm;
import io.github.jgrad.nn.WeightedLayer;
import io.github.jgrad.tensor.Rng;
import java.util.ArrayList;
import java.util.List;

/**
 * SN-WGAN (Miyato et al. 2018): the Wasserstein losses with spectral normalisation on every
 * critic layer that has a weight, and no penalty. Each layer then has spectral norm 1 and the
 * activations are 1-Lipschitz, so the critic is 1-Lipschitz by construction (often less: the
 * bound multiplies per-layer bounds that are rarely tight together). Reference settings: the
 * paper's setting A, Adam 1e-4, betas (0.5, 0.9), five critic steps, one power iteration per
 * step.
 */
final class SnWganObjective extends NamedObjective {
    SnWganObjective() {
        super("sn-wgan", "Wasserstein losses, spectral normalisation on every critic layer, no penalty");
    }

    @Override
    public ObjectiveDefaults defaults(boolean toy) {
        return new ObjectiveDefaults(true, 1e-4, 5, toy ? 0.1 : 10.0, ObjectiveDefaults.CLIP);
    }

    /** The same layers, each weighted one wrapped in a {@link SpectralNorm} (its vectors drawn from {@code rng}). */
    @Override
    public Module prepareCritic(Module critic, Rng rng) {
        if (critic instanceof WeightedLayer w) {
            return new SpectralNorm(w, rng);
        }
        if (critic instanceof Sequential s) {
            List<Module> layers = new ArrayList<>();
            for (Module m : s.layers()) {
                layers.add(prepareCritic(m, rng));
            }
            return new Sequential(layers.toArray(new Module[0]));
        }
        return critic;
    }
}
