package io.dbtools.plugin;

import java.time.Duration;

/**
 * What the runtime knows of a collector without running it.
 *
 * @param refreshInterval {@link Duration#ZERO} to run on every scrape; otherwise the
 *     result is cached per target and reused until it is this old (for expensive,
 *     slow-changing values such as database sizes).
 */
public record CollectorInfo(String name, String help, boolean enabledByDefault, Duration refreshInterval) {

    public CollectorInfo {
        if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("collector name must be snake_case: " + name);
        }
    }

    public static CollectorInfo everyScrape(String name, String help) {
        return new CollectorInfo(name, help, true, Duration.ZERO);
    }
}
