package io.dbtools.exporter.testing;

import io.dbtools.plugin.CollectorSelection;
import io.dbtools.plugin.SecretRef;
import io.dbtools.plugin.Target;
import java.util.Map;

/** Builds targets for tests. */
public final class Targets {

    private Targets() {}

    public static Target of(String name, String engine, String host, int port, String database, String user, String password) {
        return new Target(name, "acme", name, engine, host, port, database,
                Target.Credentials.password(user, SecretRef.literal(password)), Target.Tls.PREFER,
                CollectorSelection.DEFAULTS, Map.of(), Map.of());
    }

    public static Target fake(String name) {
        return of(name, "fake", "localhost", 1234, null, "u", "p");
    }
}
