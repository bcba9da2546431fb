package io.dbtools.exporter;

import java.time.Duration;

/**
 * Runtime knobs of the exporter.
 *
 * @param defaultScrapeTimeout budget when Prometheus sends no {@code X-Prometheus-Scrape-Timeout-Seconds}
 * @param timeoutOffset kept back from Prometheus' timeout so the answer arrives before it gives up
 * @param idleSessionTimeout a target not scraped for this long has its connections closed
 */
public record ExporterOptions(Duration defaultScrapeTimeout, Duration timeoutOffset, Duration idleSessionTimeout) {

    public static final ExporterOptions DEFAULTS =
            new ExporterOptions(Duration.ofSeconds(10), Duration.ofMillis(500), Duration.ofMinutes(10));

    /** The scrape budget for a request, from Prometheus' header when present. */
    public Duration budget(String scrapeTimeoutHeader) {
        Duration budget = defaultScrapeTimeout;
        if (scrapeTimeoutHeader != null && !scrapeTimeoutHeader.isBlank()) {
            try {
                double seconds = Double.parseDouble(scrapeTimeoutHeader.strip());
                if (seconds > 0) budget = Duration.ofMillis((long) (seconds * 1000)).minus(timeoutOffset);
            } catch (NumberFormatException ignored) {
                // A malformed header is Prometheus' problem; fall back to the default budget.
            }
        }
        Duration floor = Duration.ofMillis(100);
        return budget.compareTo(floor) < 0 ? floor : budget;
    }
}
