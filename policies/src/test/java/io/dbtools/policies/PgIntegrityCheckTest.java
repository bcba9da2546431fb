package io.dbtools.policies;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** amcheck as the embedded PostgreSQL 14 ships it (contrib included): bt_index_check and verify_heapam for real. */
class PgIntegrityCheckTest {

    private final DefaultPolicyExecutor executor = new DefaultPolicyExecutor(Clock.systemUTC(), Tools.onPath());

    @BeforeAll
    static void databases() throws SQLException {
        try (Connection c = TestPg.superuser(TestPg.get(), "postgres"); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE checked OWNER " + TestPg.USER);
            st.execute("CREATE DATABASE unchecked OWNER " + TestPg.USER);
        }
        try (Connection c = TestPg.superuser(TestPg.get(), "checked"); Statement st = c.createStatement()) {
            // amcheck's functions are superuser-only until granted: the documented grants for the policy's role
            st.execute("CREATE EXTENSION amcheck");
            st.execute("GRANT EXECUTE ON FUNCTION bt_index_check(regclass, boolean) TO " + TestPg.USER);
            st.execute("GRANT EXECUTE ON FUNCTION verify_heapam(regclass, boolean, boolean, text, bigint, bigint) TO " + TestPg.USER);
            st.execute("SET ROLE " + TestPg.USER);
            st.execute("CREATE TABLE orders (id int PRIMARY KEY, customer text)");
            st.execute("CREATE INDEX orders_customer ON orders (customer)");
            st.execute("INSERT INTO orders SELECT g, 'c' || (g % 97) FROM generate_series(1, 20000) g");
            st.execute("CREATE TABLE notes (id int PRIMARY KEY, body text)");
        }
    }

    @Test
    void checksEveryBtreeIndexAndEveryTable() {
        PolicyOutcome out = executor.execute("integrity_check", Specs.valid("integrity_check", """
                {"postgres": {"heapallindexed": true}}
                """), TestPg.target(TestPg.get(), "checked", TestPg.PASSWORD), Duration.ofMinutes(1));
        assertEquals(Status.SUCCESS, out.status(), () -> out.error() + " " + out.result());
        assertEquals(3, out.result().path("indexes_checked").asInt(), out.result().toString());
        assertEquals(2, out.result().path("tables_checked").asInt(), out.result().toString());
        assertEquals(0, out.result().path("corruption").size());
        assertTrue(out.result().path("amcheck_version").asText().startsWith("1."), out.result().toString());
    }

    @Test
    void aMissingGrantFailsTheRunAndIsNoFinding() throws SQLException {
        try (Connection c = TestPg.superuser(TestPg.get(), "postgres"); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE ungranted OWNER " + TestPg.USER);
        }
        try (Connection c = TestPg.superuser(TestPg.get(), "ungranted"); Statement st = c.createStatement()) {
            st.execute("CREATE EXTENSION amcheck");
            st.execute("CREATE TABLE t (id int PRIMARY KEY)");
        }
        PolicyOutcome out = executor.execute("integrity_check", Specs.valid("integrity_check", "{\"postgres\": {}}"),
                TestPg.target(TestPg.get(), "ungranted", TestPg.PASSWORD), Duration.ofMinutes(1));
        assertEquals(Status.FAILED, out.status(), out::toString);
        assertTrue(out.error().contains("42501") && out.error().contains("permission denied for function bt_index_check"), out.error());
    }

    @Test
    void withoutAmcheckTheCheckIsSkippedSayingWhy() {
        PolicyOutcome out = executor.execute("integrity_check", Specs.valid("integrity_check", "{\"postgres\": {}}"),
                TestPg.target(TestPg.get(), "unchecked", TestPg.PASSWORD), Duration.ofMinutes(1));
        assertEquals(Status.SKIPPED, out.status(), out::toString);
        assertTrue(out.error().contains("amcheck extension is not installed in database unchecked"), out.error());
    }

    @Test
    void creatingAmcheckNeedsTheRightToDoSo() {
        // amcheck is not a trusted extension: a database owner who is no superuser cannot create it
        PolicyOutcome out = executor.execute("integrity_check", Specs.valid("integrity_check", """
                {"postgres": {"create_extension": true}}
                """), TestPg.target(TestPg.get(), "unchecked", TestPg.PASSWORD), Duration.ofMinutes(1));
        assertEquals(Status.SKIPPED, out.status(), out::toString);
        assertTrue(out.error().startsWith("amcheck could not be created in database unchecked"), out.error());
    }

    @Test
    void anIndexThatNoLongerMatchesItsTableIsFailedWithTheFinding() throws SQLException {
        try (Connection c = TestPg.superuser(TestPg.get(), "postgres"); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE corrupt OWNER " + TestPg.USER);
        }
        try (Connection c = TestPg.superuser(TestPg.get(), "corrupt"); Statement st = c.createStatement()) {
            st.execute("CREATE EXTENSION amcheck");
            st.execute("GRANT EXECUTE ON FUNCTION bt_index_check(regclass, boolean) TO " + TestPg.USER);
            st.execute("GRANT EXECUTE ON FUNCTION verify_heapam(regclass, boolean, boolean, text, bigint, bigint) TO " + TestPg.USER);
            st.execute("SET ROLE " + TestPg.USER);
            st.execute("CREATE FUNCTION shift(int) RETURNS int IMMUTABLE LANGUAGE sql AS 'SELECT $1 + 1'");
            st.execute("CREATE TABLE items (id int)");
            st.execute("INSERT INTO items SELECT g FROM generate_series(1, 1000) g");
            st.execute("CREATE INDEX items_shift ON items (shift(id))");
            // what an 'immutable' function changed under an index does: the index's entries no longer
            // match what the table's rows say they should be
            st.execute("CREATE OR REPLACE FUNCTION shift(int) RETURNS int IMMUTABLE LANGUAGE sql AS 'SELECT $1 + 2'");
        }
        PolicyOutcome out = executor.execute("integrity_check", Specs.valid("integrity_check", """
                {"postgres": {"heapallindexed": true}}
                """), TestPg.target(TestPg.get(), "corrupt", TestPg.PASSWORD), Duration.ofMinutes(1));
        assertEquals(Status.FAILED, out.status(), out::toString);
        assertTrue(out.error().startsWith("amcheck found corruption in 1 place(s); first: public.items_shift: "), out.error());
        assertEquals("public.items_shift", out.result().path("corruption").get(0).path("relation").asText());
        assertTrue(out.result().path("corruption").get(0).path("message").asText().contains("lacks matching index tuple"), out.result().toString());
    }
}
