package io.dbtools.plugin;

/** Why a connection or check failed, in words an operator can act on. */
public enum FailureKind {
    /** Host unknown, port closed, network unreachable. */
    UNREACHABLE,
    /** No answer within the deadline. */
    TIMEOUT,
    /** Wrong user or password, expired key, missing Kerberos ticket. */
    AUTHENTICATION,
    /** Logged in, but not allowed to read what monitoring needs. */
    PERMISSION,
    /** The server runs a version this plugin does not support. */
    UNSUPPORTED_VERSION,
    /** The target's own settings are wrong (bad TLS file, unknown option). */
    CONFIGURATION,
    /** Anything else; the message says what. */
    ERROR;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
