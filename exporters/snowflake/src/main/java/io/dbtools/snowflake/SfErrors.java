package io.dbtools.snowflake;

import io.dbtools.plugin.ConnectException;
import io.dbtools.plugin.FailureKind;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/** Turns Snowflake driver exceptions (vendor error codes) into a {@link FailureKind} and an operator's message. */
final class SfErrors {

    /** Incorrect username or password. */
    static final int BAD_CREDENTIALS = 390100;
    /** JWT token invalid: wrong key, public key not set on the user, clock skew. */
    static final int JWT_INVALID = 390144;
    /** Session gone (expired); the next use reconnects. */
    static final int SESSION_EXPIRED = 390112;
    static final int SESSION_TOKEN_EXPIRED = 390114;
    /** Object does not exist or not authorized. */
    static final int NOT_AUTHORIZED = 2003;
    /** No active warehouse selected in the current session. */
    static final int NO_WAREHOUSE = 606;
    /** Statement cancelled at its timeout. */
    static final int QUERY_TIMEOUT = 604;

    private SfErrors() {}

    static ConnectException classify(Throwable error) {
        FailureKind kind = kindOf(error);
        return new ConnectException(kind, message(kind, error), null);
    }

    static FailureKind kindOf(Throwable error) {
        if (error instanceof IllegalArgumentException) {
            return FailureKind.CONFIGURATION;
        }
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof NoRouteToHostException
                    || t instanceof java.net.ConnectException) {
                return FailureKind.UNREACHABLE;
            }
            if (t instanceof SocketTimeoutException || t instanceof java.sql.SQLTimeoutException) {
                return FailureKind.TIMEOUT;
            }
            if (t instanceof SQLException s) {
                switch (s.getErrorCode()) {
                    case BAD_CREDENTIALS, JWT_INVALID:
                        return FailureKind.AUTHENTICATION;
                    case NOT_AUTHORIZED:
                        return FailureKind.PERMISSION;
                    case QUERY_TIMEOUT:
                        return FailureKind.TIMEOUT;
                    default:
                        break;
                }
                if ("28000".equals(s.getSQLState())) return FailureKind.AUTHENTICATION;
                if ("42501".equals(s.getSQLState())) return FailureKind.PERMISSION;
            }
        }
        return FailureKind.ERROR;
    }

    /** A session that is gone must be reopened; anything else keeps the connection. */
    static boolean connectionLost(SQLException e) {
        return e.getErrorCode() == SESSION_EXPIRED || e.getErrorCode() == SESSION_TOKEN_EXPIRED
                || (e.getSQLState() != null && e.getSQLState().startsWith("08"));
    }

    /** The driver's message names user and account, never the password or key. */
    private static String message(FailureKind kind, Throwable error) {
        String text = error.getMessage();
        for (Throwable t = error.getCause(); text == null && t != null; t = t.getCause()) {
            text = t.getMessage();
        }
        if (text == null) text = error.getClass().getSimpleName();
        return switch (kind) {
            case UNREACHABLE -> "account unreachable: " + text;
            case TIMEOUT -> "no answer in time: " + text;
            case AUTHENTICATION -> "authentication failed: " + text;
            case PERMISSION -> "permission denied: " + text;
            case CONFIGURATION -> "configuration: " + text;
            default -> text;
        };
    }
}
