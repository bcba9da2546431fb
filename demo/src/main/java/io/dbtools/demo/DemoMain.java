package io.dbtools.demo;

import io.dbtools.exporter.Exporter;
import io.dbtools.exporter.ExporterOptions;
import io.dbtools.exporter.ExporterServer;
import io.dbtools.exporter.PluginRegistry;
import io.dbtools.exporter.TargetSource;
import io.dbtools.plugin.CollectorSelection;
import io.dbtools.plugin.SecretRef;
import io.dbtools.plugin.Target;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        try (Demo demo = Demo.start(pgPort, exporterPort)) {
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

    /** The running demo: database, workload, exporter. Closing stops all three, in reverse order. */
    public static final class Demo implements AutoCloseable {
        private final DemoDatabase db;
        private final DemoWorkload workload;
        private final Exporter exporter;
        private final ExporterServer server;
        private boolean closed;

        private Demo(DemoDatabase db, DemoWorkload workload, Exporter exporter, ExporterServer server) {
            this.db = db;
            this.workload = workload;
            this.exporter = exporter;
            this.server = server;
        }

        public static Demo start(int pgPort, int exporterPort) throws Exception {
            String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
            DemoDatabase db = DemoDatabase.start(pgPort, password);
            DemoWorkload workload = new DemoWorkload(db).start();
            Target target = new Target("demo-pg", "demo", "demo-pg", "postgres", "localhost", db.port(), "shop",
                    Target.Credentials.password(DemoDatabase.MONITOR_USER, SecretRef.literal(password)), Target.Tls.PREFER,
                    new CollectorSelection(Set.of(), Set.of("pg_stat_statements"), Set.of()), Map.of(), Map.of("env", "demo"));
            PluginRegistry plugins = PluginRegistry.discover();
            Exporter exporter = new Exporter(plugins, TargetSource.of(List.of(target)), Clock.systemUTC(), ExporterOptions.DEFAULTS);
            JvmMetrics.builder().register(exporter.selfRegistry());
            ExporterServer server = new ExporterServer(exporter, new InetSocketAddress("127.0.0.1", exporterPort)).start();
            return new Demo(db, workload, exporter, server);
        }

        public int exporterPort() {
            return server.port();
        }

        public int postgresPort() {
            return db.port();
        }

        String banner() {
            String e = "http://localhost:" + server.port();
            return """

                    DbTools demo is running.
                      PostgreSQL  localhost:%d  (database shop, workload running; monitoring role %s)
                      Exporter    %s/metrics
                                  %s/probe?target=demo-pg
                      Try         curl -s %s/metrics | grep -E '^dbtools_(up|connections_used|blocked_sessions|postgres_transactions_committed_total)'
                    Ctrl-C stops everything.
                    """.formatted(db.port(), DemoDatabase.MONITOR_USER, e, e, e);
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
            try {
                db.close();
            } catch (java.io.IOException e) {
                System.err.println("could not stop PostgreSQL cleanly: " + e.getMessage());
            }
        }
    }
}
