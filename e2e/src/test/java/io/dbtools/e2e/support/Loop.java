package io.dbtools.e2e.support;

import io.dbtools.api.ControlApi;
import io.dbtools.exporter.ApiTargetSource;
import io.dbtools.exporter.Exporter;
import io.dbtools.exporter.ExporterOptions;
import io.dbtools.exporter.ExporterServer;
import io.dbtools.exporter.PluginRegistry;
import io.dbtools.plugin.SecretRef;
import io.dbtools.postgres.TestPostgres;
import io.dbtools.postgres.TestStandby;
import io.dbtools.rules.testing.Tool;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The whole live loop, started the way production runs it and stopped in reverse order:
 * PostgreSQL primary and streaming standby (embedded) → control API (in this JVM, on the same
 * PostgreSQL) → tenant, tokens, servers and a group through its REST API → exporter (in this JVM,
 * targets looked up in the control API) → Alertmanager and Prometheus (Debian's, child processes)
 * with the production configuration made fast ({@link LoopConfig}).
 */
public final class Loop implements AutoCloseable {

    public final EmbeddedPostgres primary;
    public final JsonHttp admin;
    public final JsonHttp prometheus;
    public final JsonHttp alertmanager;
    public final Fleet.Onboarded fleet;
    public final Path logs;
    public final ChildProcess prometheusProcess;
    public final ChildProcess alertmanagerProcess;
    private final Deque<AutoCloseable> started;

    private Loop(Builder b) {
        this.primary = b.primary;
        this.admin = b.admin;
        this.prometheus = b.prometheus;
        this.alertmanager = b.alertmanager;
        this.fleet = b.fleet;
        this.logs = b.logs;
        this.prometheusProcess = b.prometheusProcess;
        this.alertmanagerProcess = b.alertmanagerProcess;
        this.started = b.started;
    }

    /** Mutable only while starting; whatever was started is closed if a later step fails. */
    private static final class Builder {
        final Deque<AutoCloseable> started = new ArrayDeque<>();
        EmbeddedPostgres primary;
        JsonHttp admin;
        JsonHttp prometheus;
        JsonHttp alertmanager;
        Fleet.Onboarded fleet;
        Path logs;
        ChildProcess prometheusProcess;
        ChildProcess alertmanagerProcess;
    }

    public static Loop start() throws Exception {
        Builder b = new Builder();
        try {
            return start(b);
        } catch (Throwable t) {
            closeAll(b.started, t);
            throw t;
        }
    }

    private static Loop start(Builder b) throws Exception {
        b.logs = Files.createDirectories(Path.of(System.getProperty("dbtools.e2e.logs", "target/e2e-logs")))
                .toAbsolutePath();
        Path work = Files.createTempDirectory("dbtools-e2e-");
        b.started.addLast(() -> deleteTree(work)); // closed last: configs, tokens, Prometheus' and Alertmanager's data

        b.primary = TestPostgres.get(); // shared per JVM; stops with it
        EmbeddedPostgres standby = TestStandby.start();
        b.started.push(standby);

        int apiPort = ChildProcess.freePort();
        int exporterPort = ChildProcess.freePort();
        int alertmanagerPort = ChildProcess.freePort();
        int prometheusPort = ChildProcess.freePort();
        int closedPort = ChildProcess.freePort();
        URI prometheusUri = URI.create("http://127.0.0.1:" + prometheusPort);
        URI alertmanagerUri = URI.create("http://127.0.0.1:" + alertmanagerPort);

        Path tenantRules = Files.createDirectories(work.resolve("prometheus/tenant-rules"));
        String adminToken = "dbt_e2e_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        ControlApi api = ControlApi.start(Map.ofEntries(
                Map.entry("DBTOOLS_DB_URL", "jdbc:postgresql://localhost:" + b.primary.getPort() + "/postgres"),
                Map.entry("DBTOOLS_DB_USER", "postgres"),
                Map.entry("DBTOOLS_DATA_DIR", work.resolve("api").toString()),
                Map.entry("DBTOOLS_ADMIN_TOKEN", adminToken),
                Map.entry("DBTOOLS_API_HOST", "127.0.0.1"),
                Map.entry("DBTOOLS_API_PORT", String.valueOf(apiPort)),
                Map.entry("DBTOOLS_SD_EXPORTER_ADDRESS", "127.0.0.1:" + exporterPort),
                Map.entry("DBTOOLS_ALERTMANAGER_URL", alertmanagerUri.toString()),
                Map.entry("DBTOOLS_PROMETHEUS_URL", prometheusUri.toString()),
                Map.entry("DBTOOLS_RULES_DIR", tenantRules.toString()),
                // Acknowledged alerts are reconciled with Alertmanager every 2 s instead of every minute, and without
                // the start-up grace (Alertmanager here is seconds old; in production a restart empties its memory).
                Map.entry("DBTOOLS_ALERT_RECONCILE_SECONDS", "2"),
                Map.entry("DBTOOLS_ALERT_RECONCILE_GRACE_SECONDS", "0"),
                Map.entry("DBTOOLS_SCHEDULER_POLL_MS", "500")),
                new PrintStream(OutputStream.nullOutputStream()));
        b.started.push(api);
        URI apiUri = URI.create("http://127.0.0.1:" + api.port());
        b.admin = new JsonHttp(apiUri, adminToken, null);
        b.fleet = Fleet.onboard(b.admin, b.primary.getPort(), standby.getPort(), closedPort);

        // The exporter as ExporterMain --api-url runs it; lookups cached for 5 s instead of 60 s.
        Clock clock = Clock.systemUTC();
        var targets = new ApiTargetSource(apiUri, SecretRef.literal(b.fleet.exporterToken()), HttpClient.newHttpClient(), clock,
                Duration.ofSeconds(5));
        Exporter exporter = new Exporter(PluginRegistry.discover(), targets, clock, ExporterOptions.DEFAULTS);
        b.started.push(exporter);
        JvmMetrics.builder().register(exporter.selfRegistry());
        // As --api-url runs it: /metrics carries the exporter's own metrics only; targets are probed through /probe.
        ExporterServer exporterServer = new ExporterServer(exporter, new InetSocketAddress("127.0.0.1", exporterPort), false).start();
        b.started.push(exporterServer);

        Path sdToken = LoopConfig.write(work.resolve("secrets/sd-token"), b.fleet.exporterToken());
        // Without the alertmanager role (alerts API not merged) Alertmanager still runs; its webhook posts are refused.
        Path amToken = LoopConfig.write(work.resolve("secrets/control-api-token"), b.fleet.alertmanagerToken().orElse("none"));
        var addresses = new LoopConfig.Addresses(api.port(), exporterPort, alertmanagerPort, sdToken, amToken, tenantRules);

        Path amConfig = LoopConfig.alertmanager(work.resolve("alertmanager"), addresses);
        b.alertmanagerProcess = ChildProcess.start("alertmanager", List.of(Tool.ALERTMANAGER.path().toString(),
                "--config.file=" + amConfig, "--storage.path=" + work.resolve("alertmanager/data"),
                "--web.listen-address=127.0.0.1:" + alertmanagerPort, "--cluster.listen-address="),
                b.logs.resolve("alertmanager.log"), alertmanagerUri.resolve("/-/ready"), Duration.ofSeconds(20));
        b.started.push(b.alertmanagerProcess);
        b.alertmanager = new JsonHttp(alertmanagerUri);

        Path promConfig = LoopConfig.prometheus(work.resolve("prometheus"), addresses);
        b.prometheusProcess = ChildProcess.start("prometheus", List.of(new Tool("prometheus", "prometheus").path().toString(),
                "--config.file=" + promConfig, "--storage.tsdb.path=" + work.resolve("prometheus/data"),
                "--web.listen-address=127.0.0.1:" + prometheusPort, "--web.enable-lifecycle"),
                b.logs.resolve("prometheus.log"), prometheusUri.resolve("/-/ready"), Duration.ofSeconds(20));
        b.started.push(b.prometheusProcess);
        b.prometheus = new JsonHttp(prometheusUri);
        return new Loop(b);
    }

    /** Everything started, newest first; Prometheus and Alertmanager are always among them. */
    @Override
    public void close() {
        closeAll(started, null);
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void closeAll(Deque<AutoCloseable> started, Throwable cause) {
        while (!started.isEmpty()) {
            AutoCloseable c = started.pop();
            try {
                c.close();
            } catch (Exception e) {
                if (cause != null) cause.addSuppressed(e);
                else System.err.println("e2e: could not stop " + c + ": " + e);
            }
        }
    }
}
