package io.dbtools.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dbtools.rules.testing.MetricCatalog;
import io.dbtools.rules.testing.Repo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DashboardMetricsTest {

    private static final Pattern RECORDED = Pattern.compile("\\b(dbtools:[a-z0-9_:]+)");

    @Test
    void dashboards_query_only_metrics_the_exporters_emit_or_the_allow_list_names() {
        MetricCatalog catalog = MetricCatalog.load();
        Set<String> unknown = new TreeSet<>();
        for (Dashboards.Query q : Dashboards.queries()) {
            for (String name : MetricCatalog.referencedIn(q.expr())) {
                if (!catalog.emitted(name) && !catalog.allowListed(name)) {
                    unknown.add(name + " (" + q.where() + ")");
                }
            }
        }
        assertEquals(Set.of(), unknown, "metric names neither emitted (exporters/**/src/main, docs/metrics*.md) nor in alert-rules/metric-allowlist.txt");
    }

    @Test
    void dashboards_use_only_recorded_series_the_recording_rules_define() throws IOException {
        Set<String> recorded = new TreeSet<>();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        for (Path f : Repo.files(Repo.alertRules().resolve("rendered"), ".rules.yml")) {
            for (JsonNode g : yaml.readTree(f.toFile()).path("groups")) {
                for (JsonNode r : g.path("rules")) {
                    if (r.has("record")) {
                        recorded.add(r.path("record").asText());
                    }
                }
            }
        }
        Set<String> missing = new TreeSet<>();
        for (Dashboards.Query q : Dashboards.queries()) {
            Matcher m = RECORDED.matcher(q.expr());
            while (m.find()) {
                if (!recorded.contains(m.group(1))) {
                    missing.add(m.group(1) + " (" + q.where() + ")");
                }
            }
        }
        assertEquals(Set.of(), missing, "recorded series no rule in alert-rules/rendered records");
    }

    @Test
    void every_allow_list_entry_is_used_by_a_dashboard_or_a_rule() throws IOException {
        Set<String> used = new TreeSet<>();
        for (Dashboards.Query q : Dashboards.queries()) {
            used.addAll(MetricCatalog.referencedIn(q.expr()));
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        for (Path f : Repo.files(Repo.alertRules().resolve("rendered"), ".rules.yml")) {
            for (JsonNode g : yaml.readTree(f.toFile()).path("groups")) {
                for (JsonNode r : g.path("rules")) {
                    used.addAll(MetricCatalog.referencedIn(r.path("expr").asText()));
                }
            }
        }
        Set<String> unused = new TreeSet<>(MetricCatalog.load().allowList().keySet());
        unused.removeAll(used);
        assertEquals(Set.of(), unused, "allow-list entries nothing uses: remove them from alert-rules/metric-allowlist.txt");
    }
}
