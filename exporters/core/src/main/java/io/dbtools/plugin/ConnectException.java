package io.dbtools.plugin;

/** A target could not be reached or used; the kind says why, the message never holds a secret. */
public class ConnectException extends Exception {

    private final FailureKind kind;

    public ConnectException(FailureKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public FailureKind kind() {
        return kind;
    }
}
