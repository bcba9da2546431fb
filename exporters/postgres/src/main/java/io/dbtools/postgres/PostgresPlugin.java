package io.dbtools.postgres;

import io.dbtools.plugin.Collector;
import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.ConnectionCheck;
import io.dbtools.plugin.EnginePlugin;
import io.dbtools.plugin.FailureKind;
import io.dbtools.plugin.ServerInfo;
import io.dbtools.plugin.Target;
import io.dbtools.plugin.TargetSession;
import io.dbtools.postgres.collector.CrdbCollector;
import io.dbtools.postgres.collector.PgCollectors;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/** PostgreSQL 12–17, and CockroachDB 23.1+ through its PostgreSQL wire protocol, with collectors of its own. */
public final class PostgresPlugin implements EnginePlugin {

    /** The oldest major version the collectors are written and tested for. */
    static final int MIN_MAJOR = 12;

    private final Clock clock;
    /**
     * One housekeeping thread for every target's pool. Hikari otherwise starts a thread per pool,
     * which is 2,000 idle threads for an exporter with 2,000 targets.
     */
    private final ScheduledExecutorService housekeeping = housekeeping();
    private final List<Collector<PgSource>> collectors;

    /** Used by {@link java.util.ServiceLoader}. */
    public PostgresPlugin() {
        this(Clock.systemUTC());
    }

    public PostgresPlugin(Clock clock) {
        this.clock = clock;
        this.collectors = PgCollectors.all();
    }

    private static ScheduledExecutorService housekeeping() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "dbtools-postgres-pool-housekeeping");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true); // closed pools cancel their task; don't keep it queued
        return executor;
    }

    @Override
    public String id() {
        return "postgres";
    }

    @Override
    public Set<String> engines() {
        return Set.of("postgres", "cockroachdb");
    }

    @Override
    public int defaultPort(String engine) {
        return "cockroachdb".equals(engine) ? 26257 : 5432;
    }

    @Override
    public List<CollectorInfo> collectors() {
        return collectors.stream().map(Collector::info).toList();
    }

    @Override
    public TargetSession<PgSource> open(Target target) {
        return new PgSession(target, collectors, clock, housekeeping);
    }

    @Override
    public ConnectionCheck testConnection(Target target, Duration deadline) {
        long start = System.nanoTime();
        try {
            DriverManager.setLoginTimeout((int) Math.max(1, deadline.toSeconds()));
            try (Connection c = DriverManager.getConnection(PgConnections.url(target), PgConnections.properties(target, deadline))) {
                c.setReadOnly(true);
                ServerInfo server = PgIdentity.read(c);
                if ("postgres".equals(server.flavor()) && server.version().major() < MIN_MAJOR) {
                    return new ConnectionCheck.Failed(FailureKind.UNSUPPORTED_VERSION,
                            "PostgreSQL " + server.versionText() + " is older than " + MIN_MAJOR + ", the oldest supported",
                            took(start));
                }
                if ("cockroachdb".equals(server.flavor())
                        && !server.atLeast(CrdbCollector.MIN_MAJOR, CrdbCollector.MIN_MINOR)) {
                    return new ConnectionCheck.Failed(FailureKind.UNSUPPORTED_VERSION,
                            "CockroachDB " + server.versionText() + " is older than " + CrdbCollector.MIN_MAJOR + "."
                                    + CrdbCollector.MIN_MINOR + ", the oldest supported",
                            took(start));
                }
                List<String> missing = PgPermissions.missing(c, server, target);
                return new ConnectionCheck.Ok(server, missing, took(start));
            }
        } catch (SQLException | RuntimeException e) {
            var classified = PgErrors.classify(e);
            return new ConnectionCheck.Failed(classified.kind(), classified.getMessage(), took(start));
        }
    }

    private static Duration took(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
