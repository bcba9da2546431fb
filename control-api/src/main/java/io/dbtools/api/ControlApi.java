package io.dbtools.api;

import com.zaxxer.hikari.HikariDataSource;
import io.dbtools.api.activity.ActivityLog;
import io.dbtools.api.alert.ActiveAlerts;
import io.dbtools.api.alert.AlertReconciler;
import io.dbtools.api.alert.AlertStore;
import io.dbtools.api.alert.AlertingConfig;
import io.dbtools.api.alert.Silences;
import io.dbtools.api.auth.AdminBootstrap;
import io.dbtools.api.db.Db;
import io.dbtools.api.db.TenantPools;
import io.dbtools.api.job.DataRetention;
import io.dbtools.api.job.JobMetrics;
import io.dbtools.api.job.JobRepository;
import io.dbtools.api.job.JobScheduler;
import io.dbtools.api.job.Jobs;
import io.dbtools.api.health.PrometheusClient;
import io.dbtools.api.policy.StandardHandlers;
import io.dbtools.api.server.ConnectionTester;
import io.dbtools.api.server.Engines;
import io.dbtools.exporter.PluginRegistry;
import io.dbtools.policies.DefaultPolicyCatalog;
import io.dbtools.policies.DefaultPolicyExecutor;
import io.dbtools.policies.PolicyCatalog;
import io.dbtools.policies.Tools;
import io.dbtools.policies.PolicyExecutor;
import io.dbtools.tenants.Databases;
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
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running control API with everything it owns (platform database, tenant pools, job scheduler
 * with the daily retention run and the alert reconciliation), configured from environment-style
 * settings; {@link ApiMain} and the demo both start it.
 */
public final class ControlApi implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ControlApi.class);

    private final ApiApp app;
    private final Platform platform;
    private final TenantPools pools;
    private final JobScheduler scheduler;
    private final HikariDataSource schedulerPool;

    private ControlApi(ApiApp app, Platform platform, TenantPools pools, JobScheduler scheduler, HikariDataSource schedulerPool) {
        this.app = app;
        this.platform = platform;
        this.pools = pools;
        this.scheduler = scheduler;
        this.schedulerPool = schedulerPool;
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

        PolicyCatalog policyCatalog = new DefaultPolicyCatalog();
        // DBTOOLS_PG_BIN: a directory searched before PATH for pg_dump & co., e.g. a newer PostgreSQL's client programs.
        String pgBin = env.get("DBTOOLS_PG_BIN");
        PolicyExecutor policyExecutor = new DefaultPolicyExecutor(clock, Tools.onPath(pgBin == null || pgBin.isBlank() ? null : Path.of(pgBin)));
        var mapper = io.dbtools.api.web.Json.mapper();
        var schedulerSettings = JobScheduler.Settings.fromEnvironment(env);
        // db-scheduler gets a pool of its own: held server locks and polling never starve API requests.
        HikariDataSource schedulerPool = Databases.pool("dbtools-scheduler", platform.server().url(Databases.SYSTEM_DATABASE),
                platform.server().adminUser(), platform.server().adminPassword(), schedulerSettings.threads() + 4, metrics);
        DataRetention retention = new DataRetention(platform.registry(), pools, system, clock);
        PluginRegistry plugins = PluginRegistry.discover();
        var connectionTests = Executors.newVirtualThreadPerTaskExecutor();
        // data_collection jobs run the connection check onboarding uses, through the same engine plugins
        var tester = new ConnectionTester(new Engines(plugins), connectionTests);
        AlertingConfig alerting = AlertingConfig.fromEnvironment(env);
        AlertReconciler alertReconciler = new AlertReconciler(platform.registry(), pools, system, new AlertStore(mapper),
                new ActivityLog(clock, mapper), new ActiveAlerts(alerting, mapper), new Silences(alerting, mapper), clock,
                AlertReconciler.Settings.fromEnvironment(env));
        JobScheduler scheduler = new JobScheduler(schedulerPool, platform.registry(), pools, new JobRepository(mapper),
                StandardHandlers.of(mapper, platform.secrets(), policyExecutor, retention, tester,
                        new PrometheusClient(alerting, mapper), clock), new JobMetrics(metrics), clock,
                schedulerSettings, List.of(retention.task(), alertReconciler.task()));
        var deps = new ApiApp.Dependencies(platform.registry(),
                new TenantProvisioner(platform.server(), platform.registry(), platform.secrets(), random),
                system, pools, platform.secrets(), plugins, metrics,
                connectionTests, clock, random,
                env.getOrDefault("DBTOOLS_SD_EXPORTER_ADDRESS", "localhost:9630"),
                Long.parseLong(env.getOrDefault("DBTOOLS_API_MAX_BODY_BYTES", "1048576")),
                alerting,
                new Jobs(scheduler, policyCatalog));
        ApiApp app = new ApiApp(deps);
        app.alertRules().deployAll(platform.registry().list(false).stream()
                .filter(t -> t.status() == io.dbtools.tenants.Tenant.Status.ACTIVE).toList(), pools::db);
        AdminBootstrap.run(app.tokens(), env.get("DBTOOLS_ADMIN_TOKEN"), out);

        scheduler.start();

        app.start(env.getOrDefault("DBTOOLS_API_HOST", "0.0.0.0"), Integer.parseInt(env.getOrDefault("DBTOOLS_API_PORT", "8420")));
        log.info("control API listening on port {}", app.port());
        return new ControlApi(app, platform, pools, scheduler, schedulerPool);
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
        scheduler.close();
        schedulerPool.close();
        pools.close();
        platform.close();
    }
}
