package io.dbtools.snowflake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.exporter.Exporter;
import io.dbtools.exporter.ExporterOptions;
import io.dbtools.exporter.Exposition;
import io.dbtools.exporter.PluginRegistry;
import io.dbtools.exporter.TargetSource;
import io.dbtools.exporter.testing.SettableClock;
import io.dbtools.exporter.testing.Targets;
import io.dbtools.plugin.Target;
import io.dbtools.snowflake.collector.Sql;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The plugin inside the real exporter runtime, on a recorded account and a clock the test moves: the lagging
 * ACCOUNT_USAGE views are queried once per refresh interval, not on every scrape.
 */
class SnowflakeScrapeCadenceTest {

    private final SettableClock clock = new SettableClock(Instant.parse("2026-03-02T10:00:00Z"));
    private final RecordedAccount account = new RecordedAccount();
    private final Target target = Targets.of("acme-prod", "snowflake", "acme.snowflakecomputing.com", 443, null, "mon", "pw");
    private List<String> collectorSql;

    static String sql(String resource) {
        return Sql.load(resource, SfOptions.DEFAULTS.sqlParameters());
    }

    @BeforeEach
    void record() throws Exception {
        Fixture metering = Fixture.of("warehouse_metering_history");
        Fixture storage = Fixture.of("storage_usage");
        account.answer(sql("warehouse_metering_history.sql"), () -> metering.resultSet(
                        Fixture.columns("WAREHOUSE_NAME", "WAREHOUSE_NAME",
                        "CREDITS_USED", "SUM(CREDITS_USED)", "CREDITS_USED_COMPUTE", "SUM(CREDITS_USED_COMPUTE)",
                        "CREDITS_USED_CLOUD_SERVICES", "SUM(CREDITS_USED_CLOUD_SERVICES)", "LATEST_END_EPOCH", null), List.of("WAREHOUSE_NAME")))
                .answer(sql("storage_usage.sql"), () -> storage.resultSet(Fixture.columns("STORAGE_BYTES", "STORAGE_BYTES",
                        "STAGE_BYTES", "STAGE_BYTES", "FAILSAFE_BYTES", "FAILSAFE_BYTES", "USAGE_DATE_EPOCH", null), List.of()));
        for (String other : List.of("database_storage_usage_history.sql", "metering_history.sql", "warehouse_load_history.sql",
                "login_history_clients.sql", "login_history_errors.sql", "data_transfer_history.sql", "query_history.sql")) {
            account.answer(sql(other), () -> Fixture.empty(List.of("UNUSED")));
        }
        collectorSql = List.of("warehouse_metering_history.sql", "storage_usage.sql", "database_storage_usage_history.sql",
                "metering_history.sql", "warehouse_load_history.sql", "login_history_clients.sql", "login_history_errors.sql",
                "data_transfer_history.sql", "query_history.sql").stream().map(SnowflakeScrapeCadenceTest::sql).toList();
    }

    private Exporter exporter() {
        return new Exporter(new PluginRegistry(List.of(new SnowflakePlugin(clock, (t, timeout) -> account))),
                TargetSource.of(List.of(target)), clock, ExporterOptions.DEFAULTS);
    }

