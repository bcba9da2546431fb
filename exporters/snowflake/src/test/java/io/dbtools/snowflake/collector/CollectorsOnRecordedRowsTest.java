package io.dbtools.snowflake.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.exporter.testing.Targets;
import io.dbtools.plugin.Deadline;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.snowflake.Fixture;
import io.dbtools.snowflake.RecordedAccount;
import io.dbtools.snowflake.RecordingSink;
import io.dbtools.snowflake.SfOptions;
import io.dbtools.snowflake.SfSource;
import io.dbtools.plugin.ServerInfo;
import io.dbtools.plugin.Version;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/**
 * Each collector fed the aggregate rows DataDog recorded from a real account (fixtures/SOURCES.md), under the
 * collector's own column names. Expected values are read from the recording, never typed in.
 */
class CollectorsOnRecordedRowsTest {

    private static final double EPS = 1e-9;

    private final RecordedAccount account = new RecordedAccount();
    private final RecordingSink sink = new RecordingSink();
    private final ScrapeContext ctx = new ScrapeContext(
            new ServerInfo("snowflake", new Version(8, 41, 2), "8.41.2", "", Map.of()),
            Deadline.after(Duration.ofSeconds(20), Clock.systemUTC()), Targets.of("t", "snowflake", "acme.snowflakecomputing.com", 443, null, "u", "p"));

    static String sql(String resource) {
        return Sql.load(resource, SfOptions.DEFAULTS.sqlParameters());
    }

    static Map<String, String> columns(String... aliasThenRecorded) {
        return Fixture.columns(aliasThenRecorded);
    }

    private void run(SfCollector collector, String resource, Callable<ResultSet> rows) throws Exception {
        account.answer(sql(resource), rows);
        collector.collect(new SfSource(account), ctx, sink);
    }

    @Test
    void warehouse_credits_come_from_the_recorded_sums_and_compute_plus_cloud_services_make_the_total() throws Exception {
        Fixture f = Fixture.of("warehouse_metering_history");
        run(new WarehouseMeteringHistoryCollector(SfOptions.DEFAULTS, Clock.systemUTC()), WarehouseMeteringHistoryCollector.SQL_RESOURCE,
                () -> f.resultSet(columns("WAREHOUSE_NAME", "WAREHOUSE_NAME", "CREDITS_USED", "SUM(CREDITS_USED)",
                        "CREDITS_USED_COMPUTE", "SUM(CREDITS_USED_COMPUTE)",
                        "CREDITS_USED_CLOUD_SERVICES", "SUM(CREDITS_USED_CLOUD_SERVICES)", "LATEST_END_EPOCH", null),
                        List.of("WAREHOUSE_NAME")));
        String wh = f.recordedRows().get(0).get("WAREHOUSE_NAME");
        double total = sink.value("dbtools_snowflake_warehouse_credits_used", "warehouse", wh);
        double compute = sink.value("dbtools_snowflake_warehouse_compute_credits_used", "warehouse", wh);
        double cloud = sink.value("dbtools_snowflake_warehouse_cloud_services_credits_used", "warehouse", wh);
        assertEquals(f.recorded(0, "SUM(CREDITS_USED)"), total, EPS);
        assertEquals(f.recorded(0, "SUM(CREDITS_USED_COMPUTE)"), compute, EPS);
        assertEquals(total, compute + cloud, EPS);
        // The recording has no END_TIME, so no freshness timestamp is invented.
        assertTrue(sink.named("dbtools_snowflake_warehouse_credits_latest_timestamp_seconds").isEmpty(), sink.samples.toString());
    }

    @Test
    void the_credits_timestamp_is_the_newest_end_time_among_the_rows() throws Exception {
        // Two warehouses' rows with END_TIMEs chosen by this test (not recorded values): the newest must win.
        long[] ends = {1_700_000_000L, 1_700_003_600L};
        List<String> names = List.of("WAREHOUSE_NAME", "CREDITS_USED", "CREDITS_USED_COMPUTE", "CREDITS_USED_CLOUD_SERVICES", "LATEST_END_EPOCH");
        ResultSet rs = Fixture.table(names, List.of("WAREHOUSE_NAME"), List.of(
                java.util.Arrays.asList("WH_A", null, null, null, String.valueOf(ends[0])),
                java.util.Arrays.asList("WH_B", null, null, null, String.valueOf(ends[1]))));
        run(new WarehouseMeteringHistoryCollector(SfOptions.DEFAULTS, Clock.systemUTC()), WarehouseMeteringHistoryCollector.SQL_RESOURCE, () -> rs);
        assertEquals(Math.max(ends[0], ends[1]), sink.value("dbtools_snowflake_warehouse_credits_latest_timestamp_seconds"), EPS);
    }

