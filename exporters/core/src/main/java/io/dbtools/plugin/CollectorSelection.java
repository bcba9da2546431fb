package io.dbtools.plugin;

import java.util.Set;

/**
 * Which collectors run for a target: the plugin's defaults, plus {@code include}, minus {@code exclude}.
 * An {@code only} list, when given, replaces the defaults entirely.
 */
public record CollectorSelection(Set<String> only, Set<String> include, Set<String> exclude) {

    public static final CollectorSelection DEFAULTS = new CollectorSelection(Set.of(), Set.of(), Set.of());

    public CollectorSelection {
        only = Set.copyOf(only);
        include = Set.copyOf(include);
        exclude = Set.copyOf(exclude);
    }

    public boolean runs(CollectorInfo collector) {
        if (exclude.contains(collector.name())) return false;
        if (!only.isEmpty()) return only.contains(collector.name());
        return collector.enabledByDefault() || include.contains(collector.name());
    }
}
