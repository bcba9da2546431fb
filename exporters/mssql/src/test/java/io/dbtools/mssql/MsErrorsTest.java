package io.dbtools.mssql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.dbtools.plugin.FailureKind;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * Classification by the vendor error codes and SQLStates the driver puts on its SQLServerException (a
 * java.sql.SQLException); the messages are SQL Server's own texts.
 */
class MsErrorsTest {

    @Test
    void login_failed_18456_is_an_authentication_failure_without_the_password() {
        var e = new SQLException("Login failed for user 'monitor'. ClientConnectionId:6f0c0e1e", "S0001", 18456);
        var c = MsErrors.classify(e);
        assertEquals(FailureKind.AUTHENTICATION, c.kind());
        assertFalse(c.getMessage().contains("s3cret"));
    }

    @Test
    void view_server_state_denied_297_and_300_are_permission_failures() {
        assertEquals(FailureKind.PERMISSION, MsErrors.kindOf(new SQLException(
                "VIEW SERVER STATE permission was denied on object 'server', database 'master'.", "S0001", 300)));
        assertEquals(FailureKind.PERMISSION, MsErrors.kindOf(new SQLException(
                "The user does not have permission to perform this action.", "S0001", 297)));
    }

    @Test
    void tcp_failures_reported_only_in_the_message_are_unreachable_or_timeout() {
        assertEquals(FailureKind.UNREACHABLE, MsErrors.kindOf(new SQLException("The TCP/IP connection to the host 10.0.0.9, port 1433 has "
                + "failed. Error: \"Connection refused. Verify the connection properties.\"", "08S01", 0)));
        assertEquals(FailureKind.TIMEOUT, MsErrors.kindOf(new SQLException("The TCP/IP connection to the host 10.0.0.9, port 1433 has "
                + "failed. Error: \"connect timed out. Verify the connection properties.\"", "08S01", 0)));
        assertEquals(FailureKind.TIMEOUT, MsErrors.kindOf(new SQLException("The query has timed out.", "HY008", 0)));
        // A repeated failed lookup of the same name: the JDK's cached UnknownHostException carries only the host name.
        assertEquals(FailureKind.UNREACHABLE, MsErrors.kindOf(new SQLException("The TCP/IP connection to the host no-such-host.invalid, "
                + "port 1433 has failed. Error: \"no-such-host.invalid. Verify the connection properties.\"", "08S01", 0)));
    }

    @Test
    void a_database_the_login_cannot_open_is_a_configuration_failure() {
        assertEquals(FailureKind.CONFIGURATION, MsErrors.kindOf(new SQLException(
                "Cannot open database \"sales\" requested by the login. The login failed.", "S0001", 4060)));
    }

    @Test
    void an_unknown_error_stays_an_error_with_its_text() {
        var c = MsErrors.classify(new SQLException("Something else", "S0001", 50000));
        assertEquals(FailureKind.ERROR, c.kind());
        assertEquals("Something else", c.getMessage());
    }
}