    @Test
    void warehouse_load_averages_come_from_the_recorded_row() throws Exception {
        Fixture f = Fixture.of("warehouse_load_history");
        run(new WarehouseLoadHistoryCollector(SfOptions.DEFAULTS, Clock.systemUTC()), WarehouseLoadHistoryCollector.SQL_RESOURCE,
                () -> f.resultSet(columns("WAREHOUSE_NAME", "WAREHOUSE_NAME", "AVG_RUNNING", "AVG(AVG_RUNNING)",
                        "AVG_QUEUED_LOAD", "AVG(AVG_QUEUED_LOAD)", "AVG_QUEUED_PROVISIONING", "AVG(AVG_QUEUED_PROVISIONING)",
                        "AVG_BLOCKED", "AVG(AVG_BLOCKED)", "LATEST_END_EPOCH", null), List.of("WAREHOUSE_NAME")));
        String wh = f.recordedRows().get(0).get("WAREHOUSE_NAME");
        assertEquals(f.recorded(0, "AVG(AVG_RUNNING)"), sink.value("dbtools_snowflake_warehouse_load_running", "warehouse", wh), EPS);
        assertEquals(f.recorded(0, "AVG(AVG_QUEUED_LOAD)"), sink.value("dbtools_snowflake_warehouse_load_queued", "warehouse", wh), EPS);
        assertEquals(f.recorded(0, "AVG(AVG_QUEUED_PROVISIONING)"),
                sink.value("dbtools_snowflake_warehouse_load_queued_provisioning", "warehouse", wh), EPS);
        assertEquals(f.recorded(0, "AVG(AVG_BLOCKED)"), sink.value("dbtools_snowflake_warehouse_load_blocked", "warehouse", wh), EPS);
    }

    @Test
    void query_durations_are_converted_from_milliseconds_and_unrecorded_counts_are_left_out() throws Exception {
        Fixture f = Fixture.of("query_history");
        run(new QueryHistoryCollector(SfOptions.DEFAULTS, Clock.systemUTC()), QueryHistoryCollector.SQL_RESOURCE,
                () -> f.resultSet(columns("WAREHOUSE_LABEL", "WAREHOUSE_NAME", "QUERY_TYPE_LABEL", "QUERY_TYPE",
                        "QUERIES", null, "FAILED", null, "AVG_EXECUTION_MS", "AVG(EXECUTION_TIME)",
                        "AVG_COMPILATION_MS", "AVG(COMPILATION_TIME)", "AVG_QUEUED_OVERLOAD_MS", null, "MAX_ELAPSED_MS", null,
                        "AVG_BYTES_SCANNED", "AVG(BYTES_SCANNED)", "LATEST_END_EPOCH", null),
                        List.of("WAREHOUSE_LABEL", "QUERY_TYPE_LABEL")));
        Map<String, String> row = f.recordedRows().get(0);
        String[] labels = {"warehouse", row.get("WAREHOUSE_NAME"), "query_type", row.get("QUERY_TYPE")};
        assertEquals(f.recorded(0, "AVG(EXECUTION_TIME)") / 1000, sink.value("dbtools_snowflake_query_execution_seconds_avg", labels), EPS);
        assertEquals(f.recorded(0, "AVG(COMPILATION_TIME)") / 1000, sink.value("dbtools_snowflake_query_compilation_seconds_avg", labels), EPS);
        assertEquals(f.recorded(0, "AVG(BYTES_SCANNED)"), sink.value("dbtools_snowflake_query_scanned_bytes_avg", labels), EPS);
        // DataDog's query recorded no counts: a NULL column must not turn into a zero.
        assertTrue(sink.named("dbtools_snowflake_queries").isEmpty());
        assertTrue(sink.named("dbtools_snowflake_queries_failed").isEmpty());
    }

    @Test
    void account_storage_comes_from_the_newest_recorded_day() throws Exception {
        Fixture f = Fixture.of("storage_usage");
        run(new StorageUsageCollector(SfOptions.DEFAULTS, Clock.systemUTC()), StorageUsageCollector.SQL_RESOURCE,
                () -> f.resultSet(columns("STORAGE_BYTES", "STORAGE_BYTES", "STAGE_BYTES", "STAGE_BYTES",
                        "FAILSAFE_BYTES", "FAILSAFE_BYTES", "USAGE_DATE_EPOCH", null), List.of()));
        assertEquals(f.recorded(0, "STORAGE_BYTES"), sink.value("dbtools_snowflake_storage_bytes"), EPS);
        assertEquals(f.recorded(0, "STAGE_BYTES"), sink.value("dbtools_snowflake_stage_bytes"), EPS);
        assertEquals(f.recorded(0, "FAILSAFE_BYTES"), sink.value("dbtools_snowflake_failsafe_bytes"), EPS);
    }

