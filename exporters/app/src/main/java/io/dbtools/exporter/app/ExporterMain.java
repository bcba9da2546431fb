package io.dbtools.exporter.app;

import io.dbtools.exporter.ConfigException;
import io.dbtools.exporter.Exporter;
import io.dbtools.exporter.ExporterOptions;
import io.dbtools.exporter.ExporterServer;
import io.dbtools.exporter.PluginRegistry;
import io.dbtools.exporter.ApiTargetSource;
import io.dbtools.exporter.ReloadingTargetsFile;
import io.dbtools.exporter.TargetSource;
import io.dbtools.plugin.SecretRef;
import java.net.URI;
import java.net.http.HttpClient;
import io.dbtools.exporter.TargetsFile;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The runnable exporter: every engine plugin on the class path, targets from a file. */
@Command(name = "dbtools-exporter", mixinStandardHelpOptions = true, version = "dbtools-exporter 0.1.0",
        description = "Prometheus exporter for PostgreSQL, SQL Server, MongoDB, Snowflake and CockroachDB fleets.")
public final class ExporterMain implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, description = "targets file (YAML); or use --api-url")
    Path config;

    @Option(names = "--api-url", description = "take targets from the control API (e.g. http://control-api:8420) instead of a file")
    URI apiUrl;

    @Option(names = "--api-token", description = "the exporter token as a secret reference: env:VAR or file:/path (default: ${DEFAULT-VALUE})",
            defaultValue = "env:DBTOOLS_EXPORTER_TOKEN")
    String apiToken;

    @Option(names = "--api-cache", description = "how long a target looked up in the control API is reused (default: ${DEFAULT-VALUE})",
            defaultValue = "PT60S")
    Duration apiCache;

    @Option(names = "--listen", description = "address to listen on, host:port or :port (default: ${DEFAULT-VALUE})",
            defaultValue = ":9630")
    String listen;

    @Option(names = "--scrape-timeout", description = "scrape budget when Prometheus sends no timeout header (default: ${DEFAULT-VALUE})",
            defaultValue = "PT10S")
    Duration scrapeTimeout;

    @Option(names = "--timeout-offset", description = "kept back from Prometheus' timeout (default: ${DEFAULT-VALUE})",
            defaultValue = "PT0.5S")
    Duration timeoutOffset;

    @Option(names = "--metrics-with-targets", arity = "1", paramLabel = "true|false",
            description = "whether /metrics also scrapes every target (default: true with --config, false with --api-url, "
                    + "where Prometheus probes each target through /probe and /metrics would query every database again)")
    Boolean metricsWithTargets;

    @Option(names = "--reload-check", description = "how often the targets file is checked for changes (default: ${DEFAULT-VALUE})",
            defaultValue = "PT5S")
    Duration reloadCheck;

    @Option(names = "--check", description = "validate the targets file and exit")
    boolean checkOnly;

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new ExporterMain());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ConfigException c) {
                c.problems().forEach(System.err::println);
                return 2;
            }
            throw e;
        });
        System.exit(cli.execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PluginRegistry plugins = PluginRegistry.discover();
        if ((config == null) == (apiUrl == null)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "give either --config FILE or --api-url URL");
        }
        Clock clock = Clock.systemUTC();
        if (apiUrl != null) {
            var source = new ApiTargetSource(apiUrl, SecretRef.parse(apiToken), HttpClient.newHttpClient(), clock, apiCache);
            return serve(plugins, source, clock, "targets looked up in " + apiUrl, null);
        }
        TargetsFile loader = new TargetsFile(plugins);
        if (checkOnly) {
            System.out.println(config + ": " + loader.load(config).size() + " targets OK");
            return 0;
        }
        ReloadingTargetsFile targets = new ReloadingTargetsFile(config, loader, clock, reloadCheck);
        return serve(plugins, targets, clock, targets.all().size() + " targets from " + config, targets);
    }

    private int serve(PluginRegistry plugins, TargetSource targets, Clock clock, String what, ReloadingTargetsFile file)
            throws Exception {
        ExporterOptions options = new ExporterOptions(scrapeTimeout, timeoutOffset, ExporterOptions.DEFAULTS.idleSessionTimeout());
        Exporter exporter = new Exporter(plugins, targets, clock, options);
        JvmMetrics.builder().register(exporter.selfRegistry());
        if (file != null) {
            GaugeWithCallback.builder().name("dbtools_exporter_config_last_reload_successful")
                    .help("1 if the last read of the targets file succeeded; 0 while a broken edit is ignored.")
                    .callback(cb -> cb.call(file.lastReloadSuccessful() ? 1 : 0)).register(exporter.selfRegistry());
            GaugeWithCallback.builder().name("dbtools_exporter_config_last_reload_timestamp_seconds")
                    .help("When the targets file was last read.")
                    .callback(cb -> cb.call(file.lastReloadAt().toEpochMilli() / 1000.0)).register(exporter.selfRegistry());
        }
        boolean withTargets = metricsWithTargets != null ? metricsWithTargets : file != null;
        ExporterServer server = new ExporterServer(exporter, address(listen), withTargets).start();
        System.out.println("dbtools-exporter listening on :" + server.port() + " with " + what);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            exporter.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    static InetSocketAddress address(String listen) {
        int colon = listen.lastIndexOf(':');
        String host = colon <= 0 ? "0.0.0.0" : listen.substring(0, colon);
        return new InetSocketAddress(host, Integer.parseInt(listen.substring(colon + 1)));
    }
}
