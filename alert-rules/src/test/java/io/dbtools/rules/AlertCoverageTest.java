package io.dbtools.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every alert is exercised by the promtool unit tests, firing and not firing. */
class AlertCoverageTest {

    @Test
    void every_alert_and_severity_fires_in_some_unit_test_and_every_alert_has_a_case_where_it_does_not() {
        Set<String> defined = new TreeSet<>();
        Set<String> names = new TreeSet<>();
        for (JsonNode a : RuleFiles.alerts()) {
            defined.add(a.path("alert").asText() + "/" + a.path("labels").path("severity").asText());
            names.add(a.path("alert").asText());
        }
        Set<String> fired = new TreeSet<>();
        Set<String> quiet = new TreeSet<>();
        for (Path f : RuleFiles.unitTests()) {
            for (JsonNode test : RuleFiles.yaml(f).path("tests")) {
                for (JsonNode c : test.path("alert_rule_test")) {
                    String name = c.path("alertname").asText();
                    if (c.path("exp_alerts").isEmpty()) {
                        quiet.add(name);
                    }
                    for (JsonNode e : c.path("exp_alerts")) {
                        fired.add(name + "/" + e.path("exp_labels").path("severity").asText());
                    }
                }
            }
        }
        Set<String> notFired = new TreeSet<>(defined);
        notFired.removeAll(fired);
        assertEquals(Set.of(), notFired, "alerts (name/severity) that no unit test sees firing");
        Set<String> neverQuiet = new TreeSet<>(names);
        neverQuiet.removeAll(quiet);
        assertEquals(Set.of(), neverQuiet, "alerts without a unit-test case where they must not fire");
        Set<String> unknown = new TreeSet<>(fired);
        unknown.removeAll(defined);
        assertTrue(unknown.isEmpty(), "unit tests expect alerts that are not defined: " + unknown);
    }
}
