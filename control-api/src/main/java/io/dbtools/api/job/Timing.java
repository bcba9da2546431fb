package io.dbtools.api.job;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The schedule arithmetic, free of I/O so tests drive it with fixed instants: when a job runs
 * next, whether a late run counts as missed, and when a failed attempt is retried.
 */
public final class Timing {

    /** A run picked up later than this after its due time was missed (no scheduler was running). */
    public static final Duration MISFIRE_GRACE = Duration.ofMinutes(1);

    private Timing() {}

    /** The first run of a job saved at {@code now}; empty for event jobs and for a once-job whose time has passed long ago. */
    public static Optional<Instant> first(Schedule s, Instant now) {
        return switch (s.kind()) {
            case ONCE -> Optional.of(s.runAt());
            case INTERVAL -> Optional.of(now.plusSeconds(s.intervalSeconds()));
            case CRON -> Cron.parse(s.cron()).next(now);
            case EVENT -> Optional.empty();
        };
    }

    /** The run after one that finished at {@code now}; once and event jobs have none. */
    public static Optional<Instant> after(Schedule s, Instant now) {
        return switch (s.kind()) {
            case ONCE, EVENT -> Optional.empty();
            case INTERVAL -> Optional.of(now.plusSeconds(s.intervalSeconds()));
            // From now, not from the due time: runs missed while down collapse into the one just made.
            case CRON -> Cron.parse(s.cron()).next(now);
        };
    }

    /** Up to {@code count} upcoming times, for the API's preview. */
    public static List<Instant> preview(Schedule s, Instant now, int count) {
        return switch (s.kind()) {
            case ONCE -> s.runAt() == null ? List.of() : List.of(s.runAt());
            case EVENT -> List.of();
            case INTERVAL -> java.util.stream.IntStream.rangeClosed(1, count)
                    .mapToObj(i -> now.plusSeconds((long) i * s.intervalSeconds())).toList();
            case CRON -> Cron.parse(s.cron()).next(now, count);
        };
    }

    /** True when a run due at {@code due} and picked at {@code now} was missed rather than merely late. */
    public static boolean missed(Instant due, Instant now) {
        return due.plus(MISFIRE_GRACE).isBefore(now);
    }

    /** Exponential backoff: attempt 1 failed → wait backoff, attempt 2 → 2×backoff, …, capped at a day. */
    public static Instant retryAt(Instant now, int failedAttempt, int backoffSeconds) {
        long factor = 1L << Math.min(failedAttempt - 1, 16);
        return now.plusSeconds(Math.min(backoffSeconds * factor, Duration.ofDays(1).toSeconds()));
    }
}
