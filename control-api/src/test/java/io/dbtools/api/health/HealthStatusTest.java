package io.dbtools.api.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The mapping from the recording rules' status code and the ratios to a status (offline needs minutes of real outage to reach on Prometheus). */
class HealthStatusTest {

    private static final HealthService.Thresholds DEFAULTS = new HealthService.Thresholds(80, 95, 85, 95);

    @Test
    void offline_and_unknown_come_from_the_recording_rule_the_rest_from_the_tenants_thresholds() {
        assertEquals("offline", HealthService.status(Map.of(HealthService.STATUS, 3.0, HealthService.CPU, 0.99), DEFAULTS));
        assertEquals("unknown", HealthService.status(Map.of(HealthService.STATUS, 4.0), DEFAULTS));
        assertEquals("unknown", HealthService.status(Map.of(), DEFAULTS));
        // the rule says critical at the mixin's 95%, the tenant's thresholds decide
        assertEquals("warning", HealthService.status(Map.of(HealthService.STATUS, 2.0, HealthService.CPU, 0.9), DEFAULTS));
        assertEquals("critical", HealthService.status(Map.of(HealthService.STATUS, 0.0, HealthService.MEMORY, 0.96), DEFAULTS));
        assertEquals("healthy", HealthService.status(Map.of(HealthService.STATUS, 0.0, HealthService.CPU, 0.8), DEFAULTS), "above, not at");
        assertEquals("healthy", HealthService.status(Map.of(HealthService.STATUS, 0.0), DEFAULTS), "no CPU or memory metric");
        assertEquals("healthy", HealthService.status(Map.of(HealthService.STATUS, 0.0, HealthService.CPU, Double.NaN), DEFAULTS));
    }
}
