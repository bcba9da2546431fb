package io.dbtools.snowflake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.exporter.testing.Targets;
import io.dbtools.plugin.ConnectionCheck;
import io.dbtools.plugin.FailureKind;
import io.dbtools.plugin.Target;
import java.net.ServerSocket;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.snowflake.client.jdbc.SnowflakeSQLException;
import org.junit.jupiter.api.Test;

/**
 * Connection checks on a recorded account (no Snowflake account is reachable from the build); the error codes
 * are the driver's own exception type with Snowflake's documented vendor codes.
 */
class SnowflakePluginTest {

    private static final Target TARGET = Targets.of("t", "snowflake", "acme.snowflakecomputing.com", 443, null,
            "DBTOOLS_MONITOR_USER", "s3cret-Pa55");

    private final RecordedAccount account = new RecordedAccount();

    private ConnectionCheck check(Target target) {
        return new SnowflakePlugin(Clock.systemUTC(), (t, timeout) -> account).testConnection(target, Duration.ofSeconds(10));
    }

    private static ConnectionCheck failingLogin(SQLException error) {
        return new SnowflakePlugin(Clock.systemUTC(), (t, timeout) -> { throw error; })
                .testConnection(TARGET, Duration.ofSeconds(10));
    }

    @Test
    void test_connection_reports_the_release_role_and_warehouse_and_no_missing_grant_when_the_probe_reads() {
        account.answer(SfPermissions.PROBE, () -> Fixture.empty(List.of("1")));
        var ok = assertInstanceOf(ConnectionCheck.Ok.class, check(TARGET));
        assertEquals("snowflake", ok.server().flavor());
        assertEquals("8.41.2", ok.server().versionText());
        assertEquals(8, ok.server().version().major());
        assertEquals(Map.of("role", "DBTOOLS_MONITOR", "warehouse", "MONITOR_WH"), ok.server().extra());
        assertEquals(List.of(), ok.missingPermissions());
        assertTrue(account.calls.stream().allMatch(c -> c.timeoutSeconds() >= 1 && c.timeoutSeconds() <= 10), account.calls.toString());
        assertEquals(1, account.closes, "the test connection is closed");
    }

    @Test
    void an_unauthorised_account_usage_probe_names_imported_privileges_on_the_snowflake_database() {
        account.fail(SfPermissions.PROBE, new SnowflakeSQLException("q1",
                "SQL compilation error: Object 'SNOWFLAKE.ACCOUNT_USAGE.WAREHOUSE_METERING_HISTORY' does not exist or not authorized.",
                "02000", 2003));
        var ok = assertInstanceOf(ConnectionCheck.Ok.class, check(TARGET));
        assertEquals(List.of("IMPORTED PRIVILEGES ON DATABASE SNOWFLAKE"), ok.missingPermissions());
    }

    @Test
    void a_session_without_a_warehouse_names_warehouse_usage() {
        account.identity = SfIdentity.from("8.41.2", "DBTOOLS_MONITOR", null);
        account.fail(SfPermissions.PROBE, new SnowflakeSQLException("q2",
                "No active warehouse selected in the current session.", "57P03", 606));
        Target withWarehouse = SfConnectionsTest.target("acme.snowflakecomputing.com", TARGET.credentials(), Map.of("warehouse", "MONITOR_WH"));
        var ok = assertInstanceOf(ConnectionCheck.Ok.class, check(withWarehouse));
        assertEquals(List.of("USAGE ON WAREHOUSE MONITOR_WH"), ok.missingPermissions());
    }

    @Test
    void incorrect_username_or_password_is_an_authentication_failure_without_the_password_in_the_message() {
        var failed = assertInstanceOf(ConnectionCheck.Failed.class, failingLogin(new SnowflakeSQLException(
                null, "Incorrect username or password was specified.", "08004", 390100)));
        assertEquals(FailureKind.AUTHENTICATION, failed.kind());
        assertFalse(failed.message().contains("s3cret-Pa55"), failed.message());
    }

    @Test
    void an_invalid_jwt_is_an_authentication_failure() {
        var failed = assertInstanceOf(ConnectionCheck.Failed.class, failingLogin(new SnowflakeSQLException(
                null, "JWT token is invalid.", "08004", 390144)));
        assertEquals(FailureKind.AUTHENTICATION, failed.kind());
    }

    @Test
    void object_does_not_exist_or_not_authorized_is_a_permission_failure() {
        var failed = assertInstanceOf(ConnectionCheck.Failed.class, failingLogin(new SnowflakeSQLException(
                null, "Object does not exist or not authorized.", "02000", 2003)));
        assertEquals(FailureKind.PERMISSION, failed.kind());
    }

    @Test
    void an_out_of_range_option_is_a_configuration_failure_before_any_login() {
        Target bad = SfConnectionsTest.target("acme.snowflakecomputing.com", TARGET.credentials(), Map.of("window_hours", "0"));
        var failed = assertInstanceOf(ConnectionCheck.Failed.class, check(bad));
        assertEquals(FailureKind.CONFIGURATION, failed.kind());
        assertTrue(failed.message().contains("window_hours"), failed.message());
        assertEquals(List.of(), account.calls);
    }

    @Test
    void the_real_driver_against_a_closed_port_is_unreachable_within_the_deadline() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Target closed = Targets.of("t", "snowflake", "127.0.0.1", port, null, "u", "not-the-password");
        var failed = assertInstanceOf(ConnectionCheck.Failed.class, new SnowflakePlugin().testConnection(closed, Duration.ofSeconds(4)));
        assertEquals(FailureKind.UNREACHABLE, failed.kind(), failed.message());
        assertFalse(failed.message().contains("not-the-password"), failed.message());
        assertTrue(failed.took().toMillis() < 10_000, "took " + failed.took());
    }

    @Test
    void an_unreadable_key_file_is_a_configuration_failure_naming_the_field() {
        var creds = new Target.Credentials("key_pair", "mon", null, io.dbtools.plugin.SecretRef.parse("file:/nonexistent/rsa_key.p8"));
        Target target = SfConnectionsTest.target("127.0.0.1", creds, Map.of());
        var failed = assertInstanceOf(ConnectionCheck.Failed.class, new SnowflakePlugin().testConnection(target, Duration.ofSeconds(5)));
        assertEquals(FailureKind.CONFIGURATION, failed.kind());
        assertTrue(failed.message().contains("credentials.privateKey"), failed.message());
    }
}
