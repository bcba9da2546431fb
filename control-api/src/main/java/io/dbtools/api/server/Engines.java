package io.dbtools.api.server;

import io.dbtools.exporter.PluginRegistry;
import java.util.List;
import java.util.Map;

/** The engines a server may declare, and their ports when no plugin on the class path says otherwise. */
public final class Engines {

    public static final List<String> ALL = List.of("cockroachdb", "mongodb", "mssql", "postgres", "snowflake");

    private static final Map<String, Integer> FALLBACK_PORTS = Map.of(
            "postgres", 5432, "cockroachdb", 26257, "mssql", 1433, "mongodb", 27017, "snowflake", 443);

    private final PluginRegistry plugins;

    public Engines(PluginRegistry plugins) {
        this.plugins = plugins;
    }

    public int defaultPort(String engine) {
        return plugins.forEngine(engine).map(p -> p.defaultPort(engine)).orElse(FALLBACK_PORTS.get(engine));
    }

    public PluginRegistry plugins() {
        return plugins;
    }
}
