package io.dbtools.exporter;

import io.dbtools.plugin.Target;
import java.util.List;
import java.util.Optional;

/** Where the exporter learns its targets: a file, or the control API's target lookup. */
public interface TargetSource {

    /** Targets scraped by {@code /metrics}. */
    List<Target> all();

    /** The target {@code /probe?target=name} asks for. */
    Optional<Target> find(String name);

    /** A fixed list, e.g. read from {@code targets.yml}. */
    static TargetSource of(List<Target> targets) {
        return new TargetSource() {
            @Override
            public List<Target> all() {
                return targets;
            }

            @Override
            public Optional<Target> find(String name) {
                return targets.stream().filter(t -> t.name().equals(name)).findFirst();
            }
        };
    }
}
