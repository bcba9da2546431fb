package io.dbtools.api.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbtools.api.job.Schedule;
import java.time.Instant;

/** A live policy with its current version. */
public record Policy(long id, String name, String type, int version, String description, JsonNode spec, Schedule schedule,
                     Instant createdAt, Instant updatedAt) {

    /** One immutable version: what the policy said from {@code createdAt} on. */
    public record Version(long policyId, int version, String description, JsonNode spec, Schedule schedule, Instant createdAt,
                          String createdBy) {}

    /** A deployment to a group, active until {@code undeployedAt}. */
    public record Deployment(long id, long policyId, String policyName, Long groupId, String groupName, int version, Instant deployedAt,
                             String deployedBy, Instant undeployedAt, String undeployedBy, long jobs) {}
}
