package io.github.jgrad.wgan.train;

import io.github.jgrad.autodiff.Var;
import java.util.Locale;

/**
 * The four training objectives, differing in the critic's loss, the generator's loss and how
 * (or whether) the critic is kept Lipschitz. See REFERENCE.md for the settings of each.
 *
 * <ul>
 *   <li>{@link #GAN}: the Jensen-Shannon baseline; the critic is a classifier on logits, the
 *       generator uses the non-saturating loss.</li>
 *   <li>{@link #WGAN}: the Wasserstein losses with no Lipschitz control at all, to show why one
 *       is needed: the critic's outputs grow without bound.</li>
 *   <li>{@link #WGAN_CLIP}: weights clamped to {@code [-c, c]} after every critic step.</li>
 *   <li>{@link #WGAN_GP}: a gradient penalty at random interpolates between real and fake.</li>
 * </ul>
 */
public enum Objective {
    /** Jensen-Shannon GAN with the non-saturating generator loss. */
    GAN("gan"),
    /** Wasserstein losses, unconstrained critic. */
    WGAN("wgan"),
    /** Wasserstein losses, weight clipping. */
    WGAN_CLIP("wgan-clip"),
    /** Wasserstein losses, gradient penalty. */
    WGAN_GP("wgan-gp");

    private final String id;

    Objective(String id) {
        this.id = id;
    }

    /** The name used on the command line. */
    public String id() {
        return id;
    }

    /** The objective with the given command-line name. */
    public static Objective fromId(String id) {
        for (Objective o : values()) {
            if (o.id.equals(id.toLowerCase(Locale.ROOT))) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown objective '" + id + "'; choose one of gan, wgan, wgan-clip, wgan-gp");
    }

    /** True for the three objectives that estimate a Wasserstein distance. */
    public boolean isWasserstein() {
        return this != GAN;
    }

    /**
     * The critic's loss from its outputs on a real and a fake batch (before any penalty):
     * {@code mean D(fake) - mean D(real)} for the Wasserstein objectives, binary cross-entropy
     * on logits (real -> 1, fake -> 0) for GAN, written as {@code softplus(-D(real)) +
     * softplus(D(fake))} which is that cross-entropy without overflow.
     */
    public Var criticLoss(Var dReal, Var dFake) {
        if (this == GAN) {
            return dReal.neg().softplus().mean().add(dFake.softplus().mean());
        }
        return dFake.mean().sub(dReal.mean());
    }

    /**
     * The generator's loss from the critic's output on a fake batch: {@code -mean D(fake)} for
     * the Wasserstein objectives, the non-saturating {@code softplus(-D(fake))} (cross-entropy
     * with target 1) for GAN.
     */
    public Var generatorLoss(Var dFake) {
        if (this == GAN) {
            return dFake.neg().softplus().mean();
        }
        return dFake.mean().neg();
    }
}
