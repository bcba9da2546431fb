package io.dbtools.plugin;

import java.time.Duration;
import java.util.List;

/** The outcome of {@link EnginePlugin#testConnection}: what the server is, or why it could not be used. */
public sealed interface ConnectionCheck {

    Duration took();

    /**
     * Connected and identified. {@code missingPermissions} names each grant monitoring needs and
     * lacks (e.g. {@code pg_monitor}, {@code VIEW SERVER STATE}); empty when all is granted.
     */
    record Ok(ServerInfo server, List<String> missingPermissions, Duration took) implements ConnectionCheck {
        public Ok {
            missingPermissions = List.copyOf(missingPermissions);
        }

        public boolean fullyPermitted() {
            return missingPermissions.isEmpty();
        }
    }

    record Failed(FailureKind kind, String message, Duration took) implements ConnectionCheck {}
}
