package io.dbtools.plugin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The moment a scrape or a check must be done by; handed down so every query can bound itself. */
public record Deadline(Instant at, Clock clock) {

    public static Deadline after(Duration budget, Clock clock) {
        return new Deadline(clock.instant().plus(budget), clock);
    }

    public Duration remaining() {
        Duration d = Duration.between(clock.instant(), at);
        return d.isNegative() ? Duration.ZERO : d;
    }

    public boolean expired() {
        return remaining().isZero();
    }

    /** Remaining time in whole seconds, at least 1, for APIs that only take seconds (JDBC query timeout). */
    public int remainingSecondsAtLeastOne() {
        return (int) Math.max(1, (remaining().toMillis() + 999) / 1000);
    }
}
