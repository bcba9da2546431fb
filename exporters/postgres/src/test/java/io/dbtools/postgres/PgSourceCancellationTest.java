package io.dbtools.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.plugin.Cancellation;
import io.dbtools.plugin.Deadline;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.plugin.ServerInfo;
import io.dbtools.plugin.Version;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A query that outlives its scrape is cancelled on the server when the scraper gives up on it. */
class PgSourceCancellationTest {

    private static final ServerInfo SERVER = new ServerInfo("postgres", new Version(16, 0, 0), "16", "", Map.of());

    private static PgSource source() {
        return new PgSource(TestPostgres.get().getPostgresDatabase(), "postgres");
    }

    @Test
    void cancelling_the_scrape_stops_the_running_query_on_the_server() throws Exception {
        Cancellation cancellation = new Cancellation();
        ScrapeContext context = new ScrapeContext(SERVER, Deadline.after(Duration.ofMinutes(1), Clock.systemUTC()),
                TestPostgres.target("cancel"), cancellation);
        long start = System.nanoTime();
        CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
            try {
                source().query(context, "SELECT pg_sleep(30)", rs -> {});
            } catch (SQLException e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(500); // let the query reach the server
        cancellation.cancel();
        var failure = assertThrows(Exception.class, () -> running.get(10, TimeUnit.SECONDS));
        long ms = (System.nanoTime() - start) / 1_000_000;
        SQLException sql = (SQLException) failure.getCause().getCause();
        assertEquals("57014", sql.getSQLState(), "query_canceled from the server: " + sql.getMessage());
        assertTrue(ms < 5_000, "the query ran " + ms + " ms after its scrape was cancelled");
    }

    @Test
    void a_query_of_an_already_cancelled_scrape_does_not_start() {
        Cancellation cancellation = new Cancellation();
        cancellation.cancel();
        ScrapeContext context = new ScrapeContext(SERVER, Deadline.after(Duration.ofMinutes(1), Clock.systemUTC()),
                TestPostgres.target("cancel"), cancellation);
        long start = System.nanoTime();
        SQLException e = assertThrows(SQLException.class, () -> source().query(context, "SELECT pg_sleep(30)", rs -> {}));
        assertEquals("57014", e.getSQLState());
        assertTrue((System.nanoTime() - start) / 1_000_000 < 2_000);
    }

    @Test
    void a_finished_query_is_no_longer_tracked() throws Exception {
        Cancellation cancellation = new Cancellation();
        ScrapeContext context = new ScrapeContext(SERVER, Deadline.after(Duration.ofMinutes(1), Clock.systemUTC()),
                TestPostgres.target("cancel"), cancellation);
        int[] rows = {0};
        source().query(context, "SELECT 1", rs -> rows[0]++);
        cancellation.cancel(); // nothing left to cancel: must not throw or touch a closed statement
        assertEquals(1, rows[0]);
    }
}
