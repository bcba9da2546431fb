package io.dbtools.postgres.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.plugin.CollectorSelection;
import io.dbtools.postgres.Scrapes;
import io.dbtools.postgres.TestPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PgStatUserTablesCollectorTest {

    private static final String DEAD = "dbtools_postgres_table_dead_tuples";
    private static final CollectorSelection TABLES = new CollectorSelection(Set.of("pg_stat_user_tables", "pg_table_size"), Set.of(), Set.of());

    @BeforeAll
    static void tables_with_dead_rows() throws Exception {
        // In database postgres: the view only shows the database the monitoring connection is in.
        // Autovacuum is off for these tables so the dead rows stay until the test vacuums.
        try (Connection c = TestPostgres.superuser("postgres"); Statement st = c.createStatement()) {
            for (String t : new String[] {"churn_big", "churn_small", "churn_none"}) {
                st.execute("DROP TABLE IF EXISTS " + t);
                st.execute("CREATE TABLE " + t + " (id int PRIMARY KEY, pad text) WITH (autovacuum_enabled = false)");
            }
            st.execute("INSERT INTO churn_big SELECT g, repeat('x', 200) FROM generate_series(1, 20000) g");
            st.execute("INSERT INTO churn_small SELECT g, 'y' FROM generate_series(1, 1000) g");
            st.execute("INSERT INTO churn_none SELECT g, 'z' FROM generate_series(1, 10) g");
            st.execute("DELETE FROM churn_big WHERE id <= 5000");
            st.execute("DELETE FROM churn_small WHERE id <= 100");
            st.execute("VACUUM churn_none");
        }
    }

    @Test
    void deleted_rows_show_as_dead_tuples_of_the_table_with_the_most_named_and_the_rest_in_other() {
        var target = TestPostgres.target("tables", TestPostgres.get().getPort(), TABLES, Map.of("tables_top_n", "1"));
        Scrapes s = Scrapes.probeUntil(target, x -> x.value(DEAD, "relname", "churn_big").orElse(0.0) >= 5000, Duration.ofSeconds(10));

        assertEquals(5000.0, s.require(DEAD, "schemaname", "public", "relname", "churn_big"));
        assertEquals(15000.0, s.require("dbtools_postgres_table_live_tuples", "relname", "churn_big"));
        assertEquals(1.0, s.find(DEAD).stream().filter(x -> !"other".equals(Scrapes.label(x, "relname"))).count(),
                "tables_top_n=1 names one table");
        assertTrue(s.require(DEAD, "schemaname", "", "relname", "other") >= 100, "churn_small's dead rows are in other");
        assertTrue(s.require("dbtools_postgres_tables", "relname", "other") >= 2);
        assertTrue(s.require("dbtools_postgres_table_rows_deleted_total", "relname", "churn_big") >= 5000);
        assertTrue(s.value("dbtools_postgres_table_last_vacuum_age_seconds", "relname", "other").isEmpty(),
                "the other bucket has no age");
    }

    @Test
    void a_vacuum_shows_as_a_recent_last_vacuum_age_and_clears_dead_tuples() throws Exception {
        try (Connection c = TestPostgres.superuser("postgres"); Statement st = c.createStatement()) {
            st.execute("VACUUM churn_small");
        }
        var target = TestPostgres.target("tables", TestPostgres.get().getPort(), TABLES, Map.of("tables_top_n", "50"));
        Scrapes s = Scrapes.probeUntil(target, x -> x.value("dbtools_postgres_table_last_vacuum_age_seconds", "relname", "churn_small")
                .isPresent(), Duration.ofSeconds(10));

        double age = s.require("dbtools_postgres_table_last_vacuum_age_seconds", "relname", "churn_small");
        assertTrue(age >= 0 && age < 60, "vacuumed " + age + " s ago");
        assertEquals(0.0, s.require(DEAD, "relname", "churn_small"));
        assertTrue(s.require("dbtools_postgres_table_vacuums_total", "relname", "churn_small") >= 1);
    }

    @Test
    void the_largest_table_is_named_with_its_size_and_index_size_and_the_rest_summed_in_other() {
        var target = TestPostgres.target("sizes", TestPostgres.get().getPort(), TABLES, Map.of("tables_top_n", "1"));
        Scrapes s = Scrapes.probe(target);

        double big = s.require("dbtools_postgres_table_size_bytes", "schemaname", "public", "relname", "churn_big");
        assertTrue(big > 20000 * 200, "20000 rows of 200 bytes take at least 4 MB, got " + big);
        assertTrue(s.require("dbtools_postgres_table_index_size_bytes", "relname", "churn_big") > 0, "primary key index");
        assertTrue(s.require("dbtools_postgres_table_size_bytes", "relname", "other") > 0);
        assertEquals(2, s.find("dbtools_postgres_table_size_bytes").size(), "one named table and other");
    }

    @Test
    void a_top_n_option_that_is_not_a_number_fails_only_the_collectors_that_use_it() {
        var target = TestPostgres.target("bad-option", TestPostgres.get().getPort(), CollectorSelection.DEFAULTS,
                Map.of("tables_top_n", "twenty"));
        Scrapes s = Scrapes.probe(target);

        assertEquals(0.0, s.require("dbtools_scrape_collector_success", "collector", "pg_stat_user_tables"));
        assertEquals(0.0, s.require("dbtools_scrape_collector_success", "collector", "pg_table_size"));
        assertEquals(1.0, s.require("dbtools_scrape_collector_success", "collector", "pg_stat_database"));
        assertEquals(1.0, s.require("dbtools_up"));
    }

    @Test
    void tables_of_the_databases_the_databases_option_lists_are_read_too_labelled_with_their_database() throws Exception {
        try (Connection c = TestPostgres.superuser("app"); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS app_churn");
            st.execute("CREATE TABLE app_churn (id int) WITH (autovacuum_enabled = false)");
            st.execute("INSERT INTO app_churn SELECT generate_series(1, 300)");
            st.execute("DELETE FROM app_churn WHERE id <= 200");
        }
        var target = TestPostgres.target("two-databases", TestPostgres.get().getPort(), TABLES,
                Map.of("tables_top_n", "1", "databases", "app, postgres"));
        Scrapes s = Scrapes.probeUntil(target, x -> x.value(DEAD, "datname", "app", "relname", "app_churn").orElse(0.0) >= 200,
                Duration.ofSeconds(10));

        assertEquals(200.0, s.require(DEAD, "datname", "app", "schemaname", "public", "relname", "app_churn"));
        assertEquals(5000.0, s.require(DEAD, "datname", "postgres", "relname", "churn_big"));
        assertEquals(2, s.find(DEAD, "datname", "postgres").size(), "top 1 and other per database; postgres listed once");
        assertTrue(!s.find("dbtools_postgres_table_size_bytes", "datname", "app").isEmpty());
    }

    @Test
    void a_listed_database_that_does_not_exist_fails_the_collector_with_its_name_after_the_others_ran() throws Exception {
        var target = TestPostgres.target("missing-database", TestPostgres.get().getPort(), TABLES,
                Map.of("databases", "no_such_database"));
        try (var session = new io.dbtools.postgres.PostgresPlugin().open(target)) {
            var deadline = io.dbtools.plugin.Deadline.after(Duration.ofSeconds(10), java.time.Clock.systemUTC());
            var server = session.identify(deadline);
            var buffer = new io.dbtools.exporter.SampleBuffer();
            @SuppressWarnings("unchecked")
            var source = (io.dbtools.postgres.PgSource) session.source();
            var failure = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class,
                    () -> new PgStatUserTablesCollector().collect(source, new io.dbtools.plugin.ScrapeContext(server, deadline, target), buffer));

            assertTrue(failure.getMessage().startsWith("database no_such_database: "), failure.getMessage());
            assertTrue(!buffer.isEmpty(), "the connected database was still read");
        }
    }
}
