package io.dbtools.postgres.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.CollectorSelection;
import io.dbtools.plugin.CoreMetrics;
import io.dbtools.postgres.PostgresPlugin;
import io.dbtools.postgres.Scrapes;
import io.dbtools.postgres.TestPostgres;
import io.dbtools.postgres.TestStandby;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A real streaming standby of the test server: recovery, WAL receiver and replication seen from both ends. */
class PgRecoveryCollectorTest {

    private static EmbeddedPostgres standby;

    @BeforeAll
    static void start_standby() throws Exception {
        standby = TestStandby.start();
        try (Connection c = TestPostgres.superuser("postgres"); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS replicated (id int, at timestamptz DEFAULT now())");
            st.execute("INSERT INTO replicated (id) VALUES (1)");
        }
        waitUntil(() -> count(standby, "SELECT count(*) FROM replicated") >= 1, "the standby replays the primary's insert");
    }

    @AfterAll
    static void stop_standby() throws Exception {
        if (standby != null) standby.close();
    }

    private static io.dbtools.plugin.Target standbyTarget() {
        return TestPostgres.target("standby", standby.getPort(), CollectorSelection.DEFAULTS, Map.of());
    }

    @Test
    void the_standby_reports_recovery_a_streaming_wal_receiver_and_every_collector_succeeds() {
        Scrapes s = Scrapes.probeUntil(standbyTarget(),
                x -> x.value("dbtools_postgres_wal_receiver_streaming").orElse(0.0) == 1, Duration.ofSeconds(10));

        assertEquals(1.0, s.require("dbtools_postgres_in_recovery"));
        assertEquals(1.0, s.require("dbtools_postgres_wal_receiver_streaming"));
        assertTrue(s.require("dbtools_postgres_wal_receiver_last_message_age_seconds") < 30);
        assertTrue(s.require(CoreMetrics.REPLICATION_LAG_SECONDS) >= 0);
        List<String> failed = new ArrayList<>();
        for (CollectorInfo c : new PostgresPlugin().collectors()) {
            // The standby runs the test server's version, 14: pg_stat_io (16+) is skipped there; CockroachDB's never run.
            if (!c.enabledByDefault() || c.name().equals("pg_stat_io") || c.name().startsWith("crdb_")) continue;
            if (s.value("dbtools_scrape_collector_success", "collector", c.name()).orElse(0.0) != 1.0) failed.add(c.name());
        }
        assertEquals(List.of(), failed, "collectors failing on a standby");
    }

    @Test
    void the_primary_lists_the_standby_by_application_name_and_reports_its_lag() {
        Scrapes s = Scrapes.probeUntil(TestPostgres.target("primary"),
                x -> x.value("dbtools_postgres_replication_streaming", "application_name", TestStandby.APPLICATION_NAME).orElse(0.0) == 1,
                Duration.ofSeconds(10));

        String[] standbyLabels = {"application_name", TestStandby.APPLICATION_NAME, "client_addr", "127.0.0.1"};
        assertEquals(1.0, s.require("dbtools_postgres_replication_streaming", standbyLabels));
        assertTrue(s.require("dbtools_postgres_replication_replay_lag_bytes", standbyLabels) >= 0);
        assertEquals(0.0, s.require("dbtools_postgres_in_recovery"));
        assertTrue(s.require(CoreMetrics.REPLICATION_LAG_SECONDS) >= 0, "a primary with a standby reports its lag");
    }

    @Test
    void with_replay_paused_and_wal_pending_the_standby_reports_lag_in_seconds_and_pending_bytes() throws Exception {
        try (Connection c = standby.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("SELECT pg_wal_replay_pause()");
            try {
                Thread.sleep(1100); // so the last replayed transaction is measurably old
                try (Connection p = TestPostgres.superuser("postgres"); Statement ps = p.createStatement()) {
                    ps.execute("INSERT INTO replicated (id) SELECT generate_series(2, 1000)");
                }
                waitUntil(() -> count(standby,
                        "SELECT pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn())::bigint") > 0,
                        "the standby receives WAL it does not replay");
                Scrapes s = Scrapes.probe(standbyTarget());

                assertTrue(s.require(CoreMetrics.REPLICATION_LAG_SECONDS) >= 1.0,
                        "lag is the age of the last replayed transaction: " + s.require(CoreMetrics.REPLICATION_LAG_SECONDS));
                assertEquals(s.require(CoreMetrics.REPLICATION_LAG_SECONDS), s.require("dbtools_postgres_standby_replay_lag_seconds"), 0.5);
                assertTrue(s.require("dbtools_postgres_standby_replay_pending_bytes") > 0);
            } finally {
                st.execute("SELECT pg_wal_replay_resume()");
            }
        }
        waitUntil(() -> count(standby, "SELECT count(*) FROM replicated") >= 1000, "replay resumes");
        Scrapes caughtUp = Scrapes.probeUntil(standbyTarget(),
                x -> x.value(CoreMetrics.REPLICATION_LAG_SECONDS).orElse(1.0) == 0.0, Duration.ofSeconds(10));
        assertEquals(0.0, caughtUp.require(CoreMetrics.REPLICATION_LAG_SECONDS), "caught up: nothing pending is no lag");
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void waitUntil(Check check, String what) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!check.ok()) {
            if (System.nanoTime() > end) throw new AssertionError("timed out waiting until " + what);
            Thread.sleep(100);
        }
    }

    private static long count(EmbeddedPostgres pg, String sql) throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (java.sql.SQLException e) {
            return 0; // the table has not arrived on the standby yet
        }
    }
}
