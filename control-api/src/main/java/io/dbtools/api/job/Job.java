package io.dbtools.api.job;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** A job definition of one tenant, as stored in its {@code jobs} table. */
public record Job(long id, String name, String type, JsonNode configuration, Schedule schedule, boolean enabled,
                  Instant nextRunAt, int priority, int timeoutSeconds, int maxRetries, int retryBackoffSeconds,
                  String misfirePolicy, boolean allowConcurrent, Long serverId, Long deploymentId,
                  Instant createdAt, Instant updatedAt) {

    public static final int DEFAULT_TIMEOUT_SECONDS = 30 * 60;

    public JobType jobType() {
        return JobType.of(type).orElseThrow();
    }
}
