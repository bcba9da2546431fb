package io.dbtools.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.exporter.testing.Targets;
import io.dbtools.plugin.ConnectionCheck;
import io.dbtools.plugin.FailureKind;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PostgresPluginTest {

    private final PostgresPlugin plugin = new PostgresPlugin();

    @Test
    void test_connection_reports_version_and_no_missing_grant_for_a_pg_monitor_role() {
        var check = plugin.testConnection(TestPostgres.target("t"), Duration.ofSeconds(10));
        var ok = assertInstanceOf(ConnectionCheck.Ok.class, check);
        assertEquals("postgres", ok.server().flavor());
        assertTrue(ok.server().version().major() >= 12);
        assertEquals(java.util.List.of(), ok.missingPermissions());
    }

    @Test
    void test_connection_names_pg_monitor_when_the_role_lacks_it() throws Exception {
        try (Connection c = TestPostgres.superuser("postgres"); Statement st = c.createStatement()) {
            st.execute("DROP ROLE IF EXISTS plain_user");
            st.execute("CREATE ROLE plain_user LOGIN PASSWORD 'plain-pass'");
        }
        var target = Targets.of("t", "postgres", "localhost", TestPostgres.get().getPort(), "postgres", "plain_user", "plain-pass");
        var ok = assertInstanceOf(ConnectionCheck.Ok.class, plugin.testConnection(target, Duration.ofSeconds(10)));
        assertEquals(java.util.List.of("pg_monitor"), ok.missingPermissions());
    }

    @Test
    void a_wrong_password_is_an_authentication_failure_and_the_password_is_not_in_the_message() {
        var target = Targets.of("t", "postgres", "localhost", TestPostgres.get().getPort(), "postgres",
                TestPostgres.MONITOR_USER, "wrong-secret-42");
        var failed = assertInstanceOf(ConnectionCheck.Failed.class, plugin.testConnection(target, Duration.ofSeconds(10)));
        assertEquals(FailureKind.AUTHENTICATION, failed.kind());
        assertTrue(!failed.message().contains("wrong-secret-42"), failed.message());
    }

    @Test
    void a_closed_port_is_unreachable_and_answers_fast() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        var target = Targets.of("t", "postgres", "127.0.0.1", port, "postgres", "u", "p");
        var failed = assertInstanceOf(ConnectionCheck.Failed.class, plugin.testConnection(target, Duration.ofSeconds(10)));
        assertEquals(FailureKind.UNREACHABLE, failed.kind());
        assertTrue(failed.took().toMillis() < 2000, "took " + failed.took());
    }

    @Test
    void a_server_that_accepts_but_never_answers_is_a_timeout_within_the_deadline() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            var target = Targets.of("t", "postgres", "127.0.0.1", silent.getLocalPort(), "postgres", "u", "p");
            var failed = assertInstanceOf(ConnectionCheck.Failed.class, plugin.testConnection(target, Duration.ofSeconds(2)));
            assertEquals(FailureKind.TIMEOUT, failed.kind(), failed.message());
            assertTrue(failed.took().toMillis() < 4000, "took " + failed.took());
        }
    }

    @Test
    void a_missing_database_is_a_configuration_failure() {
        var target = Targets.of("t", "postgres", "localhost", TestPostgres.get().getPort(), "no_such_db",
                TestPostgres.MONITOR_USER, TestPostgres.MONITOR_PASSWORD);
        var failed = assertInstanceOf(ConnectionCheck.Failed.class, plugin.testConnection(target, Duration.ofSeconds(10)));
        assertEquals(FailureKind.CONFIGURATION, failed.kind());
    }

    @Test
    void cockroachdb_banner_is_recognised_as_its_own_flavor() {
        var info = PgIdentity.fromBanner("CockroachDB CCL v23.1.11 (x86_64-pc-linux-gnu, built 2023/09/27 01:53:43, go1.19.10)", "13.0.0");
        assertEquals("cockroachdb", info.flavor());
        assertEquals("23.1.11", info.versionText());
        assertEquals("CCL", info.edition());
    }
}
