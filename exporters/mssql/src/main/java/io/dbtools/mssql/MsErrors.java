package io.dbtools.mssql;

import io.dbtools.plugin.ConnectException;
import io.dbtools.plugin.FailureKind;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Locale;

/** Turns driver and pool exceptions into a {@link FailureKind} and a message fit for an operator. */
final class MsErrors {

    /** Login failed for user; login from an untrusted domain (Windows/Kerberos). */
    private static final int LOGIN_FAILED = 18456;
    private static final int UNTRUSTED_DOMAIN = 18452;
    /** The user does not have permission to perform this action (297); VIEW SERVER STATE permission denied (300). */
    private static final int NO_PERMISSION = 297;
    private static final int PERMISSION_DENIED_ON_SERVER = 300;
    /** SELECT permission denied on an object (msdb tables). */
    private static final int OBJECT_PERMISSION_DENIED = 229;
    /** Cannot open database requested by the login. */
    private static final int CANNOT_OPEN_DATABASE = 4060;

    private MsErrors() {}

    static ConnectException classify(Throwable error) {
        FailureKind kind = kindOf(error);
        return new ConnectException(kind, message(kind, error), null);
    }

    static FailureKind kindOf(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof NoRouteToHostException
                    || t instanceof java.net.ConnectException) {
                return FailureKind.UNREACHABLE;
            }
            if (t instanceof SocketTimeoutException) return FailureKind.TIMEOUT;
            if (t instanceof SQLException s) {
                FailureKind k = fromSqlException(s);
                if (k != null) return k;
            }
            if (t instanceof java.sql.SQLTransientConnectionException) return FailureKind.TIMEOUT;
        }
        return FailureKind.ERROR;
    }

    private static FailureKind fromSqlException(SQLException s) {
        switch (s.getErrorCode()) {
            case LOGIN_FAILED, UNTRUSTED_DOMAIN:
                return FailureKind.AUTHENTICATION;
            case NO_PERMISSION, PERMISSION_DENIED_ON_SERVER, OBJECT_PERMISSION_DENIED:
                return FailureKind.PERMISSION;
            case CANNOT_OPEN_DATABASE:
                return FailureKind.CONFIGURATION;
            default:
                break;
        }
        String text = s.getMessage() == null ? "" : s.getMessage().toLowerCase(Locale.ROOT);
        // A named instance the SQL Browser (UDP 1434) did not resolve: no browser, wrong host, or UDP blocked.
        if (text.contains("named instance") && text.contains("failed")) return FailureKind.UNREACHABLE;
        // The driver reports TCP failures as SQLState 08S01 with the socket error only in the text, not as a cause;
        // that text varies (a cached failed DNS lookup says only the host name), so any failed TCP connect that did not
        // time out is unreachable: refused, unknown host, no route.
        if (text.contains("tcp/ip connection to the host")) {
            return text.contains("timed out") ? FailureKind.TIMEOUT : FailureKind.UNREACHABLE;
        }
        if ("HY008".equals(s.getSQLState()) || text.contains("query has timed out") || text.contains("login timed out")) {
            return FailureKind.TIMEOUT;
        }
        if (text.contains("kerberos") || text.contains("gss") || text.contains("integrated authentication")) {
            return FailureKind.AUTHENTICATION;
        }
        return null;
    }

    /** The innermost driver message: it names the login and host, never the password. */
    private static String message(FailureKind kind, Throwable error) {
        Throwable root = error;
        String text = error.getMessage();
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
            if (root.getMessage() != null) text = root.getMessage();
        }
        return switch (kind) {
            case UNREACHABLE -> "server unreachable: " + text;
            case TIMEOUT -> "no answer in time: " + text;
            case AUTHENTICATION -> "authentication failed: " + text;
            case PERMISSION -> "permission denied: " + text;
            case CONFIGURATION -> "configuration: " + text;
            default -> text == null ? error.getClass().getSimpleName() : text;
        };
    }
}
