package io.dbtools.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbtools.rules.testing.Repo;
import io.dbtools.rules.testing.Tool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fleet dashboard's own queries (taken from the rendered JSON, variables set to All) evaluated
 * by promtool over the recording rules and a small fleet: a server in two groups, one in one group,
 * one in none.
 */
class FleetQueriesTest {

    private static final String SERIES = """
              - series: 'dbtools_up{tenant="acme", server="a", engine="postgres"}'
                values: '1x15'
              - series: 'dbtools_memory_utilization_ratio{tenant="acme", server="a", engine="postgres"}'
                values: '0.9x15'
              - series: 'dbtools_up{tenant="acme", server="b", engine="mssql"}'
                values: '1x15'
              - series: 'dbtools_cpu_utilization_ratio{tenant="acme", server="b", engine="mssql"}'
                values: '0.2x15'
              - series: 'dbtools_up{tenant="beta", server="c", engine="mssql"}'
                values: '1x15'
              - series: 'dbtools_cpu_utilization_ratio{tenant="beta", server="c", engine="mssql"}'
                values: '0.99x15'
              - series: 'dbtools_server_group_info{tenant="acme", server="a", group="prod"}'
                values: '1x15'
              - series: 'dbtools_server_group_info{tenant="acme", server="a", group="eu"}'
                values: '1x15'
              - series: 'dbtools_server_group_info{tenant="acme", server="b", group="prod"}'
                values: '1x15'
              - series: 'dbtools_job_last_success_timestamp_seconds{instance="api-1", tenant="acme", job_id="1", job_name="copy", job_type="custom_script", server="a"}'
                values: '300x15'
              - series: 'dbtools_job_last_failure_timestamp_seconds{instance="api-1", tenant="acme", job_id="1", job_name="copy", job_type="custom_script", server="a"}'
                values: '400x15'
              - series: 'dbtools_job_last_success_timestamp_seconds{instance="api-2", tenant="beta", job_id="2", job_name="purge", job_type="maintenance"}'
                values: '500x15'
              - series: 'dbtools_job_last_failure_timestamp_seconds{instance="api-2", tenant="beta", job_id="3", job_name="facts", job_type="data_collection", server="c"}'
                values: '100x15'
              - series: 'dbtools_job_failures_total{instance="api-2", tenant="beta", job_id="3", job_name="facts", job_type="data_collection", server="c"}'
                values: '0 0 1 1 1 2 2 2 2 2 2 2 2 2 2 2'
            """;

    private static JsonNode panel(String title) {
        JsonNode d = Dashboards.read(Dashboards.rendered().resolve("dbtools-fleet.json"));
        return Dashboards.panels(d).stream().filter(p -> p.path("title").asText().equals(title)).findFirst()
                .orElseThrow(() -> new AssertionError("no panel " + title));
    }

    private static String query(String title, int target) {
        return Dashboards.substituted(panel(title).path("targets").get(target).path("expr").asText());
    }

    private record Case(String expr, List<Map.Entry<String, Integer>> samples) {}

    private static void assertEvaluates(List<Case> cases) throws IOException {
        StringBuilder y = new StringBuilder("rule_files:\n  - ")
                .append(Repo.alertRules().resolve("rendered/dbtools-recording.rules.yml")).append("\n")
                .append("evaluation_interval: 1m\ntests:\n  - interval: 1m\n    input_series:\n")
                .append(SERIES.indent(2)).append("    promql_expr_test:\n");
        for (Case c : cases) {
            y.append("      - expr: '").append(c.expr().replace("'", "''").replace("\n", " ")).append("'\n")
                    .append("        eval_time: 10m\n        exp_samples:\n");
            for (var s : c.samples()) {
                y.append("          - labels: '").append(s.getKey()).append("'\n            value: ").append(s.getValue()).append("\n");
            }
        }
        Path f = Files.createTempFile("fleet-queries", ".test.yml");
        Files.writeString(f, y);
        Tool.Result r = Tool.PROMTOOL.run(Repo.dashboards(), "test", "rules", f.toString());
        assertEquals(0, r.exitCode(), r.output() + "\n" + y);
        assertFalse(r.output().contains("FAILED"), r.output());
    }

