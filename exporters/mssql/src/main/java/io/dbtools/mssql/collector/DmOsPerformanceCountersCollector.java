package io.dbtools.mssql.collector;

import io.dbtools.mssql.MsSource;
import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.plugin.ServerInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code sys.dm_os_performance_counters}: the counters a DBA watches first. {@code cntr_type} decides the metric
 * type: 272696576 (PERF_COUNTER_BULK_COUNT) is cumulative since start despite the "/sec" name, so it becomes a
 * {@code _total} counter; 65792 (PERF_COUNTER_LARGE_RAWCOUNT) is a point-in-time value, a gauge. A row whose type
 * does not match the mapping's expectation is skipped rather than exposed with the wrong semantics.
 */
public final class DmOsPerformanceCountersCollector extends MsCollector {

    private static final String SQL = Sql.load("dm_os_performance_counters.sql");
    static final long BULK_COUNT = 272696576L;
    static final long LARGE_RAWCOUNT = 65792L;
    static final String LOG_SIZE = "dbtools_mssql_database_log_size_bytes";
    static final String LOG_USED = "dbtools_mssql_database_log_used_bytes";
    static final String LOG_USED_RATIO = "dbtools_mssql_database_log_used_ratio";

    /**
     * @param object object_name after its instance prefix ({@code SQLServer:} or {@code MSSQL$NAME:})
     * @param instance the instance_name to read, or null for one series per database (label {@code database})
     */
    record Mapping(String object, String counter, String instance, long type, String metric, String help, double scale) {}

    static final List<Mapping> MAPPINGS = List.of(
            new Mapping("SQL Statistics", "Batch Requests/sec", "", BULK_COUNT,
                    "dbtools_mssql_batch_requests_total", "T-SQL batches received.", 1),
            new Mapping("SQL Statistics", "SQL Compilations/sec", "", BULK_COUNT,
                    "dbtools_mssql_sql_compilations_total", "Query compilations (includes recompilations).", 1),
            new Mapping("SQL Statistics", "SQL Re-Compilations/sec", "", BULK_COUNT,
                    "dbtools_mssql_sql_recompilations_total", "Statement recompilations.", 1),
            new Mapping("Locks", "Number of Deadlocks/sec", "_Total", BULK_COUNT,
                    "dbtools_mssql_deadlocks_total", "Lock requests that ended in a deadlock.", 1),
            new Mapping("Locks", "Lock Waits/sec", "_Total", BULK_COUNT,
                    "dbtools_mssql_lock_waits_total", "Lock requests that had to wait.", 1),
            new Mapping("Buffer Manager", "Page reads/sec", "", BULK_COUNT,
                    "dbtools_mssql_page_reads_total", "Physical database page reads.", 1),
            new Mapping("Buffer Manager", "Page writes/sec", "", BULK_COUNT,
                    "dbtools_mssql_page_writes_total", "Physical database page writes.", 1),
            new Mapping("Buffer Manager", "Page life expectancy", "", LARGE_RAWCOUNT,
                    "dbtools_mssql_page_life_expectancy_seconds", "Seconds a page is expected to stay in the buffer pool.", 1),
            new Mapping("Memory Manager", "Memory Grants Pending", "", LARGE_RAWCOUNT,
                    "dbtools_mssql_memory_grants_pending", "Queries waiting for a workspace memory grant.", 1),
            new Mapping("General Statistics", "User Connections", "", LARGE_RAWCOUNT,
                    "dbtools_mssql_user_connections", "User connections as the engine counts them.", 1),
            new Mapping("Databases", "Transactions/sec", "_Total", BULK_COUNT,
                    "dbtools_mssql_transactions_total", "Transactions started, all databases.", 1),
            new Mapping("Databases", "Log File(s) Size (KB)", null, LARGE_RAWCOUNT,
                    LOG_SIZE, "Size of the database's transaction log files.", 1024),
            new Mapping("Databases", "Log File(s) Used Size (KB)", null, LARGE_RAWCOUNT,
                    LOG_USED, "Log space in use (what DBCC SQLPERF(LOGSPACE) shows, without DBCC).", 1024));

    public DmOsPerformanceCountersCollector() {
        super(CollectorInfo.everyScrape("dm_os_performance_counters",
                "batch requests, compilations, deadlocks, page life expectancy, memory grants pending, log space"));
    }

    @Override
    public String sql(ServerInfo server) {
        return SQL;
    }

    @Override
    public void collect(MsSource source, ScrapeContext ctx, MetricSink sink) throws Exception {
        Map<String, double[]> logs = new HashMap<>(); // database → {size, used}
        source.query(ctx, sql(ctx.server()), rs -> {
            Mapping m = find(rs.getString("object_name"), rs.getString("counter_name"), rs.getString("instance_name"));
            if (m == null || rs.getLong("cntr_type") != m.type()) return;
            double value = rs.getDouble("cntr_value") * m.scale();
            if (m.instance() == null) {
                String db = rs.getString("instance_name").strip();
                sink.gauge(m.metric(), m.help(), value, "database", db);
                logs.computeIfAbsent(db, d -> new double[2])[LOG_SIZE.equals(m.metric()) ? 0 : 1] = value;
            } else if (m.type() == BULK_COUNT) {
                sink.counter(m.metric(), m.help(), value);
            } else {
                sink.gauge(m.metric(), m.help(), value);
            }
        });
        logs.forEach((db, v) -> {
            if (v[0] > 0) {
                sink.gauge(LOG_USED_RATIO, "Share of the transaction log in use, 0..1.", v[1] / v[0], "database", db);
            }
        });
    }

    /** Object names carry the instance as a prefix ("SQLServer:Locks", "MSSQL$SALES:Locks"); values are space-padded. */
    static Mapping find(String objectName, String counter, String instance) {
        String object = objectName.strip();
        object = object.substring(object.indexOf(':') + 1);
        String c = counter.strip();
        String i = instance == null ? "" : instance.strip();
        for (Mapping m : MAPPINGS) {
            if (!m.object().equals(object) || !m.counter().equals(c)) continue;
            if (m.instance() == null ? isDatabase(i) : m.instance().equals(i)) return m;
        }
        return null;
    }

    /** Per-database rows, without the roll-up and the hidden resource database. */
    private static boolean isDatabase(String instance) {
        return !instance.isEmpty() && !instance.equals("_Total") && !instance.equals("mssqlsystemresource");
    }
}
