package io.dbtools.postgres.collector;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.postgres.Scrapes;
import io.dbtools.postgres.TestPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Checkpoints, WAL generation and archiving move their counters on a real server. */
class PgStatCheckpointerCollectorTest {

    @Test
    void a_checkpoint_a_wal_switch_and_writes_move_the_checkpoint_wal_and_archiver_counters() throws Exception {
        Scrapes before = Scrapes.probe(TestPostgres.target("wal"));
        double requested = before.require("dbtools_postgres_checkpoints_requested_total");
        double walBytes = before.require("dbtools_postgres_wal_bytes_total");
        double archived = before.require("dbtools_postgres_wal_archived_total");
        try (Connection c = TestPostgres.superuser("app"); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS wal_writer (id int)");
            st.execute("INSERT INTO wal_writer SELECT generate_series(1, 10000)");
            st.execute("SELECT pg_switch_wal()");
            st.execute("CHECKPOINT");
        }
        Scrapes after = Scrapes.probeUntil(TestPostgres.target("wal"),
                s -> s.require("dbtools_postgres_checkpoints_requested_total") > requested
                        && s.require("dbtools_postgres_wal_archived_total") > archived,
                Duration.ofSeconds(15));

        assertTrue(after.require("dbtools_postgres_checkpoints_requested_total") > requested, "CHECKPOINT is a requested checkpoint");
        assertTrue(after.require("dbtools_postgres_checkpoint_buffers_written_total") > 0);
        assertTrue(after.require("dbtools_postgres_wal_bytes_total") >= walBytes + 10000 * 20, "10000 rows of WAL");
        assertTrue(after.require("dbtools_postgres_wal_archived_total") > archived, "the switched segment was archived");
        double age = after.require("dbtools_postgres_wal_last_archive_age_seconds");
        assertTrue(age >= 0 && age < 60, "archived " + age + " s ago");
        assertTrue(after.require("dbtools_postgres_buffers_allocated_total") > 0);
        assertTrue(after.require("dbtools_postgres_uptime_seconds") > 0);
        assertTrue(after.require("dbtools_postgres_start_time_seconds") > 1.7e9);
    }
}
