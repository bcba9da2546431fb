package io.dbtools.api;

import io.dbtools.api.activity.ActivityLog;
import io.dbtools.api.activity.Retention;
import io.dbtools.api.auth.AdminBootstrap;
import io.dbtools.api.db.Db;
import io.dbtools.api.db.TenantPools;
import io.dbtools.exporter.PluginRegistry;
import io.dbtools.tenants.Platform;
import io.dbtools.tenants.TenantMigrator;
import io.dbtools.tenants.TenantProvisioner;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running control API with everything it owns (platform database, tenant pools, retention
 * job), configured from environment-style settings; {@link ApiMain} and the demo both start it.
 */
public final class ControlApi implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ControlApi.class);

    private final ApiApp app;
    private final Platform platform;
    private final TenantPools pools;
    private final ScheduledExecutorService daily;

    private ControlApi(ApiApp app, Platform platform, TenantPools pools, ScheduledExecutorService daily) {
        this.app = app;
        this.platform = platform;
        this.pools = pools;
        this.daily = daily;
    }

    /** Starts the API; the first super-admin token is printed to {@code out} once (or taken from DBTOOLS_ADMIN_TOKEN). */
    public static ControlApi start(Map<String, String> env, PrintStream out) throws Exception {
        Clock clock = Clock.systemUTC();
        SecureRandom random = new SecureRandom();
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Platform platform = Platform.fromEnvironment(env, clock, metrics);

        for (var outcome : new TenantMigrator(platform.registry(), platform.secrets()).migrateAll()) {
            if (!outcome.ok()) {
                log.error("tenant {} could not be migrated and may misbehave: {}", outcome.slug(), outcome.error());
            }
        }

        new JvmMemoryMetrics().bindTo(metrics);
        new JvmGcMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);

        Db system = new Db(platform.system());
        TenantPools pools = new TenantPools(platform.secrets(), metrics, 4);
        var deps = new ApiApp.Dependencies(platform.registry(),
                new TenantProvisioner(platform.server(), platform.registry(), platform.secrets(), random),
                system, pools, platform.secrets(), PluginRegistry.discover(), metrics,
                Executors.newVirtualThreadPerTaskExecutor(), clock, random,
                env.getOrDefault("DBTOOLS_SD_EXPORTER_ADDRESS", "localhost:9630"),
                Long.parseLong(env.getOrDefault("DBTOOLS_API_MAX_BODY_BYTES", "1048576")),
                io.dbtools.api.alert.AlertingConfig.fromEnvironment(env));
        ApiApp app = new ApiApp(deps);
        app.alertRules().deployAll(platform.registry().list(false).stream()
                .filter(t -> t.status() == io.dbtools.tenants.Tenant.Status.ACTIVE).toList(), pools::db);
        AdminBootstrap.run(app.tokens(), env.get("DBTOOLS_ADMIN_TOKEN"), out);

        Retention retention = new Retention(new ActivityLog(clock, io.dbtools.api.web.Json.mapper()), platform.registry(), pools, system);
        ScheduledExecutorService daily = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "activity-retention");
            t.setDaemon(true);
            return t;
        });
        daily.scheduleAtFixedRate(() -> {
            try {
                retention.purgeAll();
            } catch (RuntimeException e) {
                log.warn("activity retention run failed: {}", e.getMessage());
            }
        }, 0, 1, TimeUnit.DAYS);

        app.start(env.getOrDefault("DBTOOLS_API_HOST", "0.0.0.0"), Integer.parseInt(env.getOrDefault("DBTOOLS_API_PORT", "8420")));
        log.info("control API listening on port {}", app.port());
        return new ControlApi(app, platform, pools, daily);
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
        daily.shutdownNow();
        pools.close();
        platform.close();
    }
}
