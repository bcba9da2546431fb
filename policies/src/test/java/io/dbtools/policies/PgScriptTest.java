package io.dbtools.policies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.junit.jupiter.api.Test;

class PgScriptTest {

    private final DefaultPolicyExecutor executor = new DefaultPolicyExecutor(Clock.systemUTC(), Tools.onPath());

    private PolicyOutcome script(String options, Duration timeout) {
        return executor.execute("custom_script", Specs.valid("custom_script", "{\"postgres\": " + options + "}"), TestPg.target(), timeout);
    }

    private static boolean tableExists(String name) throws SQLException {
        try (Connection c = TestPg.superuser(TestPg.get(), "app"); Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT to_regclass('" + name + "') IS NOT NULL")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    @Test
    void runsEveryStatementAndCountsRows() throws SQLException {
        PolicyOutcome out = script("""
                {"script": "CREATE TABLE script_ok (id int); INSERT INTO script_ok SELECT generate_series(1, 7); SELECT * FROM script_ok WHERE id > 2"}
                """, Duration.ofMinutes(1));
        assertEquals(Status.SUCCESS, out.status(), out::toString);
        assertEquals("[{\"rows_affected\":0},{\"rows_affected\":7},{\"rows_returned\":5}]", out.result().path("statements").toString());
        assertTrue(tableExists("script_ok"));
    }

    @Test
    void aFailingStatementRollsBackTheWholeScript() throws SQLException {
        PolicyOutcome out = script("""
                {"script": "CREATE TABLE script_half (id int); SELECT 1 / 0"}
                """, Duration.ofMinutes(1));
        assertEquals(Status.FAILED, out.status(), out::toString);
        assertTrue(out.error().startsWith("the script failed and was rolled back: ERROR: division by zero"), out.error());
        assertFalse(tableExists("script_half"), "nothing of a failed script stays");
    }

    @Test
    void theScriptsOwnTimeoutCancelsIt() throws SQLException {
        long start = System.nanoTime();
        PolicyOutcome out = script("""
                {"script": "CREATE TABLE script_slow (id int); SELECT pg_sleep(30)", "timeout_seconds": 1}
                """, Duration.ofMinutes(1));
        assertEquals(Status.TIMED_OUT, out.status(), out::toString);
        assertEquals("the script did not finish within 1 s (timeout_seconds); its transaction was rolled back", out.error());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(15)) < 0);
        assertFalse(tableExists("script_slow"));
    }

    @Test
    void theJobsTimeoutBoundsALongerScriptTimeout() {
        PolicyOutcome out = script("""
                {"script": "SELECT pg_sleep(30)", "timeout_seconds": 600, "transaction": false}
                """, Duration.ofSeconds(1));
        assertEquals(Status.TIMED_OUT, out.status(), out::toString);
        assertEquals("the script did not finish within the job's timeout", out.error());
    }

    @Test
    void aSecretEchoedByTheServerIsScrubbed() {
        PolicyOutcome out = script("{\"script\": \"DO $$ BEGIN RAISE EXCEPTION 'leaked %', '" + TestPg.PASSWORD + "'; END $$\"}",
                Duration.ofMinutes(1));
        assertEquals(Status.FAILED, out.status(), out::toString);
        assertTrue(out.error().contains("leaked ***"), out.error());
        assertFalse(out.error().contains(TestPg.PASSWORD) || out.result().toString().contains(TestPg.PASSWORD));
    }
}
