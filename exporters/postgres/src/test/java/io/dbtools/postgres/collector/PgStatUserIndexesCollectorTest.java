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
import org.junit.jupiter.api.Test;

class PgStatUserIndexesCollectorTest {

    private static final String UNUSED = "dbtools_postgres_unused_index_size_bytes";

    @Test
    void an_index_no_query_uses_is_reported_with_its_size_and_disappears_once_a_query_scans_it() throws Exception {
        try (Connection c = TestPostgres.superuser("postgres"); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS indexed_rows");
            st.execute("CREATE TABLE indexed_rows (id int PRIMARY KEY, tag int)");
            st.execute("INSERT INTO indexed_rows SELECT g, g % 100 FROM generate_series(1, 20000) g");
            st.execute("CREATE INDEX indexed_rows_tag ON indexed_rows (tag)");
        }
        var target = TestPostgres.target("indexes", TestPostgres.get().getPort(),
                new CollectorSelection(Set.of("pg_stat_user_indexes"), Set.of(), Set.of()), Map.of("tables_top_n", "50"));
        Scrapes unused = Scrapes.probeUntil(target, s -> s.value(UNUSED, "indexrelname", "indexed_rows_tag").isPresent(),
                Duration.ofSeconds(10));

        double bytes = unused.require(UNUSED, "schemaname", "public", "relname", "indexed_rows", "indexrelname", "indexed_rows_tag");
        assertTrue(bytes > 8192 * 10, "an index on 20000 rows spans pages: " + bytes);
        assertTrue(unused.value(UNUSED, "indexrelname", "indexed_rows_pkey").isEmpty(), "unique indexes are left out");

        try (Connection c = TestPostgres.superuser("postgres"); Statement st = c.createStatement()) {
            st.execute("SET enable_seqscan = off");
            st.execute("SELECT count(*) FROM indexed_rows WHERE tag = 7");
        }
        Scrapes used = Scrapes.probeUntil(target, s -> s.value(UNUSED, "indexrelname", "indexed_rows_tag").isEmpty(),
                Duration.ofSeconds(10));
        assertTrue(used.value(UNUSED, "indexrelname", "indexed_rows_tag").isEmpty(), "scanned once: no longer unused");
        assertEquals(1.0, used.require("dbtools_scrape_collector_success", "collector", "pg_stat_user_indexes"));
    }
}
