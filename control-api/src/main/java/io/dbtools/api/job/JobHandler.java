package io.dbtools.api.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbtools.api.db.Db;
import io.dbtools.tenants.Tenant;
import java.time.Duration;

/** Does the work of one job type. Failures of the work are an {@link Outcome}; an exception is a failure too. */
@FunctionalInterface
public interface JobHandler {

    /** What the handler gets: the tenant, its database, the job and the time it may take. */
    record Run(Tenant tenant, Db db, Job job, int attempt, Duration timeout) {}

    record Outcome(Execution.Status status, JsonNode result, String error) {

        public static Outcome success(JsonNode result) {
            return new Outcome(Execution.Status.SUCCESS, result, null);
        }

        public static Outcome failed(String error) {
            return new Outcome(Execution.Status.FAILED, null, error);
        }
    }

    Outcome run(Run run) throws Exception;
}
