package io.dbtools.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbtools.rules.testing.Repo;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AlertConventionsTest {

    private static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");

    @Test
    void alerts_have_a_prefixed_camel_case_name_a_known_severity_summary_description_and_runbook() {
        List<String> problems = new ArrayList<>();
        for (JsonNode a : RuleFiles.alerts()) {
            String name = a.path("alert").asText();
            if (!name.matches("DbTools[A-Z][a-z0-9]+([A-Z][a-z0-9]+)*")) {
                problems.add(name + ": not CamelCase with the DbTools prefix");
            }
            if (!SEVERITIES.contains(a.path("labels").path("severity").asText())) {
                problems.add(name + ": severity " + a.path("labels").path("severity"));
            }
            for (String key : List.of("summary", "description", "runbook_url")) {
                if (a.path("annotations").path(key).asText().isBlank()) {
                    problems.add(name + ": no " + key);
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void every_runbook_url_points_at_a_section_of_docs_runbooks_md() {
        String runbooks = Repo.read(Repo.root().resolve("docs/runbooks.md"));
        Set<String> anchors = Pattern.compile("(?m)^## (\\S+)\\s*$").matcher(runbooks).results()
                .map(m -> m.group(1).toLowerCase()).collect(Collectors.toSet());
        List<String> missing = new ArrayList<>();
        for (JsonNode a : RuleFiles.alerts()) {
            Matcher m = Pattern.compile("docs/runbooks\\.md#([a-z0-9-]+)$").matcher(a.path("annotations").path("runbook_url").asText());
            if (!m.find() || !anchors.contains(m.group(1))) {
                missing.add(a.path("alert").asText() + " -> " + a.path("annotations").path("runbook_url").asText());
            }
        }
        assertEquals(List.of(), missing, "runbook links without a '## AlertName' section in docs/runbooks.md");
    }

    @Test
    void every_alert_with_two_severities_uses_the_same_expression_shape_and_for() {
        // critical inhibits warning of the same alert in Alertmanager: both instances must describe
        // the same thing, only the threshold may differ.
        var byName = RuleFiles.alerts().stream().collect(Collectors.groupingBy(a -> a.path("alert").asText()));
        for (var e : byName.entrySet()) {
            if (e.getValue().size() < 2) {
                continue;
            }
            Set<String> shapes = e.getValue().stream()
                    .map(a -> a.path("expr").asText().replaceAll("[0-9.]+\\s*$", "N") + " for " + a.path("for").asText())
                    .collect(Collectors.toSet());
            assertEquals(1, shapes.size(), e.getKey() + " differs between severities beyond the threshold: " + shapes);
            assertEquals(e.getValue().size(), e.getValue().stream().map(a -> a.path("labels").path("severity").asText()).distinct().count(),
                    e.getKey() + " repeats a severity");
        }
    }
}
