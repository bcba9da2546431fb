package io.dbtools.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbtools.rules.testing.MetricCatalog;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class MetricNamesTest {

    @Test
    void rules_reference_only_metrics_the_exporters_emit_or_the_allow_list_names() {
        MetricCatalog catalog = MetricCatalog.load();
        Set<String> unknown = new TreeSet<>();
        for (JsonNode r : RuleFiles.rules()) {
            for (String name : MetricCatalog.referencedIn(r.path("expr").asText())) {
                if (!catalog.emitted(name) && !catalog.allowListed(name)) {
                    unknown.add(name);
                }
            }
        }
        assertEquals(Set.of(), unknown, "metric names neither emitted (exporters/**/src/main, docs/metrics*.md) nor in alert-rules/metric-allowlist.txt");
    }

    @Test
    void the_allow_list_holds_no_name_that_has_landed_in_the_exporters_or_docs() {
        MetricCatalog catalog = MetricCatalog.load();
        Set<String> landed = new TreeSet<>();
        for (String name : catalog.allowList().keySet()) {
            if (catalog.emitted(name)) {
                landed.add(name);
            }
        }
        assertEquals(Set.of(), landed, "now emitted or documented: remove these lines from alert-rules/metric-allowlist.txt");
    }

    @Test
    void every_allow_list_entry_names_its_source() {
        Set<String> bare = new TreeSet<>();
        MetricCatalog.load().allowList().forEach((name, source) -> {
            if (source.isBlank()) {
                bare.add(name);
            }
        });
        assertEquals(Set.of(), bare, "allow-list entries without the plugin/component they come from");
    }
}
