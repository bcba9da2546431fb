package io.dbtools.api.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * When a job runs: {@code once} at {@code runAt}; every {@code intervalSeconds} (fixed delay after
 * the previous run); on a five-field UTC {@code cron} expression; or {@code event}: after every job
 * in {@code after} has succeeded (one id is "B after A", several are a fan-in).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Schedule(String type, String cron, Integer intervalSeconds, Instant runAt, List<Long> after) {

    public enum Type { ONCE, INTERVAL, CRON, EVENT }

    public Type kind() {
        return Type.valueOf(type.toUpperCase(java.util.Locale.ROOT));
    }

    public List<Long> afterOrEmpty() {
        return after == null ? List.of() : after;
    }
}
