package io.dbtools.api.testing;

import io.dbtools.api.ApiApp;
import io.dbtools.api.alert.AlertingConfig;
import io.dbtools.api.auth.Role;
import io.dbtools.api.db.Db;
import io.dbtools.api.db.TenantPools;
import io.dbtools.exporter.PluginRegistry;
import io.dbtools.tenants.Platform;
import io.dbtools.tenants.TenantProvisioner;
import io.dbtools.tenants.testing.TestDb;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.concurrent.Executors;

/**
 * One control API per test JVM, on an ephemeral port, over the one embedded PostgreSQL, with the
 * real PostgreSQL plugin and a monitoring role ({@code pg_monitor}) to onboard.
 */
public final class TestApi {

    public static final String MONITOR_USER = "api_test_monitor";
    public static final String MONITOR_PASSWORD = "Monitor-Secret-4711";
    /** Small, so the oversize test does not need megabytes. */
    public static final long MAX_BODY = 64 * 1024;

    private static ApiApp app;
    private static Http http;
    private static String superToken;

    private TestApi() {}

    public static synchronized Http http() {
        if (app == null) {
            try {
                Platform platform = TestDb.platform();
                try (Connection c = TestDb.superuser("postgres"); Statement st = c.createStatement()) {
                    st.execute("CREATE ROLE " + MONITOR_USER + " LOGIN PASSWORD '" + MONITOR_PASSWORD + "'");
                    st.execute("GRANT pg_monitor TO " + MONITOR_USER);
                }
                SecureRandom random = new SecureRandom();
                var metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
                var deps = new ApiApp.Dependencies(platform.registry(),
                        new TenantProvisioner(platform.server(), platform.registry(), platform.secrets(), random),
                        new Db(platform.system()), new TenantPools(platform.secrets(), metrics, 2), platform.secrets(),
                        PluginRegistry.discover(), metrics, Executors.newVirtualThreadPerTaskExecutor(), Clock.systemUTC(), random,
                        "exporter:9630", MAX_BODY);
                app = new ApiApp(deps).start("127.0.0.1", 0);
                superToken = app.tokens().create("test super-admin", Role.SUPER_ADMIN, null).value();
                http = new Http("http://127.0.0.1:" + app.port());
                Runtime.getRuntime().addShutdownHook(new Thread(app::stop));
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the test API", e);
            }
        }
        return http;
    }

    /** A second API on the same databases, with Alertmanager, Prometheus and rules settings; tokens and tenants are shared. */
    public static Running withAlerting(AlertingConfig alerting) {
        http();
        Platform platform = TestDb.platform();
        SecureRandom random = new SecureRandom();
        var metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        var deps = new ApiApp.Dependencies(platform.registry(),
                new TenantProvisioner(platform.server(), platform.registry(), platform.secrets(), random),
                new Db(platform.system()), new TenantPools(platform.secrets(), metrics, 2), platform.secrets(),
                PluginRegistry.discover(), metrics, Executors.newVirtualThreadPerTaskExecutor(), Clock.systemUTC(), random,
                "exporter:9630", MAX_BODY, alerting);
        ApiApp started = new ApiApp(deps).start("127.0.0.1", 0);
        return new Running(started, new Http("http://127.0.0.1:" + started.port()));
    }

    /** An API started by a test class, stopped by it. */
    public record Running(ApiApp app, Http http) implements AutoCloseable {
        @Override
        public void close() {
            app.stop();
        }
    }

    public static ApiApp app() {
        http();
        return app;
    }

    public static String superToken() {
        http();
        return superToken;
    }

    public static int pgPort() {
        return TestDb.server().port();
    }

    /** Creates a tenant through the API and returns its slug. */
    public static String newTenant(String prefix) {
        String slug = TestDb.uniqueSlug(prefix);
        var r = http().post("/api/tenants", superToken(), null, "{\"slug\":\"" + slug + "\",\"name\":\"Tenant " + slug + "\"}");
        if (r.status() != 201) {
            throw new IllegalStateException("tenant creation failed: " + r);
        }
        return slug;
    }

    /** A token of {@code role} bound to the tenant, created through the API. */
    public static String token(String slug, String role) {
        var r = http().post("/api/tokens", superToken(), null,
                "{\"name\":\"" + role + " of " + slug + "\",\"role\":\"" + role + "\",\"tenant\":\"" + slug + "\"}");
        if (r.status() != 201) {
            throw new IllegalStateException("token creation failed: " + r);
        }
        return r.json().get("value").asText();
    }

    /** JSON for a server on the embedded PostgreSQL, monitored by the pg_monitor role. */
    public static String pgServer(String name, String extra) {
        return "{\"name\":\"" + name + "\",\"engine\":\"postgres\",\"host\":\"127.0.0.1\",\"port\":" + pgPort()
                + ",\"database\":\"postgres\",\"username\":\"" + MONITOR_USER + "\",\"password\":\"" + MONITOR_PASSWORD + "\""
                + (extra == null || extra.isEmpty() ? "" : "," + extra) + "}";
    }
}
