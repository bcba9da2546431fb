package io.dbtools.postgres.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.plugin.CollectorSelection;
import io.dbtools.postgres.Scrapes;
import io.dbtools.postgres.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PgStatStatementsCollectorTest {

    @Test
    void a_statement_that_took_the_most_time_is_in_the_top_n_with_its_calls_and_the_rest_is_in_other() throws Exception {
        String queryid;
        try (Connection c = TestPostgres.superuser("app"); Statement st = c.createStatement()) {
            for (int i = 0; i < 15; i++) {
                st.execute("SELECT pg_sleep(0.15) AS statements_test_marker");
            }
        }
        // The extension's view lives in database postgres; the statistics are server-wide.
        try (Connection c = TestPostgres.superuser("postgres"); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery(
                    "SELECT queryid::text FROM pg_stat_statements WHERE query LIKE '%statements_test_marker%' AND query NOT LIKE '%pg_stat_statements%'")) {
                rs.next();
                queryid = rs.getString(1);
            }
        }
        var target = TestPostgres.target("statements", TestPostgres.get().getPort(),
                new CollectorSelection(Set.of(), Set.of("pg_stat_statements"), Set.of()), Map.of("statements_top_n", "3"));
        Scrapes s = Scrapes.probe(target);

        assertEquals(1.0, s.require("dbtools_scrape_collector_success", "collector", "pg_stat_statements"));
        assertTrue(s.require("dbtools_postgres_statement_calls_total", "queryid", queryid, "datname", "app") >= 15);
        assertTrue(s.require("dbtools_postgres_statement_exec_seconds_total", "queryid", queryid) >= 2.25);
        assertTrue(s.require("dbtools_postgres_statement_calls_total", "queryid", "other", "datname", "") >= 1);
        assertEquals(4, s.find("dbtools_postgres_statement_calls_total").size(), "3 named statements and other");
    }

    @Test
    void statements_are_off_unless_the_target_includes_them() {
        Scrapes s = Scrapes.probe(TestPostgres.target("statements-default"));
        assertTrue(s.find("dbtools_postgres_statement_calls_total").isEmpty());
        assertTrue(s.value("dbtools_scrape_collector_success", "collector", "pg_stat_statements").isEmpty());
    }
}
