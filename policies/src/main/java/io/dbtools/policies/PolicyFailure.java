package io.dbtools.policies;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbtools.policies.PolicyExecutor.Status;

/**
 * A policy run that ends other than in success, with what it had done so far. The message is shown
 * to operators as it is, so it is written without secrets (and scrubbed once more on the way out).
 */
final class PolicyFailure extends Exception {

    private final Status status;
    private final transient ObjectNode partial;

    PolicyFailure(Status status, String message, ObjectNode partial) {
        super(message, null, false, false);
        this.status = status;
        this.partial = partial;
    }

    static PolicyFailure failed(String message, ObjectNode partial) {
        return new PolicyFailure(Status.FAILED, message, partial);
    }

    static PolicyFailure skipped(String message, ObjectNode partial) {
        return new PolicyFailure(Status.SKIPPED, message, partial);
    }

    static PolicyFailure timedOut(String message, ObjectNode partial) {
        return new PolicyFailure(Status.TIMED_OUT, message, partial);
    }

    Status status() {
        return status;
    }

    ObjectNode partial() {
        return partial;
    }
}
