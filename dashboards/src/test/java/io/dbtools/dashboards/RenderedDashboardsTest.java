package io.dbtools.dashboards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbtools.rules.testing.Rendered;
import io.dbtools.rules.testing.Repo;
import io.dbtools.rules.testing.Tool;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RenderedDashboardsTest {

    @Test
    void committed_dashboards_are_exactly_what_the_mixin_renders() {
        Rendered.assertUpToDate(Repo.dashboards().resolve("render.sh"), Dashboards.rendered(), ".json");
    }

    @Test
    void there_are_fleet_server_exporter_and_one_dashboard_per_engine_with_unique_uids() {
        Set<String> uids = new HashSet<>();
        for (Path f : Dashboards.files()) {
            assertTrue(uids.add(Dashboards.read(f).path("uid").asText()), "duplicate uid in " + f);
        }
        assertEquals(Set.of("dbtools-fleet", "dbtools-server", "dbtools-exporter", "dbtools-postgres", "dbtools-mssql",
                "dbtools-mongodb", "dbtools-snowflake"), uids);
    }

    @Test
    void every_dashboard_has_datasource_tenant_engine_group_and_server_variables_and_queries_through_the_datasource_variable() {
        List<String> problems = new ArrayList<>();
        for (Path f : Dashboards.files()) {
            JsonNode d = Dashboards.read(f);
            List<String> vars = new ArrayList<>();
            d.path("templating").path("list").forEach(v -> vars.add(v.path("name").asText()));
            if (!vars.equals(List.of("datasource", "tenant", "engine", "group", "server"))) {
                problems.add(f.getFileName() + ": variables " + vars);
            }
            for (JsonNode p : Dashboards.panels(d)) {
                if (p.path("type").asText().equals("row")) {
                    continue;
                }
                if (!p.path("datasource").path("uid").asText().equals("${datasource}")) {
                    problems.add(f.getFileName() + " / " + p.path("title").asText() + ": datasource " + p.path("datasource"));
                }
                if (p.path("targets").isEmpty()) {
                    problems.add(f.getFileName() + " / " + p.path("title").asText() + ": no query");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void panels_have_unique_ids_and_fit_the_24_column_grid_without_overlapping() {
        for (Path f : Dashboards.files()) {
            Set<Integer> ids = new HashSet<>();
            Set<String> cells = new HashSet<>();
            for (JsonNode p : Dashboards.panels(Dashboards.read(f))) {
                assertTrue(ids.add(p.path("id").asInt()), f.getFileName() + ": duplicate panel id " + p.path("id"));
                JsonNode g = p.path("gridPos");
                int x = g.path("x").asInt(), y = g.path("y").asInt(), w = g.path("w").asInt(), h = g.path("h").asInt();
                assertTrue(w > 0 && h > 0 && x >= 0 && x + w <= 24, f.getFileName() + " / " + p.path("title") + ": gridPos " + g);
                for (int i = x; i < x + w; i++) {
                    for (int j = y; j < y + h; j++) {
                        assertTrue(cells.add(i + "," + j), f.getFileName() + " / " + p.path("title") + " overlaps another panel at " + i + "," + j);
                    }
                }
            }
        }
    }

    @Test
    void every_query_is_valid_promql_for_prometheus_own_parser() throws IOException {
        // promtool has no "check query": each query becomes a recording rule, which it parses.
        List<Dashboards.Query> queries = Dashboards.queries();
        assertFalse(queries.isEmpty());
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard-queries\n    rules:\n");
        for (int i = 0; i < queries.size(); i++) {
            String expr = Dashboards.substituted(queries.get(i).expr());
            rules.append("      - record: q").append(i).append("\n        expr: '")
                    .append(expr.replace("'", "''").replace("\n", " ")).append("'\n");
        }
        Path file = Files.createTempFile("dashboard-queries", ".rules.yml");
        Files.writeString(file, rules);
        Tool.Result r = Tool.PROMTOOL.run(Repo.dashboards(), "check", "rules", file.toString());
        if (!r.ok()) {
            StringBuilder where = new StringBuilder();
            for (String line : r.output().split("\n")) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("rule (\\d+)").matcher(line);
                if (m.find()) {
                    Dashboards.Query q = queries.get(Integer.parseInt(m.group(1)) - 1);
                    where.append("\n").append(q.where()).append(": ").append(q.expr()).append("\n  ").append(line);
                }
            }
            throw new AssertionError("promtool rejects dashboard queries:" + where + "\n" + r.output());
        }
    }
}
