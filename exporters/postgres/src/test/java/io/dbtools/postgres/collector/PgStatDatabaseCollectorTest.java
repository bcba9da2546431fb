package io.dbtools.postgres.collector;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.postgres.Scrapes;
import io.dbtools.postgres.TestPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PgStatDatabaseCollectorTest {

    private static final String COMMITS = "dbtools_postgres_transactions_committed_total";
    private static final String INSERTED = "dbtools_postgres_tuples_inserted_total";

    @Test
    void committed_transactions_raise_the_commit_and_insert_counters_of_their_database() throws Exception {
        Scrapes before = Scrapes.probe(TestPostgres.target("db"));
        double commits = before.require(COMMITS, "datname", "app");
        double inserted = before.require(INSERTED, "datname", "app");
        try (Connection c = TestPostgres.superuser("app"); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS commits_seen (id int)");
            for (int i = 0; i < 5; i++) {
                st.execute("INSERT INTO commits_seen SELECT generate_series(1, 10)");
            }
        }
        Scrapes after = Scrapes.probeUntil(TestPostgres.target("db"),
                s -> s.require(INSERTED, "datname", "app") >= inserted + 50, Duration.ofSeconds(10));

        assertTrue(after.require(COMMITS, "datname", "app") >= commits + 6, "6 transactions committed in app");
        assertTrue(after.require(INSERTED, "datname", "app") >= inserted + 50);
        assertTrue(after.require("dbtools_postgres_sessions_established_total", "datname", "app") >= 1, "14+: session statistics");
    }

    @Test
    void conflicts_are_counted_per_reason_and_are_zero_on_a_primary() {
        Scrapes s = Scrapes.probe(TestPostgres.target("db"));
        for (String reason : new String[] {"tablespace", "lock", "snapshot", "bufferpin", "deadlock"}) {
            assertTrue(s.require("dbtools_postgres_recovery_conflicts_by_reason_total", "datname", "app", "reason", reason) == 0.0);
        }
    }
}