    @Test
    void database_sizes_are_the_normalized_database_size_metric() throws Exception {
        Fixture f = Fixture.of("database_storage_usage_history");
        run(new DatabaseStorageUsageHistoryCollector(SfOptions.DEFAULTS, Clock.systemUTC()), DatabaseStorageUsageHistoryCollector.SQL_RESOURCE,
                () -> f.resultSet(columns("DATABASE_NAME", "DATABASE_NAME", "AVERAGE_DATABASE_BYTES", "AVERAGE_DATABASE_BYTES",
                        "AVERAGE_FAILSAFE_BYTES", "AVERAGE_FAILSAFE_BYTES", "USAGE_DATE_EPOCH", null), List.of("DATABASE_NAME")));
        String db = f.recordedRows().get(0).get("DATABASE_NAME");
        assertEquals(f.recorded(0, "AVERAGE_DATABASE_BYTES"), sink.value("dbtools_database_size_bytes", "database", db), EPS);
        assertEquals(f.recorded(0, "AVERAGE_FAILSAFE_BYTES"), sink.value("dbtools_snowflake_database_failsafe_bytes", "database", db), EPS);
    }

    @Test
    void logins_are_split_by_client_type_and_result_and_error_codes_come_from_their_own_bounded_query() throws Exception {
        Fixture f = Fixture.of("login_history");
        account.answer(sql(LoginHistoryCollector.ERRORS_SQL_RESOURCE), () -> Fixture.empty(List.of("ERROR_CODE_LABEL", "FAILED")));
        run(new LoginHistoryCollector(SfOptions.DEFAULTS, Clock.systemUTC()), LoginHistoryCollector.CLIENTS_SQL_RESOURCE,
                () -> f.resultSet(columns("CLIENT_TYPE", "REPORTED_CLIENT_TYPE", "FAILED", "FAILED", "SUCCEEDED", "SUCCEEDED",
                        "LATEST_EVENT_EPOCH", null), List.of("CLIENT_TYPE")));
        List<Map<String, String>> rows = f.recordedRows();
        for (int i = 0; i < rows.size(); i++) {
            String client = rows.get(i).get("REPORTED_CLIENT_TYPE");
            double ok = sink.value("dbtools_snowflake_logins", "client_type", client, "result", "success");
            double failed = sink.value("dbtools_snowflake_logins", "client_type", client, "result", "failure");
            assertEquals(f.recorded(i, "SUCCEEDED"), ok, EPS);
            assertEquals(f.recorded(i, "FAILED"), failed, EPS);
            assertEquals(f.recorded(i, "TOTAL"), ok + failed, EPS, "success + failure must be every login of " + client);
        }
        assertEquals(2 * rows.size(), sink.named("dbtools_snowflake_logins").size());
        assertTrue(sink.named("dbtools_snowflake_login_failures").isEmpty());
        assertEquals(1, account.runsOf(sql(LoginHistoryCollector.ERRORS_SQL_RESOURCE)));
    }

    @Test
    void account_credits_are_labelled_by_service_type() throws Exception {
        Fixture f = Fixture.of("metering_history");
        run(new MeteringHistoryCollector(SfOptions.DEFAULTS, Clock.systemUTC()), MeteringHistoryCollector.SQL_RESOURCE,
                () -> f.resultSet(columns("SERVICE_TYPE", "SERVICE_TYPE", "CREDITS_USED", "SUM(CREDITS_USED)",
                        "CREDITS_USED_COMPUTE", "SUM(CREDITS_USED_COMPUTE)",
                        "CREDITS_USED_CLOUD_SERVICES", "SUM(CREDITS_USED_CLOUD_SERVICES)", "LATEST_END_EPOCH", null),
                        List.of("SERVICE_TYPE")));
        String service = f.recordedRows().get(0).get("SERVICE_TYPE");
        assertEquals(f.recorded(0, "SUM(CREDITS_USED)"), sink.value("dbtools_snowflake_account_credits_used", "service_type", service), EPS);
        assertEquals(f.recorded(0, "SUM(CREDITS_USED_CLOUD_SERVICES)"),
                sink.value("dbtools_snowflake_account_cloud_services_credits_used", "service_type", service), EPS);
    }

    @Test
    void data_transfer_with_no_rows_writes_nothing_and_does_not_fail() throws Exception {
        run(new DataTransferHistoryCollector(SfOptions.DEFAULTS, Clock.systemUTC()), DataTransferHistoryCollector.SQL_RESOURCE,
                () -> Fixture.empty(List.of("TARGET_CLOUD", "TARGET_REGION", "TRANSFER_TYPE", "BYTES", "LATEST_END_EPOCH")));
        assertEquals(List.of(), sink.samples);
    }

    @Test
    void every_collector_is_a_cached_collector_at_the_target_refresh_interval() {
        var options = SfOptions.of(new io.dbtools.plugin.Target("t", "acme", "t", "snowflake", "h", 443, null, null, null,
                io.dbtools.plugin.CollectorSelection.DEFAULTS, Map.of("refresh_seconds", "900"), Map.of()));
        for (var c : SfCollectors.all(options, Clock.systemUTC())) {
            assertEquals(Duration.ofMinutes(15), c.info().refreshInterval(), c.info().name());
        }
        for (var c : SfCollectors.all(SfOptions.DEFAULTS, Clock.systemUTC())) {
            assertEquals(Duration.ofMinutes(30), c.info().refreshInterval(), c.info().name());
        }
    }
}