    private static String scrape(Exporter exporter, Duration budget) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PrometheusTextFormatWriter(false).write(out, Exposition.toSnapshots(List.of(exporter.probe("acme-prod", budget).orElseThrow())));
        return out.toString();
    }

    private static double sample(String text, String name, String labelFragment) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\{([^}]*)} (\\S+)$").matcher(text);
        while (m.find()) {
            if (m.group(1).contains(labelFragment)) return Double.parseDouble(m.group(2));
        }
        throw new AssertionError("no " + name + " with " + labelFragment + " in\n" + text);
    }

    private long collectorRuns() {
        return collectorSql.stream().mapToLong(account::runsOf).sum();
    }

    @Test
    void account_usage_is_queried_once_per_refresh_interval_and_served_from_cache_with_its_age_in_between() throws Exception {
        try (Exporter exporter = exporter()) {
            String first = scrape(exporter, Duration.ofSeconds(20));
            assertEquals(collectorSql.size(), collectorRuns(), "every statement runs on the first scrape");
            assertEquals(1, sample(first, "dbtools_up", "acme-prod"));
            assertEquals(1, sample(first, "dbtools_scrape_collector_success", "collector=\"query_history\""));
            Fixture metering = Fixture.of("warehouse_metering_history");
            assertEquals(metering.recorded(0, "SUM(CREDITS_USED)"),
                    sample(first, "dbtools_snowflake_warehouse_credits_used", "warehouse=\"COMPUTE_WH\""), 1e-9);

            // Prometheus scrapes every minute; the views are not read again for 30 minutes.
            String cached = first;
            for (int minute = 1; minute <= 29; minute++) {
                clock.advance(Duration.ofMinutes(1));
                cached = scrape(exporter, Duration.ofSeconds(20));
            }
            assertEquals(collectorSql.size(), collectorRuns(), "no statement runs again inside the refresh interval");
            assertEquals(Duration.ofMinutes(29).toSeconds(),
                    sample(cached, "dbtools_scrape_collector_age_seconds", "collector=\"warehouse_metering_history\""), 1e-9);
            assertEquals(metering.recorded(0, "SUM(CREDITS_USED)"),
                    sample(cached, "dbtools_snowflake_warehouse_credits_used", "warehouse=\"COMPUTE_WH\""), 1e-9);

            clock.advance(Duration.ofMinutes(1));
            String refreshed = scrape(exporter, Duration.ofSeconds(20));
            assertEquals(2L * collectorSql.size(), collectorRuns(), "every statement runs once more at 30 minutes");
            assertEquals(0, sample(refreshed, "dbtools_scrape_collector_age_seconds", "collector=\"storage_usage\""), 1e-9);
        }
    }

    @Test
    void every_statement_is_given_at_most_the_scrape_budget_as_its_timeout() throws Exception {
        try (Exporter exporter = exporter()) {
            scrape(exporter, Duration.ofSeconds(7));
        }
        assertTrue(account.calls.size() > collectorSql.size(), account.calls.toString());
        for (var call : account.calls) {
            assertTrue(call.timeoutSeconds() >= 1 && call.timeoutSeconds() <= 7, call.toString());
        }
    }

    @Test
    void the_identity_is_reread_only_after_its_ttl_so_frequent_scrapes_cost_no_snowflake_query() throws Exception {
        try (Exporter exporter = exporter()) {
            scrape(exporter, Duration.ofSeconds(20));
            clock.advance(Duration.ofMinutes(1));
            scrape(exporter, Duration.ofSeconds(20));
            clock.advance(Duration.ofMinutes(1));
            scrape(exporter, Duration.ofSeconds(20));
            assertEquals(1, account.identifyCalls);
            clock.advance(SfSession.IDENTITY_TTL);
            scrape(exporter, Duration.ofSeconds(20));
            assertEquals(2, account.identifyCalls);
        }
    }

    @Test
    void a_failing_view_is_not_queried_again_until_the_refresh_interval_so_it_cannot_keep_the_warehouse_awake() throws Exception {
        String transfer = sql("data_transfer_history.sql");
        account.fail(transfer, new net.snowflake.client.jdbc.SnowflakeSQLException("q3",
                "SQL compilation error: Object does not exist or not authorized.", "02000", 2003));
        try (Exporter exporter = exporter()) {
            String text = scrape(exporter, Duration.ofSeconds(20));
            assertEquals(0, sample(text, "dbtools_scrape_collector_success", "collector=\"data_transfer_history\""));
            for (int minute = 1; minute <= 29; minute++) {
                clock.advance(Duration.ofMinutes(1));
                text = scrape(exporter, Duration.ofSeconds(20));
                assertEquals(0, sample(text, "dbtools_scrape_collector_success", "collector=\"data_transfer_history\""));
            }
            assertEquals(1, account.runsOf(transfer), "the failing statement ran only once in 30 minutes");
            assertEquals(collectorSql.size(), collectorRuns());
            clock.advance(Duration.ofMinutes(1));
            scrape(exporter, Duration.ofSeconds(20));
            assertEquals(2, account.runsOf(transfer), "retried once the refresh interval has passed");
        }
    }

    @Test
    void a_target_with_an_out_of_range_option_scrapes_as_down_with_a_configuration_error() throws Exception {
        Target bad = new Target("acme-prod", "acme", "acme-prod", "snowflake", "acme.snowflakecomputing.com", 443, null,
                target.credentials(), null, io.dbtools.plugin.CollectorSelection.DEFAULTS, java.util.Map.of("refresh_seconds", "5"),
                java.util.Map.of());
        try (Exporter exporter = new Exporter(new PluginRegistry(List.of(new SnowflakePlugin(clock, (t, timeout) -> account))),
                TargetSource.of(List.of(bad)), clock, ExporterOptions.DEFAULTS)) {
            String text = scrape(exporter, Duration.ofSeconds(5));
            assertEquals(0, sample(text, "dbtools_up", "acme-prod"));
            assertEquals(1, sample(text, "dbtools_target_connect_error", "kind=\"configuration\""));
        }
        assertEquals(List.of(), account.calls);
    }
}
