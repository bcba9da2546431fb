package io.dbtools.postgres;

import io.dbtools.plugin.ConnectException;
import io.dbtools.plugin.FailureKind;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/** Turns driver and pool exceptions into a {@link FailureKind} and a message fit for an operator. */
final class PgErrors {

    private PgErrors() {}

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
            if (t instanceof SQLException s && s.getSQLState() != null) {
                switch (s.getSQLState()) {
                    case "28P01", "28000":
                        return FailureKind.AUTHENTICATION;
                    case "42501":
                        return FailureKind.PERMISSION;
                    case "57014":
                        return FailureKind.TIMEOUT;
                    case "3D000":
                        return FailureKind.CONFIGURATION;
                    case "08001":
                        // The driver's own login timeout ("Connection attempt timed out.") has no cause to inspect.
                        if (s.getMessage() != null && s.getMessage().contains("timed out")) return FailureKind.TIMEOUT;
                        break;
                    default:
                        break;
                }
            }
            if (t instanceof java.sql.SQLTransientConnectionException) return FailureKind.TIMEOUT;
        }
        return FailureKind.ERROR;
    }

    /** The innermost driver message: it names user and database, never the password. */
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
