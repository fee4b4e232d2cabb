package io.github.jgrad.wgan.cli;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The settings in which two runs differ, named the way a user reads them: "width 16 there, 32
 * asked". Settings are the components of the run's records, nested records included, so a new
 * setting is compared without being listed here.
 */
final class SettingDifferences {
    private SettingDifferences() {
    }

    /**
     * Each differing setting as {@code name stored there, wanted asked}, joined by "; "; both
     * records whole if no single component differs.
     */
    static String between(Record stored, Record wanted) {
        List<String> out = new ArrayList<>();
        collect(stored, wanted, out);
        // Equal settings in unequal records (say, a path written two ways): show both whole.
        return out.isEmpty() ? stored + " there, " + wanted + " asked" : String.join("; ", out);
    }

    private static void collect(Record stored, Record wanted, List<String> out) {
        for (RecordComponent c : stored.getClass().getRecordComponents()) {
            Object a = value(c, stored);
            Object b = value(c, wanted);
            if (a instanceof Record ra && b instanceof Record rb && ra.getClass() == rb.getClass()) {
                collect(ra, rb, out);
            } else if (!Objects.equals(a, b)) {
                out.add(words(c.getName()) + " " + a + " there, " + b + " asked");
            }
        }
    }

    private static Object value(RecordComponent c, Record r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass().getSimpleName(), e);
        }
    }

    /** {@code criticLr} as "critic lr", {@code nCritic} as "n critic". */
    private static String words(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }
}
