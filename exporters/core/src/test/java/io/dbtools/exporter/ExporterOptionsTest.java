package io.dbtools.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExporterOptionsTest {

    @Test
    void budget_is_prometheus_timeout_minus_the_offset() {
        assertEquals(Duration.ofMillis(9500), ExporterOptions.DEFAULTS.budget("10"));
        assertEquals(Duration.ofMillis(2000), ExporterOptions.DEFAULTS.budget("2.5"));
    }

    @Test
    void budget_falls_back_to_the_default_without_a_valid_header() {
        assertEquals(Duration.ofSeconds(10), ExporterOptions.DEFAULTS.budget(null));
        assertEquals(Duration.ofSeconds(10), ExporterOptions.DEFAULTS.budget("soon"));
    }

    @Test
    void budget_never_drops_below_100_ms() {
        assertEquals(Duration.ofMillis(100), ExporterOptions.DEFAULTS.budget("0.3"));
    }
}
