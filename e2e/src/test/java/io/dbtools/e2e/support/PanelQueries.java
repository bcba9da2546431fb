package io.dbtools.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbtools.rules.testing.Repo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Every panel query of the committed dashboards (dashboards/rendered/*.json), with Grafana's variables substituted. */
public final class PanelQueries {

    /** One panel target: which dashboard and panel, and how Grafana runs it (instant table/stat or range graph). */
    public record Query(String dashboard, String panel, String refId, String expr, boolean instant) {
        public String where() {
            return dashboard + " / " + panel + " / " + refId;
        }
    }

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?");

    private PanelQueries() {}

    public static List<Query> all() {
        List<Query> out = new ArrayList<>();
        for (Path f : Repo.files(Repo.dashboards().resolve("rendered"), ".json")) {
            JsonNode d;
            try {
                d = JsonHttp.JSON.readTree(f.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (JsonNode p : panels(d)) {
                for (JsonNode t : p.path("targets")) {
                    boolean instant = t.path("instant").asBoolean(false) && !t.path("range").asBoolean(false);
                    out.add(new Query(d.path("title").asText(), p.path("title").asText(), t.path("refId").asText(),
                            t.path("expr").asText(), instant));
                }
            }
        }
        return out;
    }

    /** Dashboards whose server variable is single-valued (one server at a time), by title. */
    public static boolean oneServerAtATime(String dashboard) {
        return dashboard.equals("DbTools / Server detail");
    }

    private static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : dashboard.path("panels")) {
            out.add(p);
            p.path("panels").forEach(out::add);
        }
        return out;
    }

    /**
     * Replaces Grafana's variables as Grafana would before sending the query: {@code $__rate_interval},
     * {@code $__interval} and the dashboard's own ($tenant, $server, ...), all of which must be given.
     */
    public static String substitute(String expr, Map<String, String> values) {
        Matcher m = VARIABLE.matcher(expr);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("no value for $" + m.group(1) + " in " + expr);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }
}
