package io.dbtools.policies;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbtools.plugin.Target;
import java.time.Duration;

/**
 * Runs one validated policy against one server. The scheduler calls it for jobs of type
 * {@code policy_execution}; it never throws for a failure of the policy itself (that is an
 * {@link PolicyOutcome} with status FAILED), only for a programming error.
 */
public interface PolicyExecutor {

    enum Status { SUCCESS, FAILED, SKIPPED, TIMED_OUT }

    /** What happened: a status, a JSON result for the execution history, and an error text without secrets. */
    record PolicyOutcome(Status status, JsonNode result, String error) {}

    /** Runs {@code spec} (already validated, defaults filled) of policy type {@code type} on {@code target} within {@code timeout}. */
    PolicyOutcome execute(String type, JsonNode spec, Target target, Duration timeout);
}
