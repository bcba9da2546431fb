package io.dbtools.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.CollectorSelection;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every collector, on real PostgreSQL 12 to 17: each one the server's version supports succeeds, the
 * others are skipped (not failed). This is what proves the version gates and the per-version SQL.
 */
class VersionMatrixTest {

    static Stream<Integer> majors() {
        return Stream.of(12, 13, 14, 15, 16, 17, 18);
    }

    @ParameterizedTest(name = "PostgreSQL {0}")
    @MethodSource("majors")
    void every_collector_the_version_supports_succeeds_and_the_others_are_skipped(int major) throws Exception {
        EmbeddedPostgres pg = major == 14 ? TestPostgres.get() : TestPostgres.start(PgBinaries.of(major));
        try {
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS matrix_rows (id int PRIMARY KEY)");
                st.execute("INSERT INTO matrix_rows SELECT generate_series(1, 100) ON CONFLICT DO NOTHING");
                st.execute("DELETE FROM matrix_rows WHERE id <= 10");
                st.execute("SELECT pg_create_physical_replication_slot('matrix_slot', true) "
                        + "WHERE NOT EXISTS (SELECT 1 FROM pg_replication_slots WHERE slot_name = 'matrix_slot')");
            }
            var target = TestPostgres.target("pg" + major, pg.getPort(),
                    new CollectorSelection(Set.of(), Set.of("pg_stat_statements"), Set.of()), Map.of());
            Scrapes s = Scrapes.probe(target);

            assertEquals(1.0, s.require("dbtools_up"));
            assertTrue(s.find("dbtools_server_info").stream().anyMatch(x -> Scrapes.label(x, "version").startsWith(major + ".")),
                    "server is PostgreSQL " + major);
            List<String> failed = new ArrayList<>();
            for (CollectorInfo c : new PostgresPlugin().collectors()) {
                // CockroachDB's collectors must not run on any PostgreSQL.
                boolean expected = !(c.name().equals("pg_stat_wal") && major < 14) && !(c.name().equals("pg_stat_io") && major < 16)
                        && !c.name().startsWith("crdb_");
                var success = s.value("dbtools_scrape_collector_success", "collector", c.name());
                if (expected && !success.equals(java.util.Optional.of(1.0))) failed.add(c.name() + "=" + success.orElse(null));
                if (!expected && success.isPresent()) failed.add(c.name() + " ran though unsupported");
            }
            assertEquals(List.of(), failed, "collectors on PostgreSQL " + major);

            // Values that only exist on some versions come from the right SQL.
            assertEquals(major <= 16, s.value("dbtools_postgres_buffers_backend_written_total").isPresent(), "pg_stat_bgwriter backend columns");
            assertEquals(major >= 17, s.value("dbtools_postgres_restartpoints_done_total").isPresent(), "pg_stat_checkpointer");
            assertTrue(s.require("dbtools_postgres_checkpoints_timed_total") >= 0);
            assertEquals(major >= 13, !s.find("dbtools_postgres_replication_slot_wal_status").isEmpty(), "wal_status from 13");
            assertEquals(major >= 13, !s.find("dbtools_postgres_statement_plan_seconds_total").isEmpty(), "total_plan_time from 13");
            assertTrue(!s.find("dbtools_postgres_statement_exec_seconds_total").isEmpty(), "total_time / total_exec_time");
            assertEquals(major >= 14, !s.find("dbtools_postgres_session_seconds_total").isEmpty(), "session statistics from 14");
            assertTrue(s.require("dbtools_postgres_table_dead_tuples", "relname", "matrix_rows") >= 0);
            if (major >= 16) {
                assertTrue(s.require("dbtools_postgres_io_extends_total", "backend_type", "client backend") > 0,
                        "the inserts above extended a table");
            }
            System.out.printf("PostgreSQL %d: %d families, %d samples%n", major, s.familyNames().size(), s.samples().sampleCount());
        } finally {
            if (major != 14) {
                pg.close();
            } else {
                try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                    st.execute("SELECT pg_drop_replication_slot('matrix_slot')"); // the shared server must not keep WAL for it
                }
            }
        }
    }
}
