package io.dbtools.exporter.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.exporter.Exporter;
import io.dbtools.exporter.ExporterOptions;
import io.dbtools.exporter.ExporterServer;
import io.dbtools.exporter.PluginRegistry;
import io.dbtools.exporter.TargetSource;
import io.dbtools.exporter.testing.Promtool;
import io.dbtools.plugin.CollectorSelection;
import io.dbtools.postgres.TestPostgres;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runnable exporter's parts end to end: the PostgreSQL plugin found by ServiceLoader, a real embedded
 * PostgreSQL, the HTTP server, and Prometheus' own linter on what it serves.
 */
class PostgresEndToEndTest {

    private static final Pattern TYPE_LINE = Pattern.compile("(?m)^# TYPE (\\S+) (\\S+)$");
    private static Exporter exporter;
    private static ExporterServer server;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        var port = TestPostgres.get().getPort();
        // A user table with dead rows, so the table collectors have something to report.
        try (var c = TestPostgres.superuser("postgres"); var st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS e2e_rows (id int PRIMARY KEY)");
            st.execute("INSERT INTO e2e_rows SELECT generate_series(1, 100) ON CONFLICT DO NOTHING");
            st.execute("DELETE FROM e2e_rows WHERE id <= 10");
            st.execute("ANALYZE e2e_rows");
        }
        var plain = TestPostgres.target("pg", port, CollectorSelection.DEFAULTS, Map.of());
        var everything = TestPostgres.target("pg-all", port,
                new CollectorSelection(Set.of(), Set.of("pg_stat_statements"), Set.of()), Map.of("statements_top_n", "5"));
        exporter = new Exporter(PluginRegistry.discover(), TargetSource.of(List.of(plain, everything)), Clock.systemUTC(),
                ExporterOptions.DEFAULTS);
        server = new ExporterServer(exporter, new InetSocketAddress("127.0.0.1", 0)).start();
    }

    @AfterAll
    static void stop() {
        server.close();
        exporter.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .header("X-Prometheus-Scrape-Timeout-Seconds", "10").build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metrics_serves_both_postgres_targets_up_and_passes_promtool_check_metrics() throws Exception {
        var r = get("/metrics");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("dbtools_up{tenant=\"acme\",server=\"pg\",engine=\"postgres\"} 1"), r.body());
        assertTrue(r.body().contains("dbtools_up{tenant=\"acme\",server=\"pg-all\",engine=\"postgres\"} 1"), r.body());
        var lint = Promtool.checkMetrics(r.body());
        assertEquals(0, lint.exitCode(), "promtool check metrics:\n" + lint.output());
    }

    @Test
    void probe_serves_one_target_with_every_collector_succeeding_and_passes_promtool_check_metrics() throws Exception {
        var r = get("/probe?target=pg-all");
        assertEquals(200, r.statusCode());
        String body = r.body();
        assertTrue(!body.contains("server=\"pg\","), "only the probed target");
        Matcher failed = Pattern.compile("(?m)^dbtools_scrape_collector_success\\{.*collector=\"([a-z_]+)\".*\\} 0(\\.0)?$").matcher(body);
        assertTrue(!failed.find(), () -> "collector failed: " + failed.group(1));
        assertTrue(body.contains(",collector=\"pg_stat_statements\"} 1"), "opt-in collector ran");
        assertTrue(body.contains("dbtools_postgres_statement_calls_total{"), body);
        assertTrue(body.contains("dbtools_postgres_table_dead_tuples{"), body);
        var lint = Promtool.checkMetrics(body);
        assertEquals(0, lint.exitCode(), "promtool check metrics:\n" + lint.output());
    }

    @Test
    void every_postgres_metric_the_exporter_serves_is_documented_in_docs_metrics_postgres_md() throws Exception {
        Path doc = Path.of(System.getProperty("basedir", "."), "../../docs/metrics/postgres.md").normalize();
        assertTrue(Files.isRegularFile(doc), doc + " is missing");
        String text = Files.readString(doc);
        Set<String> undocumented = new TreeSet<>();
        Matcher m = TYPE_LINE.matcher(get("/probe?target=pg-all").body());
        while (m.find()) {
            String name = m.group(1);
            String family = m.group(2).equals("counter") ? name.replaceFirst("_total$", "") + "_total" : name;
            if (family.startsWith("dbtools_") && !text.contains("`" + family + "`")) undocumented.add(family);
        }
        assertEquals(Set.of(), undocumented, "families served but not in " + doc);
    }
}
