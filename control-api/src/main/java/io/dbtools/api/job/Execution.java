package io.dbtools.api.job;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One run of a job: running, then success, failed, skipped or timed_out. */
public record Execution(long id, long jobId, Long serverId, String status, int attempt, String trigger, Instant scheduledFor,
                        Instant startedAt, Instant finishedAt, Long durationMs, JsonNode result, String error, String node) {

    public enum Status {
        RUNNING, SUCCESS, FAILED, SKIPPED, TIMED_OUT;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
