package io.dbtools.mongodb;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoConfigurationException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoIncompatibleDriverException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoServerException;
import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoSocketReadTimeoutException;
import com.mongodb.MongoTimeoutException;
import io.dbtools.plugin.ConnectException;
import io.dbtools.plugin.FailureKind;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/** Turns driver exceptions into a {@link FailureKind} and a message fit for an operator. */
final class MongoErrors {

    static final int UNAUTHORIZED = 13;
    static final int AUTHENTICATION_FAILED = 18;
    static final int MAX_TIME_MS_EXPIRED = 50;

    private MongoErrors() {}

    /**
     * @param lastMonitorFailure what the server monitor last saw, or null: a server selection
     *     timeout says only "timed out", the monitor says whether the port was closed
     */
    static ConnectException classify(Throwable error, Throwable lastMonitorFailure) {
        if (error instanceof ConnectException c) return c;
        FailureKind kind = kindOf(error);
        Throwable explained = error;
        if (error instanceof MongoTimeoutException && !(error instanceof com.mongodb.MongoOperationTimeoutException)
                && lastMonitorFailure != null) {
            FailureKind monitorKind = kindOf(lastMonitorFailure);
            if (monitorKind != FailureKind.ERROR) {
                kind = monitorKind;
                explained = lastMonitorFailure;
            }
        }
        return new ConnectException(kind, message(kind, explained), null);
    }

    static FailureKind kindOf(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof MongoIncompatibleDriverException) return FailureKind.UNSUPPORTED_VERSION;
            if (t instanceof MongoSecurityException) return FailureKind.AUTHENTICATION;
            // Untrusted certificate or host name mismatch: the target's TLS settings need fixing.
            if (t instanceof javax.net.ssl.SSLException) return FailureKind.CONFIGURATION;
            if (t instanceof MongoConfigurationException || t instanceof IllegalArgumentException) return FailureKind.CONFIGURATION;
            if (t instanceof UnknownHostException || t instanceof NoRouteToHostException
                    || t instanceof java.net.ConnectException) {
                return FailureKind.UNREACHABLE;
            }
            if (t instanceof SocketTimeoutException || t instanceof MongoSocketReadTimeoutException
                    || t instanceof MongoExecutionTimeoutException) {
                return FailureKind.TIMEOUT;
            }
            if (t instanceof MongoServerException s) {
                switch (s.getCode()) {
                    case AUTHENTICATION_FAILED:
                        return FailureKind.AUTHENTICATION;
                    case UNAUTHORIZED:
                        return FailureKind.PERMISSION;
                    case MAX_TIME_MS_EXPIRED:
                        return FailureKind.TIMEOUT;
                    default:
                        break;
                }
            }
        }
        // A connection refused at open, or closed under us mid-command: the server is gone.
        if (error instanceof MongoSocketOpenException || error instanceof com.mongodb.MongoSocketReadException
                || error instanceof com.mongodb.MongoSocketWriteException || error instanceof com.mongodb.MongoSocketClosedException) {
            return FailureKind.UNREACHABLE;
        }
        if (error instanceof MongoTimeoutException) {
            // The cluster description in the message names the monitor's last exception.
            String text = String.valueOf(error.getMessage());
            if (text.contains("java.net.ConnectException") || text.contains("UnknownHostException")) {
                return FailureKind.UNREACHABLE;
            }
            return FailureKind.TIMEOUT;
        }
        return FailureKind.ERROR;
    }

    private static boolean tls(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof javax.net.ssl.SSLException) return true;
        }
        return false;
    }

    /** The innermost driver message: the driver prints credentials with the password hidden. */
    static String message(FailureKind kind, Throwable error) {
        String text = error.getMessage();
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
            if (root.getMessage() != null) text = root.getMessage();
        }
        if (error instanceof MongoCommandException c) text = c.getErrorCodeName() + " (" + c.getErrorCode() + "): " + c.getErrorMessage();
        if (text == null) text = error.getClass().getSimpleName();
        return switch (kind) {
            case UNREACHABLE -> "server unreachable: " + text;
            case TIMEOUT -> "no answer in time: " + text;
            case AUTHENTICATION -> "authentication failed: " + text;
            case PERMISSION -> "permission denied: " + text;
            case CONFIGURATION -> (tls(error) ? "configuration: TLS: " : "configuration: ") + text;
            case UNSUPPORTED_VERSION -> "unsupported server version: " + text;
            default -> text;
        };
    }
}
