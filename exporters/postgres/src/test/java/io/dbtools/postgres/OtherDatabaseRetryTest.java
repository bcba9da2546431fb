package io.dbtools.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.exporter.SampleBuffer;
import io.dbtools.exporter.testing.SettableClock;
import io.dbtools.plugin.CollectorSelection;
import io.dbtools.plugin.Deadline;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.plugin.ServerInfo;
import io.dbtools.plugin.Target;
import io.dbtools.plugin.TargetSession;
import io.dbtools.postgres.collector.PgStatUserTablesCollector;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A database the {@code databases} option lists but the server does not have (dropped, renamed) is
 * not logged into on every scrape: after a failure it waits a minute, then two, four, up to sixteen.
 */
class OtherDatabaseRetryTest {

    private static final String DB = "retry_later_db";

    @Test
    void a_missing_listed_database_is_retried_after_a_growing_pause_and_read_once_it_exists() throws Exception {
        dropDatabase();
        SettableClock clock = new SettableClock(Instant.parse("2026-12-03T10:00:00Z"));
        var target = TestPostgres.target("retry-db", TestPostgres.get().getPort(), new CollectorSelection(Set.of("pg_stat_user_tables"), Set.of(), Set.of()),
                Map.of("databases", DB));
        try (TargetSession<PgSource> session = new PostgresPlugin(clock).open(target)) {
            String first = collect(session, clock, target);
            assertTrue(first.startsWith("database " + DB + ": ") && first.contains("does not exist"), "the server's own reason: " + first);

            clock.advance(Duration.ofSeconds(59));
            String waiting = collect(session, clock, target);
            assertTrue(waiting.contains("not connected; tried again at 2026-12-03T10:01:00Z"), waiting);
            assertTrue(waiting.contains("does not exist"), "the reason is kept: " + waiting);

            clock.advance(Duration.ofSeconds(1)); // a minute after the failure: tried, fails, next pause two minutes
            assertTrue(collect(session, clock, target).contains("does not exist"));
            clock.advance(Duration.ofSeconds(119));
            assertTrue(collect(session, clock, target).contains("tried again at 2026-12-03T10:03:00Z"));

            createDatabase(); // created meanwhile: read at the next try, not before
            assertTrue(collect(session, clock, target).contains("tried again at"));
            clock.advance(Duration.ofSeconds(1));
            assertEquals("", collect(session, clock, target), "read once the pause is over");
        } finally {
            dropDatabase();
        }
    }

    /** The collector's failure message, or "" when it succeeded. */
    private static String collect(TargetSession<PgSource> session, SettableClock clock, Target target) throws Exception {
        Deadline deadline = Deadline.after(Duration.ofSeconds(10), clock);
        ServerInfo server = session.identify(deadline);
        try {
            new PgStatUserTablesCollector().collect(session.source(), new ScrapeContext(server, deadline, target), new SampleBuffer());
            return "";
        } catch (SQLException e) {
            return e.getMessage();
        }
    }

    private static void createDatabase() throws SQLException {
        try (Connection c = TestPostgres.superuser("postgres"); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + DB);
        }
    }

    private static void dropDatabase() throws SQLException {
        try (Connection c = TestPostgres.superuser("postgres"); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + DB);
        }
    }
}