    @Test
    void status_counts_and_health_per_group_count_a_server_in_each_of_its_groups_and_ungrouped_ones_too() throws IOException {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case(query("Servers healthy", 0), List.of(Map.entry("{}", 1))));
        cases.add(new Case(query("Servers warning", 0), List.of(Map.entry("{}", 1))));
        cases.add(new Case(query("Servers critical", 0), List.of(Map.entry("{}", 1))));
        cases.add(new Case(query("Servers offline", 0), List.of(Map.entry("{}", 0))));
        // Health per group: targets A..E are healthy, warning, critical, offline, unknown.
        cases.add(new Case(query("Health per group", 0), List.of(
                Map.entry("{group=\"prod\"}", 1), Map.entry("{group=\"eu\"}", 0), Map.entry("{group=\"ungrouped\"}", 0))));
        cases.add(new Case(query("Health per group", 1), List.of(
                Map.entry("{group=\"prod\"}", 1), Map.entry("{group=\"eu\"}", 1), Map.entry("{group=\"ungrouped\"}", 0))));
        cases.add(new Case(query("Health per group", 2), List.of(
                Map.entry("{group=\"prod\"}", 0), Map.entry("{group=\"eu\"}", 0), Map.entry("{group=\"ungrouped\"}", 1))));
        assertEvaluates(cases);
    }

    @Test
    void servers_by_status_from_the_fleet_aggregates_counts_each_server_once_with_every_group() throws IOException {
        String expr = panel("Servers by status").path("targets").get(0).path("expr").asText();
        List<Map.Entry<String, Integer>> zeros = List.of(Map.entry("{status=\"offline\"}", 0), Map.entry("{status=\"unknown\"}", 0));
        assertEvaluates(List.of(
                // All groups: a (prod and eu) once, b, c (ungrouped)
                new Case(Dashboards.substituted(expr), concat(List.of(
                        Map.entry("{status=\"healthy\"}", 1), Map.entry("{status=\"warning\"}", 1),
                        Map.entry("{status=\"critical\"}", 1)), zeros)),
                // one group: its servers only
                new Case(Dashboards.substituted(expr.replace("$group", "eu")), concat(List.of(
                        Map.entry("{status=\"healthy\"}", 0), Map.entry("{status=\"warning\"}", 1),
                        Map.entry("{status=\"critical\"}", 0)), zeros)),
                // several groups: a server in two of them counts in each (as the description says)
                new Case(Dashboards.substituted(expr.replace("$group", "(prod|eu)")), concat(List.of(
                        Map.entry("{status=\"healthy\"}", 1), Map.entry("{status=\"warning\"}", 2),
                        Map.entry("{status=\"critical\"}", 0)), zeros))));
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    @Test
    void worst_servers_lists_each_server_once_with_its_status_code() throws IOException {
        assertEvaluates(List.of(new Case(query("Worst servers", 0), List.of(
                Map.entry("dbtools:server_health:status{tenant=\"acme\", server=\"a\", engine=\"postgres\"}", 1),
                Map.entry("dbtools:server_health:status{tenant=\"acme\", server=\"b\", engine=\"mssql\"}", 0),
                Map.entry("dbtools:server_health:status{tenant=\"beta\", server=\"c\", engine=\"mssql\"}", 2)))));
    }

    @Test
    void jobs_panels_count_failing_jobs_and_list_jobs_with_and_without_a_server() throws IOException {
        // at 10m (time() = 600): job 1 failed after its last success, job 3 never succeeded, job 2 is fine
        assertEvaluates(List.of(
                new Case(query("Jobs failing", 0), List.of(Map.entry("{}", 2))),
                new Case(query("Job failures", 0), List.of(Map.entry("{}", 2))),
                new Case(query("Jobs", 0), List.of(
                        Map.entry("{tenant=\"acme\", job_id=\"1\", job_name=\"copy\", job_type=\"custom_script\", server=\"a\"}", 300),
                        Map.entry("{tenant=\"beta\", job_id=\"2\", job_name=\"purge\", job_type=\"maintenance\"}", 100)))));
    }
}
