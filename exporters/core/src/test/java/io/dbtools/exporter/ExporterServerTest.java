package io.dbtools.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.exporter.testing.FakePlugin;
import io.dbtools.exporter.testing.Targets;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExporterServerTest {

    private Exporter exporter;
    private ExporterServer server;
    private FakePlugin plugin;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        plugin = new FakePlugin()
                .collector("quick", Duration.ZERO, Duration.ZERO, new AtomicInteger(), null)
                .collector("slow", Duration.ofSeconds(20), Duration.ZERO, new AtomicInteger(), null);
        exporter = new Exporter(new PluginRegistry(List.of(plugin)),
                TargetSource.of(List.of(Targets.fake("a"), Targets.fake("b"))), Clock.systemUTC(), ExporterOptions.DEFAULTS);
        server = new ExporterServer(exporter, new InetSocketAddress("127.0.0.1", 0)).start();
    }

    @AfterEach
    void stop() {
        server.close();
        exporter.close();
    }

    private HttpResponse<String> get(String path, String timeoutHeader) throws Exception {
        var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (timeoutHeader != null) b.header("X-Prometheus-Scrape-Timeout-Seconds", timeoutHeader);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void probe_serves_one_target_within_prometheus_timeout_header() throws Exception {
        long start = System.nanoTime();
        var r = get("/probe?target=b", "1.0");
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(200, r.statusCode());
        assertTrue(ms < 1500, "answered after " + ms + " ms for a 1 s Prometheus timeout");
        assertTrue(r.body().contains("server=\"b\""), r.body());
        assertTrue(!r.body().contains("server=\"a\""), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
    }

    @Test
    void probe_without_target_is_400_and_unknown_target_is_404() throws Exception {
        assertEquals(400, get("/probe", null).statusCode());
        var r = get("/probe?target=nope", null);
        assertEquals(404, r.statusCode());
        assertEquals("unknown target 'nope'\n", r.body());
    }

    @Test
    void metrics_serves_every_target_and_the_exporters_own_metrics() throws Exception {
        var r = get("/metrics", "1.0");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("dbtools_up{tenant=\"acme\",server=\"a\",engine=\"fake\"} 1"), r.body());
        assertTrue(r.body().contains("dbtools_up{tenant=\"acme\",server=\"b\",engine=\"fake\"} 1"), r.body());
        assertTrue(r.body().contains("dbtools_exporter_target_scrapes_total{outcome=\"up\"}"), r.body());
    }

    @Test
    void behind_service_discovery_metrics_serves_only_the_exporters_own_metrics_and_touches_no_target() throws Exception {
        try (ExporterServer sdOnly = new ExporterServer(exporter, new InetSocketAddress("127.0.0.1", 0), false).start()) {
            var r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sdOnly.port() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertTrue(r.body().contains("dbtools_exporter_open_sessions"), r.body());
            assertTrue(!r.body().contains("dbtools_up"), r.body());
            assertEquals(0, plugin.opened.get(), "no target session was opened");
            // /probe still serves each target
            var probe = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sdOnly.port() + "/probe?target=a")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(probe.body().contains("dbtools_up{tenant=\"acme\",server=\"a\",engine=\"fake\"} 1"), probe.body());
        }
    }

    @Test
    void healthz_answers_ok() throws Exception {
        assertEquals("ok\n", get("/healthz", null).body());
    }
}
