package io.dbtools.plugin;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * One database engine's knowledge: how to connect, identify the server, check
 * permissions and collect metrics. Discovered with {@link java.util.ServiceLoader};
 * the exporter uses it to collect, the control API to test connections.
 */
public interface EnginePlugin {

    /** Short id of the plugin module, e.g. {@code postgres}. */
    String id();

    /** Engine names a target may declare and this plugin serves, e.g. {@code postgres, cockroachdb}. */
    Set<String> engines();

    /** Default port for an engine this plugin serves. */
    int defaultPort(String engine);

    /** Every collector this plugin offers, for validation, docs and per-target selection. */
    List<CollectorInfo> collectors();

    /** A session for one target. Cheap: it connects lazily on the first scrape. */
    TargetSession<?> open(Target target);

    /**
     * Connects once, identifies the server and checks permissions, all within the deadline.
     * Never throws: every failure is classified in the returned check.
     */
    ConnectionCheck testConnection(Target target, Duration deadline);
}
