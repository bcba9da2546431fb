package io.dbtools.mssql.collector;

import static io.dbtools.mssql.RecordedRows.Column.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.exporter.SampleBuffer;
import io.dbtools.mssql.RecordedRows;
import io.dbtools.mssql.RecordedRows.Column;
import io.dbtools.mssql.RecordedSource;
import io.dbtools.exporter.testing.Samples;
import io.dbtools.mssql.Servers;
import io.dbtools.plugin.CoreMetrics;
import io.dbtools.plugin.ServerInfo;
import java.sql.Types;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Collectors for which no recorded response exists (sessions, databases, backups, Availability Groups, Agent jobs,
 * Azure resource stats). The rows here are CONSTRUCTED to exercise the mapping; they are not SQL Server's values.
 * {@link RecordedSource} checks that every column given is one the collector's SQL selects, so a renamed alias
 * cannot slip through.
 */
class UnrecordedCollectorsTest {

    private static SampleBuffer run(MsCollector collector, ServerInfo server, List<Map<String, String>> rows, Column... columns)
            throws Exception {
        var sink = new SampleBuffer();
        collector.collect(new RecordedSource(RecordedRows.resultSet(rows, columns)), Servers.context(server), sink);
        return sink;
    }

    private static Map<String, String> row(String... pairs) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) m.put(pairs[i], pairs[i + 1]);
        return m;
    }

    @Test
    void sessions_by_status_add_up_to_connections_used_and_the_limit_is_max_connections() throws Exception {
        var sink = run(new DmExecSessionsCollector(), Servers.SQL2019,
                List.of(row("status", "running", "sessions", "3", "max_connections", "32767"),
                        row("status", "sleeping", "sessions", "40", "max_connections", "32767")),
                of("status", Types.NVARCHAR), of("sessions", Types.INTEGER), of("max_connections", Types.INTEGER));
        assertEquals(43, Samples.value(sink, CoreMetrics.CONNECTIONS_USED));
        assertEquals(32767, Samples.value(sink, CoreMetrics.CONNECTIONS_MAX));
        assertEquals(40, Samples.value(sink, "dbtools_mssql_sessions", "status", "sleeping"));
    }

    @Test
    void database_size_is_data_plus_log_and_state_is_a_label() throws Exception {
        var sink = run(new SysDatabasesCollector(), Servers.SQL2017,
                List.of(row("database_name", "sales", "state_desc", "ONLINE", "data_bytes", "8388608", "log_bytes", "2097152")),
                of("database_name", Types.NVARCHAR), of("state_desc", Types.NVARCHAR), of("data_bytes", Types.BIGINT),
                of("log_bytes", Types.BIGINT));
        assertEquals(10485760, Samples.value(sink, CoreMetrics.DATABASE_SIZE_BYTES, "database", "sales"));
        assertEquals(1, Samples.value(sink, "dbtools_mssql_database_state", "database", "sales", "state", "ONLINE"));
    }

    @Test
    void backup_types_are_named_and_file_backups_are_left_out() throws Exception {
        var sink = run(new BackupsetCollector(), Servers.SQL2016,
                List.of(row("database_name", "sales", "type", "D", "finished_epoch_seconds", "1700000000"),
                        row("database_name", "sales", "type", "L", "finished_epoch_seconds", "1700003600"),
                        row("database_name", "sales", "type", "F", "finished_epoch_seconds", "1700000100"),
                        row("database_name", "new_db", "type", "D", "finished_epoch_seconds", "0")),
                of("database_name", Types.NVARCHAR), of("type", Types.CHAR), of("finished_epoch_seconds", Types.BIGINT));
        assertEquals(1700000000, Samples.value(sink, CoreMetrics.LAST_BACKUP_TIMESTAMP, "database", "sales", "type", "full"));
        assertEquals(1700003600, Samples.value(sink, CoreMetrics.LAST_BACKUP_TIMESTAMP, "database", "sales", "type", "log"));
        assertEquals(0, Samples.value(sink, CoreMetrics.LAST_BACKUP_TIMESTAMP, "database", "new_db", "type", "full"));
        assertEquals(3, Samples.of(sink, CoreMetrics.LAST_BACKUP_TIMESTAMP).size());
    }

    @Test
    void ag_queues_are_bytes_and_lag_is_emitted_only_where_the_server_reports_it() throws Exception {
        var sink = run(new DmHadrDatabaseReplicaStatesCollector(), Servers.SQL2022,
                List.of(row("ag_name", "ag1", "replica_server_name", "sql-a", "database_name", "sales", "is_primary_replica", "1",
                                "synchronization_health", "2", "log_send_queue_kb", null, "redo_queue_kb", null, "secondary_lag_seconds", null),
                        row("ag_name", "ag1", "replica_server_name", "sql-b", "database_name", "sales", "is_primary_replica", "0",
                                "synchronization_health", "1", "log_send_queue_kb", "120", "redo_queue_kb", "64", "secondary_lag_seconds", "7")),
                of("ag_name", Types.NVARCHAR), of("replica_server_name", Types.NVARCHAR), of("database_name", Types.NVARCHAR),
                of("is_primary_replica", Types.BIT), of("synchronization_health", Types.TINYINT), of("log_send_queue_kb", Types.BIGINT),
                of("redo_queue_kb", Types.BIGINT), of("secondary_lag_seconds", Types.BIGINT));
        String[] secondary = {"availability_group", "ag1", "replica", "sql-b", "database", "sales"};
        assertEquals(120 * 1024, Samples.value(sink, "dbtools_mssql_ag_log_send_queue_bytes", secondary));
        assertEquals(7, Samples.value(sink, "dbtools_mssql_ag_secondary_lag_seconds", secondary));
        assertEquals(1, Samples.of(sink, "dbtools_mssql_ag_secondary_lag_seconds").size(), "the primary has no lag of its own");
        assertEquals(7, Samples.value(sink, CoreMetrics.REPLICATION_LAG_SECONDS), "normalized: the worst secondary, unlabelled");
        assertEquals(1, Samples.value(sink, "dbtools_mssql_ag_is_primary", "availability_group", "ag1", "replica", "sql-a", "database", "sales"));
    }

    @Test
    void agent_jobs_report_last_outcome_and_recent_failures() throws Exception {
        var sink = run(new SysjobhistoryCollector(), Servers.SQL2019,
                List.of(row("job_name", "nightly backup", "last_run_status", "0", "failures_24h", "2"),
                        row("job_name", "index maintenance", "last_run_status", "1", "failures_24h", "0"),
                        row("job_name", "never run", "last_run_status", null, "failures_24h", "0")),
                of("job_name", Types.NVARCHAR), of("last_run_status", Types.INTEGER), of("failures_24h", Types.INTEGER));
        assertEquals(0, Samples.value(sink, "dbtools_mssql_agent_job_last_run_succeeded", "job", "nightly backup"));
        assertEquals(1, Samples.value(sink, "dbtools_mssql_agent_job_last_run_succeeded", "job", "index maintenance"));
        assertEquals(2, Samples.value(sink, "dbtools_mssql_agent_job_failures_24h", "job", "nightly backup"));
        assertEquals(2, Samples.of(sink, "dbtools_mssql_agent_job_last_run_succeeded").size(), "a job that never ran has no outcome");
    }

    @Test
    void azure_resource_stats_percentages_become_ratios() throws Exception {
        var sink = run(new DmDbResourceStatsCollector(), Servers.AZURE_SQL_DATABASE,
                List.of(row("avg_cpu_percent", "37.5", "avg_data_io_percent", "4.25", "avg_log_write_percent", "1.5",
                        "avg_memory_usage_percent", "62.0")),
                of("avg_cpu_percent", Types.DECIMAL), of("avg_data_io_percent", Types.DECIMAL), of("avg_log_write_percent", Types.DECIMAL),
                of("avg_memory_usage_percent", Types.DECIMAL));
        assertEquals(0.375, Samples.value(sink, CoreMetrics.CPU_UTILIZATION), 1e-12);
        assertEquals(0.62, Samples.value(sink, CoreMetrics.MEMORY_UTILIZATION), 1e-12);
        assertEquals(0.0425, Samples.value(sink, "dbtools_mssql_resource_utilization_ratio", "resource", "data_io"), 1e-12);
    }
}
