package io.dbtools.exporter;

import io.dbtools.plugin.EnginePlugin;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Engine name → plugin, from what {@link ServiceLoader} finds on the class path. */
public final class PluginRegistry {

    private final Map<String, EnginePlugin> byEngine;

    public PluginRegistry(List<EnginePlugin> plugins) {
        Map<String, EnginePlugin> map = new TreeMap<>();
        for (EnginePlugin p : plugins) {
            for (String engine : p.engines()) {
                EnginePlugin previous = map.putIfAbsent(engine, p);
                if (previous != null) {
                    throw new IllegalStateException("engine " + engine + " is served by both "
                            + previous.id() + " and " + p.id());
                }
            }
        }
        this.byEngine = Map.copyOf(map);
    }

    public static PluginRegistry discover() {
        return new PluginRegistry(ServiceLoader.load(EnginePlugin.class).stream().map(ServiceLoader.Provider::get).toList());
    }

    public Optional<EnginePlugin> forEngine(String engine) {
        return Optional.ofNullable(byEngine.get(engine));
    }

    /** Known engine names, sorted, for error messages. */
    public List<String> engines() {
        return byEngine.keySet().stream().sorted().toList();
    }
}
