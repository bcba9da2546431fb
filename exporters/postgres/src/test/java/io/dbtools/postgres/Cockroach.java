package io.dbtools.postgres;

import io.dbtools.exporter.testing.Targets;
import io.dbtools.plugin.Deadline;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.plugin.ServerInfo;
import io.dbtools.plugin.Target;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** CockroachDB servers as {@link PgIdentity} reads them from their {@code version()} banners. */
public final class Cockroach {

    private Cockroach() {}

    /** The banner CockroachDB prints for a release, in the documented form. */
    public static String banner(String version) {
        return "CockroachDB CCL v" + version + " (x86_64-pc-linux-gnu, built 2023/09/27 01:53:43, go1.19.10)";
    }

    public static ServerInfo server(String version) {
        // CockroachDB reports server_version 13.0.0 for its PostgreSQL compatibility level.
        return PgIdentity.fromBanner(banner(version), "13.0.0");
    }

    public static Target target(Map<String, String> options) {
        Target t = Targets.of("crdb1", "cockroachdb", "127.0.0.1", 26257, "defaultdb", "monitor", "pw");
        return new Target(t.name(), t.tenant(), t.server(), t.engine(), t.host(), t.port(), t.database(), t.credentials(),
                t.tls(), t.collectors(), options, t.labels());
    }

    public static ScrapeContext context(ServerInfo server, Map<String, String> options) {
        return new ScrapeContext(server, Deadline.after(Duration.ofSeconds(10), Clock.systemUTC()), target(options));
    }

    public static ScrapeContext context(ServerInfo server) {
        return context(server, Map.of());
    }
}
