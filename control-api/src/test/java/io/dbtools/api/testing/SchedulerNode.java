package io.dbtools.api.testing;

import io.dbtools.api.db.Db;
import io.dbtools.api.db.TenantPools;
import io.dbtools.api.job.DataRetention;
import io.dbtools.api.job.JobHandler;
import io.dbtools.api.job.JobMetrics;
import io.dbtools.api.job.JobRepository;
import io.dbtools.api.job.JobScheduler;
import io.dbtools.api.job.JobType;
import io.dbtools.api.alert.AlertingConfig;
import io.dbtools.api.health.PrometheusClient;
import io.dbtools.api.policy.StandardHandlers;
import io.dbtools.api.server.ConnectionTester;
import io.dbtools.api.server.Engines;
import io.dbtools.exporter.PluginRegistry;
import io.dbtools.api.web.Json;
import io.dbtools.tenants.Databases;
import io.dbtools.tenants.DbServer;
import io.dbtools.tenants.SecretBox;
import io.dbtools.tenants.TenantRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A scheduler node in a JVM of its own, for the crash test: {@code SchedulerNode <system-db-url> <node-name>}
 * with the secret key (base64) in DBTOOLS_SECRET_KEY. It runs until killed.
 */
public final class SchedulerNode {

    /** System property: custom_script jobs hang on this node (the others run them for real). */
    public static final String HANG = "dbtools.test.hang";

    private SchedulerNode() {}

    public static void main(String[] args) throws Exception {
        DbServer server = DbServer.parse(args[0], "postgres", null);
        var system = Databases.pool("node-system", server.url(Databases.SYSTEM_DATABASE), server.adminUser(), null, 8);
        var secrets = new SecretBox(Base64.getDecoder().decode(System.getenv("DBTOOLS_SECRET_KEY")), new SecureRandom());
        var registry = new TenantRegistry(system, Clock.systemUTC());
        var pools = new TenantPools(secrets, null, 2);
        var mapper = Json.mapper();
        var retention = new DataRetention(registry, pools, new Db(system), Clock.systemUTC());
        var tester = new ConnectionTester(new Engines(PluginRegistry.discover()), Executors.newVirtualThreadPerTaskExecutor());
        Map<JobType, JobHandler> handlers = new EnumMap<>(JobType.class);
        handlers.putAll(StandardHandlers.of(mapper, secrets, TestJobs.EXECUTOR, retention, tester,
                new PrometheusClient(AlertingConfig.none(), mapper), Clock.systemUTC()));
        if (Boolean.getBoolean(HANG)) {
            handlers.put(JobType.CUSTOM_SCRIPT, TestJobs.hanging());
        }
        var settings = new JobScheduler.Settings(args[1], 4, Duration.ofMillis(100), Duration.ofSeconds(1), 4, Duration.ofMillis(200));
        var scheduler = new JobScheduler(system, registry, pools, new JobRepository(mapper), handlers,
                new JobMetrics(new SimpleMeterRegistry()), Clock.systemUTC(), settings, List.of(retention.task()));
        scheduler.start();
        System.out.println("scheduler node " + args[1] + " started");
        Thread.currentThread().join();
    }
}
