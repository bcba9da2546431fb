package io.dbtools.postgres.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.plugin.CoreMetrics;
import io.dbtools.postgres.Scrapes;
import io.dbtools.postgres.TestPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class PgLocksCollectorTest {

    @Test
    void a_session_waiting_on_another_sessions_lock_is_a_blocked_session_with_one_head_blocker() throws Exception {
        try (Connection setup = TestPostgres.superuser("app"); Statement st = setup.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS locked_thing (id int)");
        }
        try (Connection holder = TestPostgres.superuser("app"); Connection waiter = TestPostgres.superuser("app")) {
            holder.setAutoCommit(false);
            try (Statement st = holder.createStatement()) {
                st.execute("LOCK TABLE locked_thing IN ACCESS EXCLUSIVE MODE");
            }
            CompletableFuture<Void> blocked = CompletableFuture.runAsync(() -> {
                try (Statement st = waiter.createStatement()) {
                    st.execute("SELECT count(*) FROM locked_thing");
                } catch (Exception ignored) {
                    // ends when the holder rolls back
                }
            });
            Scrapes s = Scrapes.probeUntil(TestPostgres.target("locks"),
                    x -> x.value(CoreMetrics.BLOCKED_SESSIONS).orElse(0.0) >= 1, Duration.ofSeconds(10));

            assertEquals(1.0, s.require(CoreMetrics.BLOCKED_SESSIONS));
            assertEquals(1.0, s.require("dbtools_postgres_head_blockers"));
            assertTrue(s.require("dbtools_postgres_locks", "datname", "app", "mode", "AccessExclusiveLock", "granted", "true") >= 1);
            assertTrue(s.require("dbtools_postgres_locks", "datname", "app", "mode", "AccessShareLock", "granted", "false") >= 1);
            assertTrue(s.require("dbtools_postgres_sessions", "datname", "app", "state", "idle in transaction") >= 1);
            assertTrue(s.require("dbtools_postgres_lock_wait_longest_seconds") >= 0);

            holder.rollback();
            blocked.get();
            Scrapes after = Scrapes.probe(TestPostgres.target("locks"));
            assertEquals(0.0, after.require(CoreMetrics.BLOCKED_SESSIONS));
            assertEquals(0.0, after.require("dbtools_postgres_head_blockers"));
        }
    }
}
