package io.dbtools.mssql;

import io.dbtools.exporter.testing.Targets;
import io.dbtools.plugin.Deadline;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.plugin.ServerInfo;
import io.dbtools.plugin.Target;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Servers of each supported kind, as SERVERPROPERTY describes them: ProductVersion as each release's RTM build
 * reports it, and the fixed 12.0.2000.8 that Azure SQL Database and Managed Instance report.
 */
public final class Servers {

    public static final ServerInfo SQL2016 = MsServer.of("13.0.1601.5", 3, "Enterprise Edition (64-bit)", false);
    public static final ServerInfo SQL2017 = MsServer.of("14.0.1000.169", 3, "Enterprise Edition (64-bit)", false);
    public static final ServerInfo SQL2019 = MsServer.of("15.0.2000.5", 2, "Standard Edition (64-bit)", true);
    public static final ServerInfo SQL2022 = MsServer.of("16.0.1000.6", 3, "Developer Edition (64-bit)", true);
    public static final ServerInfo MANAGED_INSTANCE = MsServer.of("12.0.2000.8", 8, "SQL Azure", true);
    public static final ServerInfo AZURE_SQL_DATABASE = MsServer.of("12.0.2000.8", 5, "SQL Azure", false);

    public static final List<ServerInfo> ALL = List.of(SQL2016, SQL2017, SQL2019, SQL2022, MANAGED_INSTANCE, AZURE_SQL_DATABASE);

    private Servers() {}

    public static String name(ServerInfo s) {
        return s.flavor() + " " + s.versionText() + " edition " + s.extra().get("engine_edition");
    }

    public static Target target(Map<String, String> options) {
        Target t = Targets.of("sql1", "mssql", "127.0.0.1", 1433, null, "monitor", "pw");
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
