package io.dbtools.mssql;

import io.dbtools.mssql.collector.MsCollectors;
import io.dbtools.plugin.Collector;
import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.ConnectionCheck;
import io.dbtools.plugin.EnginePlugin;
import io.dbtools.plugin.FailureKind;
import io.dbtools.plugin.ServerInfo;
import io.dbtools.plugin.Target;
import io.dbtools.plugin.TargetSession;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** SQL Server 2016–2022 (Windows and Linux), Azure SQL Managed Instance and Azure SQL Database. */
public final class MssqlPlugin implements EnginePlugin {

    /** SQL Server 2016: the oldest major version the collectors are written for. */
    static final int MIN_MAJOR = 13;
    /** A connection test never takes longer than this, whatever the caller allows. */
    static final Duration TEST_CEILING = Duration.ofSeconds(10);

    private final Clock clock;
    private final List<Collector<MsSource>> collectors;

    /** Used by {@link java.util.ServiceLoader}. */
    public MssqlPlugin() {
        this(Clock.systemUTC());
    }

    public MssqlPlugin(Clock clock) {
        this.clock = clock;
        this.collectors = MsCollectors.all();
    }

    @Override
    public String id() {
        return "mssql";
    }

    @Override
    public Set<String> engines() {
        return Set.of("mssql");
    }

    @Override
    public int defaultPort(String engine) {
        return 1433;
    }

    @Override
    public List<CollectorInfo> collectors() {
        return collectors.stream().map(Collector::info).toList();
    }

    @Override
    public TargetSession<MsSource> open(Target target) {
        return new MsSession(target, collectors, clock);
    }

    @Override
    public ConnectionCheck testConnection(Target target, Duration deadline) {
        long start = System.nanoTime();
        Duration budget = deadline.compareTo(TEST_CEILING) > 0 ? TEST_CEILING : deadline;
        try {
            var properties = MsConnections.properties(target, budget);
            // The identity and permission queries share the same ceiling as the login.
            properties.setProperty("queryTimeout", String.valueOf(Math.max(1, budget.toSeconds())));
            try (Connection c = DriverManager.getConnection(MsConnections.url(target), properties)) {
                ServerInfo server = MsIdentity.read(c);
                String unsupported = unsupported(server);
                if (unsupported != null) {
                    return new ConnectionCheck.Failed(FailureKind.UNSUPPORTED_VERSION, unsupported, took(start));
                }
                List<String> missing = MsPermissions.missing(c, server, target);
                return new ConnectionCheck.Ok(server, missing, took(start));
            }
        } catch (SQLException | RuntimeException e) {
            var classified = MsErrors.classify(e);
            return new ConnectionCheck.Failed(classified.kind(), classified.getMessage(), took(start));
        }
    }

    /** Why the server cannot be monitored, or null. Azure reports a frozen 12.0 version and is always current. */
    static String unsupported(ServerInfo server) {
        if (MsServer.FLAVOR.equals(server.flavor()) && server.version().major() < MIN_MAJOR) {
            return "SQL Server " + server.versionText() + " (" + MsServer.year(server.version().major())
                    + ") is older than SQL Server 2016, the oldest supported";
        }
        return null;
    }

    private static Duration took(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
