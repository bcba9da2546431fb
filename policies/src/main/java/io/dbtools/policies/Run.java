package io.dbtools.policies;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbtools.plugin.Deadline;
import io.dbtools.plugin.Target;
import java.time.Clock;

/**
 * One execution: the option set of the target's engine, the target, the deadline every step bounds
 * itself by, and the result document that grows step by step (so a failure still reports what ran).
 */
record Run(String type, JsonNode options, Target target, Deadline deadline, Clock clock, Tools tools, ObjectNode result) {

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** The database the target connects to, as the PostgreSQL exporter picks it. */
    String pgDatabase() {
        return target.database() == null || target.database().isBlank() ? "postgres" : target.database();
    }

    PolicyFailure timedOut(String during) {
        return PolicyFailure.timedOut("the policy did not finish within its timeout (during " + during + ")", result);
    }

    /** Throws TIMED_OUT when no time is left, before a step starts. */
    void checkTime(String next) throws PolicyFailure {
        if (deadline.expired()) throw timedOut(next);
    }
}
