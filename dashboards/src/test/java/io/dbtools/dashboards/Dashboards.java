package io.dbtools.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbtools.rules.testing.Repo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The committed dashboards and the PromQL in them. */
final class Dashboards {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One query: where it is (dashboard / panel or variable) and its text. */
    record Query(String where, String expr) {}

    private Dashboards() {}

    static Path rendered() {
        return Repo.dashboards().resolve("rendered");
    }

    static List<Path> files() {
        return Repo.files(rendered(), ".json");
    }

    static JsonNode read(Path p) {
        try {
            return JSON.readTree(p.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : dashboard.path("panels")) {
            out.add(p);
            p.path("panels").forEach(out::add);
        }
        return out;
    }

    private static final Pattern LABEL_VALUES = Pattern.compile("^label_values\\((.*),\\s*\\w+\\)$", Pattern.DOTALL);
    private static final Pattern QUERY_RESULT = Pattern.compile("^query_result\\((.*)\\)$", Pattern.DOTALL);

    /** Every panel target and variable query, variable functions unwrapped to their PromQL. */
    static List<Query> queries() {
        List<Query> out = new ArrayList<>();
        for (Path f : files()) {
            JsonNode d = read(f);
            String title = d.path("title").asText();
            for (JsonNode p : panels(d)) {
                for (JsonNode t : p.path("targets")) {
                    out.add(new Query(title + " / " + p.path("title").asText(), t.path("expr").asText()));
                }
            }
            for (JsonNode v : d.path("templating").path("list")) {
                if (!v.path("type").asText().equals("query")) {
                    continue;
                }
                String q = v.path("definition").asText();
                Matcher m = LABEL_VALUES.matcher(q);
                Matcher r = QUERY_RESULT.matcher(q);
                String expr = m.matches() ? m.group(1) : r.matches() ? r.group(1) : q;
                out.add(new Query(title + " / variable " + v.path("name").asText(), expr));
            }
        }
        return out;
    }

    /** Grafana's variables replaced by values Prometheus would see, so promtool can parse the query. */
    static String substituted(String expr) {
        return expr.replace("$__rate_interval", "4m").replace("$__interval", "1m").replace("$__range", "1h")
                .replaceAll("\\$\\{?[a-z_]+}?", ".*");
    }
}
