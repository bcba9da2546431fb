package io.dbtools.demo;

import io.dbtools.api.ControlApi;
import io.dbtools.exporter.ApiTargetSource;
import io.dbtools.exporter.Exporter;
import io.dbtools.exporter.ExporterOptions;
import io.dbtools.exporter.ExporterServer;
import io.dbtools.exporter.PluginRegistry;
import io.dbtools.plugin.SecretRef;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./dbtools demo}: a real PostgreSQL with a workload, monitored by the exporter, all in one process. */
@Command(name = "dbtools demo", mixinStandardHelpOptions = true,
        description = "Starts an embedded PostgreSQL with a demo workload and the DbTools exporter monitoring it.")
public final class DemoMain implements Callable<Integer> {

    @Option(names = "--exporter-port", description = "exporter HTTP port (default: ${DEFAULT-VALUE})", defaultValue = "9630")
    int exporterPort;

    @Option(names = "--api-port", description = "control API port (default: ${DEFAULT-VALUE})", defaultValue = "8420")
    int apiPort;

    @Option(names = "--pg-port", description = "PostgreSQL port, 0 for any free one (default: ${DEFAULT-VALUE})", defaultValue = "0")
    int pgPort;

    @Option(names = "--duration", description = "stop after this many seconds; 0 runs until Ctrl-C (default: ${DEFAULT-VALUE})",
            defaultValue = "0")
    long durationSeconds;

    public static void main(String[] args) {
        System.exit(new CommandLine(new DemoMain()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        try (Demo demo = Demo.start(pgPort, apiPort, exporterPort)) {
            System.out.println(demo.banner());
            CountDownLatch stop = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                System.out.println("\nStopping the demo...");
                demo.close();
                stop.countDown();
            });
            Runtime.getRuntime().addShutdownHook(hook);
            if (durationSeconds > 0) {
                stop.await(durationSeconds, TimeUnit.SECONDS);
                Runtime.getRuntime().removeShutdownHook(hook);
            } else {
                stop.await();
            }
        }
        return 0;
    }

    /** The running demo: database, control API, workload, exporter. Closing stops all of them, in reverse order. */
    public static final class Demo implements AutoCloseable {
        private final DemoDatabase db;
        private final ControlApi api;
        private final DemoWorkload workload;
        private final Exporter exporter;
        private final ExporterServer server;
        private final String adminToken;
        private final String targetId;
        private boolean closed;

        private Demo(DemoDatabase db, ControlApi api, DemoWorkload workload, Exporter exporter, ExporterServer server,
                String adminToken, String targetId) {
            this.db = db;
            this.api = api;
            this.workload = workload;
            this.exporter = exporter;
            this.server = server;
            this.adminToken = adminToken;
            this.targetId = targetId;
        }

        /** Ports of 0 pick free ones (tests); the command line uses fixed, documented ports. */
        public static Demo start(int pgPort, int apiPort, int exporterPort) throws Exception {
            SecureRandom random = new SecureRandom();
            String password = HexFormat.of().formatHex(random.generateSeed(12));
            String adminToken = "dbt_demo_" + HexFormat.of().formatHex(random.generateSeed(16));
            DemoDatabase db = DemoDatabase.start(pgPort, password);
            Path dataDir = Files.createTempDirectory("dbtools-demo-api-");
            // The API keeps its system and tenant databases on the same embedded server as the demo shop.
            ControlApi api = ControlApi.start(Map.of(
                    "DBTOOLS_DB_URL", "jdbc:postgresql://localhost:" + db.port() + "/postgres",
                    "DBTOOLS_DB_USER", "postgres",
                    "DBTOOLS_DATA_DIR", dataDir.toString(),
                    "DBTOOLS_ADMIN_TOKEN", adminToken,
                    "DBTOOLS_API_HOST", "127.0.0.1",
                    "DBTOOLS_API_PORT", String.valueOf(apiPort),
                    "DBTOOLS_SD_EXPORTER_ADDRESS", "localhost:" + (exporterPort == 0 ? 9630 : exporterPort)),
                    new PrintStream(OutputStream.nullOutputStream()));
            URI apiUri = URI.create("http://127.0.0.1:" + api.port());
            DemoOnboarding.Result onboarded = new DemoOnboarding(apiUri, adminToken)
                    .run("demo", db.port(), DemoDatabase.MONITOR_USER, password);
            DemoWorkload workload = new DemoWorkload(db).start();
            var targets = new ApiTargetSource(apiUri, SecretRef.literal(onboarded.exporterToken()), HttpClient.newHttpClient(),
                    Clock.systemUTC(), Duration.ofSeconds(60));
            Exporter exporter = new Exporter(PluginRegistry.discover(), targets, Clock.systemUTC(), ExporterOptions.DEFAULTS);
            JvmMetrics.builder().register(exporter.selfRegistry());
            ExporterServer server = new ExporterServer(exporter, new InetSocketAddress("127.0.0.1", exporterPort)).start();
            return new Demo(db, api, workload, exporter, server, adminToken, onboarded.targetId());
        }

        public int exporterPort() {
            return server.port();
        }

        public int apiPort() {
            return api.port();
        }

        public int postgresPort() {
            return db.port();
        }

        public String adminToken() {
            return adminToken;
        }

        public String targetId() {
            return targetId;
        }

        String banner() {
            String e = "http://localhost:" + server.port();
            String a = "http://localhost:" + api.port();
            return """

                    DbTools demo is running.
                      PostgreSQL   localhost:%d  (database shop with a workload; monitoring role %s)
                      Control API  %s  (tenant "demo"; super-admin token: %s)
                                   curl -s -H 'Authorization: Bearer %s' -H 'X-Tenant-Slug: demo' %s/api/servers
                                   curl -s -H 'Authorization: Bearer %s' %s/api/sd/targets     # Prometheus HTTP SD
                      Exporter     %s/metrics
                                   %s/probe?target=%s
                      Try          curl -s %s/metrics | grep -E '^dbtools_(up|connections_used|blocked_sessions)'
                    Ctrl-C stops everything.
                    """.formatted(db.port(), DemoDatabase.MONITOR_USER, a, adminToken, adminToken, a, adminToken, a,
                    e, e, targetId, e);
        }

        @Override
        public synchronized void close() {
            if (closed) return;
            closed = true;
            server.close();
            exporter.close();
            try {
                workload.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            api.close();
            try {
                db.close();
            } catch (java.io.IOException e) {
                System.err.println("could not stop PostgreSQL cleanly: " + e.getMessage());
            }
        }
    }
}
