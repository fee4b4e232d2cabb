package io.github.jgrad.wgan.cli;

import io.github.jgrad.wgan.train.Objective;
import io.github.jgrad.wgan.train.Objectives;
import java.util.Iterator;

/** The registered objectives' ids, so that {@code --help} lists whatever the registry holds. */
final class ObjectiveNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return Objectives.all().stream().map(Objective::id).iterator();
    }
}
