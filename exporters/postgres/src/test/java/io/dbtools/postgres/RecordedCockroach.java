package io.dbtools.postgres;

import static io.dbtools.postgres.RecordedRows.Column.absent;
import static io.dbtools.postgres.RecordedRows.Column.intervalSeconds;
import static io.dbtools.postgres.RecordedRows.Column.of;
import static io.dbtools.postgres.RecordedRows.Column.renamed;

import io.dbtools.plugin.Collector;
import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.ConnectionCheck;
import io.dbtools.plugin.Deadline;
import io.dbtools.plugin.EnginePlugin;
import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.plugin.ServerInfo;
import io.dbtools.plugin.Target;
import io.dbtools.plugin.TargetSession;
import io.dbtools.postgres.collector.CrdbCollector;
import io.dbtools.postgres.collector.PgCollectors;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A CockroachDB target for the real exporter runtime: the plugin's own collector list (PostgreSQL and
 * CockroachDB ones, gated as in production) reading recorded rows instead of a server. A PostgreSQL collector
 * that the runtime lets run against it fails the scrape loudly.
 */
public final class RecordedCockroach implements EnginePlugin {

    private final ServerInfo server;

    public RecordedCockroach(ServerInfo server) {
        this.server = server;
    }

    /**
     * Every table the CockroachDB collectors read: nodes and contention from the recordings, the others from
     * constructed rows (no recording of their query's shape exists).
     */
    public static RecordedSource source() throws SQLException {
        var nodes = RecordedRows.resultSet(RecordedRows.example("node-status-doc-examples.json", 2, "node status"),
                renamed("node_id", Types.BIGINT, "id"), of("build", Types.VARCHAR), of("is_live", Types.BOOLEAN),
                absent("draining", Types.BOOLEAN), absent("decommissioning", Types.BOOLEAN), absent("membership", Types.VARCHAR));
        var contention = RecordedRows.resultSet(RecordedRows.example("crdb_internal-doc-examples.json", 27, "transaction_contention_events"),
                of("database_name", Types.VARCHAR), of("table_name", Types.VARCHAR), of("index_name", Types.VARCHAR),
                of("contention_type", Types.VARCHAR), of("cnt", Types.BIGINT), intervalSeconds("duration_seconds", "duration"));
        var sessions = RecordedRows.resultSet(RecordedRows.constructed(new String[] {"status", "sessions"},
                new String[] {"ACTIVE", "3"}, new String[] {"IDLE", "9"}), of("status", Types.VARCHAR), of("sessions", Types.BIGINT));
        var queries = RecordedRows.resultSet(RecordedRows.constructed(new String[] {"phase", "queries", "oldest_seconds"},
                        new String[] {"executing", "2", "4.5"}),
                of("phase", Types.VARCHAR), of("queries", Types.BIGINT), of("oldest_seconds", Types.DOUBLE));
        var locks = RecordedRows.resultSet(RecordedRows.constructed(new String[] {"blocked", "waits", "longest_wait_seconds"},
                        new String[] {"1", "1", "1.236359"}),
                of("blocked", Types.BIGINT), of("waits", Types.BIGINT), of("longest_wait_seconds", Types.DOUBLE));
        var stores = RecordedRows.resultSet(RecordedRows.constructed(
                        new String[] {"node_id", "store_id", "ranges", "unavailable", "under_replicated", "over_replicated", "capacity",
                                "available", "used"},
                        new String[] {"1", "1", "64", "0", "1", "0", "107374182400", "90000000000", "17374182400"}),
                of("node_id", Types.BIGINT), of("store_id", Types.BIGINT), of("ranges", Types.DOUBLE), of("unavailable", Types.DOUBLE),
                of("under_replicated", Types.DOUBLE), of("over_replicated", Types.DOUBLE), of("capacity", Types.BIGINT),
                of("available", Types.BIGINT), of("used", Types.BIGINT));
        var statements = RecordedRows.resultSet(RecordedRows.constructed(
                        new String[] {"fingerprint_id", "executions", "service_seconds", "rows", "rows_read"},
                        new String[] {"15489d7704332101", "12199", "53.56", "12199", "0"}, new String[] {"other", "900", "2.5", "1500", "30000"}),
                of("fingerprint_id", Types.VARCHAR), of("executions", Types.DOUBLE), of("service_seconds", Types.DOUBLE),
                of("rows", Types.DOUBLE), of("rows_read", Types.DOUBLE));
        return new RecordedSource()
                .answer("crdb_internal.gossip_liveness", nodes)
                .answer("crdb_internal.transaction_contention_events", contention)
                .answer("crdb_internal.cluster_sessions", sessions)
                .answer("crdb_internal.cluster_queries", queries)
                .answer("crdb_internal.cluster_locks", locks)
                .answer("crdb_internal.kv_store_status", stores)
                .answer("crdb_internal.statement_statistics", statements);
    }

    @Override
    public String id() {
        return "postgres";
    }

    @Override
    public Set<String> engines() {
        return Set.of("cockroachdb");
    }

    @Override
    public int defaultPort(String engine) {
        return 26257;
    }

    @Override
    public List<CollectorInfo> collectors() {
        return PgCollectors.all().stream().map(Collector::info).toList();
    }

    @Override
    public TargetSession<PgQueries> open(Target target) {
        RecordedSource source;
        try {
            source = source();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        List<Collector<PgQueries>> collectors = PgCollectors.all().stream().map(RecordedCockroach::adapt).toList();
        return new TargetSession<>() {
            @Override
            public ServerInfo identify(Deadline deadline) {
                return server;
            }

            @Override
            public PgQueries source() {
                return source;
            }

            @Override
            public List<Collector<PgQueries>> collectors() {
                return collectors;
            }

            @Override
            public void close() {}
        };
    }

    private static Collector<PgQueries> adapt(Collector<PgSource> c) {
        return new Collector<>() {
            @Override
            public CollectorInfo info() {
                return c.info();
            }

            @Override
            public boolean supports(ServerInfo server) {
                return c.supports(server);
            }

            @Override
            public void collect(PgQueries source, ScrapeContext context, MetricSink sink) throws Exception {
                if (!(c instanceof CrdbCollector crdb)) {
                    throw new AssertionError("PostgreSQL collector " + c.info().name() + " ran against CockroachDB");
                }
                crdb.collect(source, context, sink);
            }
        };
    }

    @Override
    public ConnectionCheck testConnection(Target target, Duration deadline) {
        return new ConnectionCheck.Ok(server, List.of(), Duration.ZERO);
    }
}
