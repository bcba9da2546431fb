package io.dbtools.api.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * A real Prometheus (Debian's prometheus) with the lifecycle API, scraping one {@link FakeExporter}
 * every second ({@code honor_labels}, so the exposition's tenant/server labels are kept) and
 * evaluating every {@code *.rules.yml} of a rules directory every second.
 */
public final class TestPrometheus implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ExternalProcess process;
    private final Path rulesDir;

    private TestPrometheus(ExternalProcess process, Path rulesDir) {
        this.process = process;
        this.rulesDir = rulesDir;
    }

    public static TestPrometheus start(String scrapeTarget, Path rulesDir) {
        try {
            Path dir = Files.createTempDirectory("dbtools-test-prometheus");
            Files.createDirectories(rulesDir);
            Files.writeString(dir.resolve("prometheus.yml"), """
                    global:
                      scrape_interval: 1s
                      evaluation_interval: 1s
                    rule_files:
                      - %s/*.rules.yml
                    scrape_configs:
                      - job_name: dbtools-test
                        honor_labels: true
                        static_configs:
                          - targets: ["%s"]
                    """.formatted(rulesDir, scrapeTarget));
            int port = ExternalProcess.freePort();
            return new TestPrometheus(ExternalProcess.start(List.of(
                    ExternalProcess.tool("prometheus", "prometheus").toString(),
                    "--config.file=" + dir.resolve("prometheus.yml"), "--storage.tsdb.path=" + dir.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + port, "--web.enable-lifecycle"), port, dir, "/-/ready"), rulesDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI url() {
        return process.base();
    }

    public Path rulesDir() {
        return rulesDir;
    }

    /** The {@code data.result} of an instant query. */
    public JsonNode query(String promql) {
        return json("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)).path("data").path("result");
    }

    /** GET /api/v1/rules: the groups Prometheus has loaded. */
    public JsonNode ruleGroups() {
        return json("/api/v1/rules").path("data").path("groups");
    }

    /** Polls {@code what} until {@code ready} holds: Prometheus scrapes and evaluates on its own clock. */
    public JsonNode await(String description, java.util.function.Supplier<JsonNode> what, Predicate<JsonNode> ready) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = what.get();
            if (ready.test(last)) {
                return last;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("Prometheus: " + description + " not seen within 30 s; last: " + last + "\n" + process.log());
    }

    private JsonNode json(String path) {
        try {
            return JSON.readTree(process.get(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
