package io.github.jgrad.wgan.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The registry of objectives: the one list that the trainer, the command line and the docs read. */
public final class Objectives {
    private static final List<Objective> ALL = List.of(
            Objective.GAN,
            Objective.WGAN,
            Objective.WGAN_CLIP,
            Objective.WGAN_GP,
            new WganLpObjective(),
            new SnWganObjective(),
            new R1Objective());

    private Objectives() {
    }

    /** Every registered objective. */
    public static List<Objective> all() {
        return ALL;
    }

    /** Their ids, comma-separated, for help texts and errors. */
    public static String ids() {
        List<String> ids = new ArrayList<>();
        for (Objective o : ALL) {
            ids.add(o.id());
        }
        return String.join(", ", ids);
    }

    /**
     * The objective named {@code id} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the registered ones if there is none
     */
    public static Objective fromId(String id) {
        String key = id.trim().toLowerCase(Locale.ROOT);
        for (Objective o : ALL) {
            if (o.id().equals(key)) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown objective '" + id + "'; choose one of " + ids());
    }
}
