package io.dbtools.postgres.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.postgres.Scrapes;
import io.dbtools.postgres.TestPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class PgStatProgressVacuumCollectorTest {

    @Test
    void a_vacuum_waiting_on_a_pinned_page_shows_as_running_until_it_finishes() throws Exception {
        try (Connection c = TestPostgres.superuser("app"); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS vacuumed_slowly");
            st.execute("CREATE TABLE vacuumed_slowly (id int) WITH (autovacuum_enabled = false)");
            st.execute("INSERT INTO vacuumed_slowly SELECT generate_series(1, 1000)");
        }
        // An open cursor keeps its current page pinned; VACUUM (FREEZE) must freeze that page and waits
        // for the pin to go, visible in pg_stat_progress_vacuum meanwhile.
        try (Connection pinner = TestPostgres.superuser("app"); Connection vacuumer = TestPostgres.superuser("app")) {
            pinner.setAutoCommit(false);
            try (Statement st = pinner.createStatement()) {
                st.execute("DECLARE pin CURSOR FOR SELECT * FROM vacuumed_slowly");
                st.execute("FETCH 1 FROM pin");
            }
            CompletableFuture<Void> vacuum = CompletableFuture.runAsync(() -> {
                try (Statement st = vacuumer.createStatement()) {
                    st.execute("VACUUM (FREEZE) vacuumed_slowly");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Scrapes during = Scrapes.probeUntil(TestPostgres.target("vacuum"),
                    s -> s.require("dbtools_postgres_vacuums_running") >= 1, Duration.ofSeconds(10));

            // At least: an autovacuum worker may be running at the same time.
            assertTrue(during.require("dbtools_postgres_vacuums_running") >= 1);
            assertTrue(during.require("dbtools_postgres_vacuums_running_by_phase", "datname", "app", "phase", "scanning heap") >= 1);
            double scanned = during.require("dbtools_postgres_vacuum_heap_scanned_min_ratio", "datname", "app", "phase", "scanning heap");
            assertTrue(scanned >= 0 && scanned < 1, "stuck on the first page: " + scanned);

            pinner.rollback();
            vacuum.get();
        }
        Scrapes after = Scrapes.probeUntil(TestPostgres.target("vacuum"),
                s -> s.require("dbtools_postgres_vacuums_running") == 0, Duration.ofSeconds(10));
        assertEquals(0.0, after.require("dbtools_postgres_vacuums_running"), "none running is 0, not an absent series");
        assertTrue(after.find("dbtools_postgres_vacuums_running_by_phase").isEmpty());
    }
}
