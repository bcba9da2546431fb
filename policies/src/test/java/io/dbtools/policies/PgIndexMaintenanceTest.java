package io.dbtools.policies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.policies.PolicyExecutor.PolicyOutcome;
import io.dbtools.policies.PolicyExecutor.Status;
import io.dbtools.policies.testing.Specs;
import io.dbtools.policies.testing.TestPg;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PgIndexMaintenanceTest {

    private final DefaultPolicyExecutor executor = new DefaultPolicyExecutor(Clock.systemUTC(), Tools.onPath());

    @BeforeAll
    static void tables() throws SQLException {
        try (Connection c = TestPg.superuser(TestPg.get(), "app"); Statement st = c.createStatement()) {
            st.execute("SET ROLE " + TestPg.USER);
            st.execute("CREATE SCHEMA im");
            // 90% of a 200k-row table deleted: the primary key keeps its pages after VACUUM, mostly empty
            st.execute("CREATE TABLE im.bloated (id int PRIMARY KEY, pad text) WITH (autovacuum_enabled = false)");
            st.execute("INSERT INTO im.bloated SELECT g, md5(g::text) FROM generate_series(1, 200000) g");
            st.execute("DELETE FROM im.bloated WHERE id % 10 <> 0");
            // freshly built: no bloat
            st.execute("CREATE TABLE im.fresh (id int PRIMARY KEY) WITH (autovacuum_enabled = false)");
            st.execute("INSERT INTO im.fresh SELECT g FROM generate_series(1, 50000) g");
            st.execute("CREATE TABLE im.skipped (id int PRIMARY KEY) WITH (autovacuum_enabled = false)");
            st.execute("INSERT INTO im.skipped SELECT g FROM generate_series(1, 1000) g");
        }
    }

    private static long filenode(String index) throws SQLException {
        try (Connection c = TestPg.superuser(TestPg.get(), "app"); Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT pg_relation_filenode('" + index + "'::regclass)")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Manual VACUUM and ANALYZE times; the statistics system publishes them asynchronously, so with
     * {@code await} wait for them (bounded), otherwise read them once.
     */
    private static Instant[] vacuumed(String table, boolean await) throws SQLException, InterruptedException {
        long until = System.nanoTime() + (await ? Duration.ofSeconds(15).toNanos() : 0);
        try (Connection c = TestPg.superuser(TestPg.get(), "app"); Statement st = c.createStatement()) {
            while (true) {
                st.execute("SELECT pg_stat_clear_snapshot()");
                try (var rs = st.executeQuery("SELECT last_vacuum, last_analyze FROM pg_stat_user_tables WHERE relid = '" + table + "'::regclass")) {
                    rs.next();
                    var v = rs.getTimestamp(1);
                    var a = rs.getTimestamp(2);
                    if ((v != null && a != null) || System.nanoTime() > until) {
                        return new Instant[] {v == null ? null : v.toInstant(), a == null ? null : a.toInstant()};
                    }
                }
                Thread.sleep(100);
            }
        }
    }

    @Test
    void rebuildsTheBloatedIndexOnlyAndVacuumsTheChosenTables() throws Exception {
        long bloatedBefore = filenode("im.bloated_pkey");
        long freshBefore = filenode("im.fresh_pkey");
        long skippedBefore = filenode("im.skipped_pkey");
        Instant start = Instant.now().minusSeconds(1);

        PolicyOutcome out = executor.execute("index_maintenance", Specs.valid("index_maintenance", """
                {"postgres": {"min_index_size_mb": 0, "tables_include": ["im.*"], "tables_exclude": ["im.skip*"]}}
                """), TestPg.target(), Duration.ofMinutes(2));

        assertEquals(Status.SUCCESS, out.status(), () -> out.error() + " " + out.result());
        assertNotEquals(bloatedBefore, filenode("im.bloated_pkey"), "the bloated index was rebuilt");
        assertEquals(freshBefore, filenode("im.fresh_pkey"), "the fresh index was left alone");
        assertEquals(skippedBefore, filenode("im.skipped_pkey"), "an excluded table is not touched");
        assertEquals(1, out.result().path("reindexed").asInt(), out.result().toString());
        var tables = out.result().path("tables");
        assertEquals(2, tables.size(), tables.toString());
        assertEquals("im.bloated", tables.get(0).path("table").asText());
        var bloatedIndex = tables.get(0).path("indexes").get(0);
        assertEquals("reindexed", bloatedIndex.path("action").asText());
        assertTrue(bloatedIndex.path("estimated_bloat_percent").asDouble() > 70, bloatedIndex.toString());
        var freshIndex = tables.get(1).path("indexes").get(0);
        assertTrue(freshIndex.path("estimated_bloat_percent").asDouble() < 30, freshIndex.toString());
        assertEquals("kept (bloat under the threshold)", freshIndex.path("action").asText());

        for (String table : new String[] {"im.bloated", "im.fresh"}) {
            Instant[] times = vacuumed(table, true);
            assertTrue(times[0] != null && times[0].isAfter(start), table + " last_vacuum " + times[0]);
            assertTrue(times[1] != null && times[1].isAfter(start), table + " last_analyze " + times[1]);
        }
        // read after the other tables' times arrived, so a vacuum of it would have arrived too
        assertEquals(null, vacuumed("im.skipped", false)[0], "the excluded table was not vacuumed");
    }

    @Test
    void aRebuildNeedsTheIndexToBeBigEnough() throws Exception {
        long before = filenode("im.bloated_pkey");
        PolicyOutcome out = executor.execute("index_maintenance", Specs.valid("index_maintenance", """
                {"postgres": {"min_index_size_mb": 1000, "vacuum_analyze": false, "tables_include": ["im.bloated"]}}
                """), TestPg.target(), Duration.ofMinutes(1));
        assertEquals(Status.SUCCESS, out.status(), out::toString);
        assertEquals(before, filenode("im.bloated_pkey"));
        assertEquals("kept (smaller than min_index_size_mb)", out.result().path("tables").get(0).path("indexes").get(0).path("action").asText());
    }

    @Test
    void aVacuumWaitingForALockPastTheTimeoutIsCancelled() throws Exception {
        try (Connection holder = TestPg.superuser(TestPg.get(), "app"); Statement st = holder.createStatement()) {
            holder.setAutoCommit(false);
            st.execute("LOCK TABLE im.skipped IN ACCESS EXCLUSIVE MODE");
            PolicyOutcome out = executor.execute("index_maintenance", Specs.valid("index_maintenance", """
                    {"postgres": {"tables_include": ["im.skipped"]}}
                    """), TestPg.target(), Duration.ofSeconds(2));
            holder.rollback();
            assertEquals(Status.TIMED_OUT, out.status(), out::toString);
            assertEquals("the policy did not finish within its timeout (during VACUUM (ANALYZE) im.skipped)", out.error());
            assertEquals("im.skipped", out.result().path("tables").get(0).path("table").asText(), "the result says how far it got");
        }
    }
}
