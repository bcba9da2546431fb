package io.dbtools.api;

import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;
import static io.javalin.apibuilder.ApiBuilder.put;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbtools.api.activity.ActivityController;
import io.dbtools.api.activity.ActivityLog;
import io.dbtools.api.alert.AlertController;
import io.dbtools.api.alert.AlertIngest;
import io.dbtools.api.alert.AlertStore;
import io.dbtools.api.alert.AlertingConfig;
import io.dbtools.api.alert.Silences;
import io.dbtools.api.alertrule.AlertRuleController;
import io.dbtools.api.alertrule.AlertRuleRepository;
import io.dbtools.api.alertrule.AlertRuleService;
import io.dbtools.api.alertrule.RuleFiles;
import io.dbtools.api.auth.AuthHandler;
import io.dbtools.api.auth.TokenController;
import io.dbtools.api.auth.TokenStore;
import io.dbtools.api.db.Db;
import io.dbtools.api.db.TenantPools;
import io.dbtools.api.group.GroupController;
import io.dbtools.api.group.GroupRepository;
import io.dbtools.api.health.HealthController;
import io.dbtools.api.health.HealthService;
import io.dbtools.api.health.PrometheusClient;
import io.dbtools.api.job.JobController;
import io.dbtools.api.job.JobRepository;
import io.dbtools.api.job.JobService;
import io.dbtools.api.job.Jobs;
import io.dbtools.api.label.LabelController;
import io.dbtools.api.label.LabelRepository;
import io.dbtools.api.policy.PolicyController;
import io.dbtools.api.policy.PolicyRepository;
import io.dbtools.api.policy.PolicyService;
import io.dbtools.api.sd.SdController;
import io.dbtools.api.sd.SdService;
import io.dbtools.api.server.ConnectionTester;
import io.dbtools.api.server.Engines;
import io.dbtools.api.server.ServerController;
import io.dbtools.api.server.ServerRepository;
import io.dbtools.api.server.ServerService;
import io.dbtools.api.tenant.SettingsController;
import io.dbtools.api.tenant.TenantController;
import io.dbtools.api.tenant.TenantService;
import io.dbtools.api.web.Access;
import io.dbtools.api.web.ErrorMapper;
import io.dbtools.api.web.RequestObserver;
import io.dbtools.exporter.PluginRegistry;
import io.dbtools.tenants.SecretBox;
import io.dbtools.tenants.Tenant;
import io.dbtools.tenants.TenantProvisioner;
import io.dbtools.tenants.TenantRegistry;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/**
 * The control API: every route in one tree, built from the dependencies it is given. Nothing
 * here is static, so tests start as many independent apps as they like.
 */
public final class ApiApp {

    /** A registered route, as the OpenAPI completeness test sees it. */
    public record Route(String method, String path, List<String> access) {}

    /** Everything the app needs from outside. */
    public record Dependencies(
            TenantRegistry registry,
            TenantProvisioner provisioner,
            Db system,
            TenantPools pools,
            SecretBox secrets,
            PluginRegistry plugins,
            PrometheusMeterRegistry metrics,
            ExecutorService connectionTests,
            Clock clock,
            java.security.SecureRandom random,
            String exporterAddress,
            long maxBodyBytes,
            AlertingConfig alerting,
            Jobs jobs) {}

    private final Javalin app;
    private final List<Route> routes = Collections.synchronizedList(new ArrayList<>());
    private final TokenStore tokens;
    private final AlertRuleService alertRules;
    private final TenantPools pools;

    public ApiApp(Dependencies d) {
        this.pools = d.pools();
        ObjectMapper mapper = io.dbtools.api.web.Json.mapper();
        ActivityLog activity = new ActivityLog(d.clock(), mapper);
        this.tokens = new TokenStore(d.system(), d.clock(), d.random());
        Engines engines = new Engines(d.plugins());
        ServerRepository serverRepository = new ServerRepository(mapper);
        LabelRepository labelRepository = new LabelRepository(d.clock());

        var auth = new AuthHandler(tokens, d.registry(), d.pools());
        var prometheus = new PrometheusClient(d.alerting(), mapper);
        this.alertRules = new AlertRuleService(new AlertRuleRepository(mapper), new RuleFiles(d.alerting()), prometheus, activity, d.clock());
        var tenants = new TenantController(new TenantService(d.registry(), d.provisioner(), d.pools(), d.system(), activity,
                this::tenantChanged), mapper);
        var tokenRoutes = new TokenController(tokens, d.registry(), d.pools(), d.system(), activity, mapper);
        var servers = new ServerController(new ServerService(serverRepository, labelRepository,
                new ConnectionTester(engines, d.connectionTests()), engines, d.secrets(), activity, d.clock()), mapper);
        var jobService = new JobService(new JobRepository(mapper), d.jobs().scheduler(), activity, d.clock(), d.jobs().catalog(),
                prometheus.configured());
        var jobRoutes = new JobController(jobService, mapper, d.clock());
        var policyService = new PolicyService(new PolicyRepository(mapper), jobService, d.jobs().scheduler(), d.jobs().catalog(), activity,
                d.clock());
        var policyRoutes = new PolicyController(policyService, mapper);
        var groups = new GroupController(new GroupRepository(d.clock()), activity, mapper, policyService);
        var labels = new LabelController(labelRepository, activity, mapper);
        var activityRoutes = new ActivityController(activity, d.system());
        var settings = new SettingsController(mapper, activity);
        var alertStore = new AlertStore(mapper);
        var alerts = new AlertController(new AlertIngest(d.registry(), d.pools(), d.system(), alertStore, activity, d.clock()),
                alertStore, new Silences(d.alerting(), mapper), activity, d.system(), mapper, d.clock());
        var alertRuleRoutes = new AlertRuleController(alertRules, mapper);
        var health = new HealthController(new HealthService(prometheus));
        var sd = new SdController(new SdService(serverRepository, d.pools(), d.secrets(), d.exporterAddress()), d.registry());
        var observer = new RequestObserver(d.metrics());
        byte[] openApi = openApi();

        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = d.maxBodyBytes();
            config.jsonMapper(new JavalinJackson(mapper, false));
            config.requestLogger.http(observer::observe);
            config.events(events -> events.handlerAdded(h -> {
                if (h.getHttpMethod().isHttpMethod() && h.getHttpMethod() != HandlerType.HEAD) {
                    routes.add(new Route(h.getHttpMethod().name(), h.getPath(),
                            h.getRoles().stream().map(Object::toString).sorted().toList()));
                }
            }));
            config.router.apiBuilder(() -> {
                get("/health", ctx -> ctx.json(Map.of("status", d.system().count("SELECT 1") == 1 ? "ok" : "degraded")), Access.PUBLIC);
                get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(d.metrics().scrape()), Access.PUBLIC);
                path("/api", () -> {
                    get("/openapi.json", ctx -> ctx.contentType("application/json").result(openApi), Access.PUBLIC);
                    path("/tenants", () -> {
                        get(tenants::list, Access.SUPER_ADMIN);
                        post(tenants::create, Access.SUPER_ADMIN);
                        path("/{slug}", () -> {
                            get(tenants::get, Access.SUPER_ADMIN);
                            delete(tenants::delete, Access.SUPER_ADMIN);
                            post("/suspend", tenants::suspend, Access.SUPER_ADMIN);
                            post("/activate", tenants::activate, Access.SUPER_ADMIN);
                        });
                    });
                    path("/tokens", () -> {
                        get(tokenRoutes::list, Access.ADMINS);
                        post(tokenRoutes::create, Access.ADMINS);
                        delete("/{id}", tokenRoutes::revoke, Access.ADMINS);
                    });
                    get("/system/activity", activityRoutes::systemList, Access.SUPER_ADMIN);
                    path("/servers", () -> {
                        get(servers::list, Access.TENANT_READ);
                        post(servers::create, Access.TENANT_WRITE);
                        post("/test-connection", servers::testConnection, Access.TENANT_WRITE);
                        // before /{id}, which would take "health" for an id
                        get("/health", health::list, Access.TENANT_READ);
                        path("/{id}", () -> {
                            get(servers::get, Access.TENANT_READ);
                            get("/health", health::one, Access.TENANT_READ);
                            put(servers::update, Access.TENANT_WRITE);
                            delete(servers::delete, Access.TENANT_WRITE);
                            post("/test", servers::testStored, Access.TENANT_WRITE);
                        });
                    });
                    path("/groups", () -> {
                        get(groups::list, Access.TENANT_READ);
                        post(groups::create, Access.TENANT_WRITE);
                        path("/{id}", () -> {
                            get(groups::get, Access.TENANT_READ);
                            put(groups::update, Access.TENANT_WRITE);
                            delete(groups::delete, Access.TENANT_WRITE);
                            post("/servers", groups::addServers, Access.TENANT_WRITE);
                            post("/servers/remove", groups::removeServers, Access.TENANT_WRITE);
                            get("/policies", policyRoutes::groupPolicies, Access.TENANT_READ);
                        });
                    });
                    path("/policies", () -> {
                        get(policyRoutes::list, Access.TENANT_READ);
                        post(policyRoutes::create, Access.TENANT_WRITE);
                        get("/schemas", policyRoutes::schemas, Access.TENANT_READ);
                        path("/{id}", () -> {
                            get(policyRoutes::get, Access.TENANT_READ);
                            put(policyRoutes::update, Access.TENANT_WRITE);
                            delete(policyRoutes::delete, Access.TENANT_WRITE);
                            get("/versions", policyRoutes::versions, Access.TENANT_READ);
                            post("/deploy", policyRoutes::deploy, Access.TENANT_WRITE);
                            get("/deployments", policyRoutes::deployments, Access.TENANT_READ);
                            delete("/deployments/{groupId}", policyRoutes::undeploy, Access.TENANT_WRITE);
                        });
                    });
                    path("/jobs", () -> {
                        get(jobRoutes::list, Access.TENANT_READ);
                        post(jobRoutes::create, Access.TENANT_WRITE);
                        get("/cron-preview", jobRoutes::cronPreview, Access.TENANT_READ);
                        path("/{id}", () -> {
                            get(jobRoutes::get, Access.TENANT_READ);
                            put(jobRoutes::update, Access.TENANT_WRITE);
                            delete(jobRoutes::delete, Access.TENANT_WRITE);
                            post("/run", jobRoutes::run, Access.TENANT_WRITE);
                            post("/enable", jobRoutes::enable, Access.TENANT_WRITE);
                            post("/disable", jobRoutes::disable, Access.TENANT_WRITE);
                            get("/executions", jobRoutes::executions, Access.TENANT_READ);
                            get("/executions/{execId}", jobRoutes::execution, Access.TENANT_READ);
                        });
                    });
                    path("/labels", () -> {
                        get(labels::list, Access.TENANT_READ);
                        post(labels::create, Access.TENANT_WRITE);
                        put("/{id}", labels::update, Access.TENANT_WRITE);
                        delete("/{id}", labels::delete, Access.TENANT_WRITE);
                    });
                    path("/activity", () -> {
                        get(activityRoutes::tenantList, Access.TENANT_READ);
                        get("/export.csv", activityRoutes::tenantCsv, Access.TENANT_READ);
                    });
                    path("/settings", () -> {
                        get(settings::get, Access.TENANT_READ);
                        put(settings::put, Access.TENANT_ADMIN);
                    });
                    post("/alertmanager/webhook", alerts::webhook, Access.ALERTMANAGER);
                    path("/alerts", () -> {
                        get(alerts::list, Access.TENANT_READ);
                        path("/{id}", () -> {
                            get(alerts::get, Access.TENANT_READ);
                            post("/acknowledge", alerts::acknowledge, Access.TENANT_WRITE);
                        });
                    });
                    path("/system/alerts", () -> {
                        get(alerts::systemList, Access.SUPER_ADMIN);
                        path("/{id}", () -> {
                            get(alerts::systemGet, Access.SUPER_ADMIN);
                            post("/acknowledge", alerts::systemAcknowledge, Access.SUPER_ADMIN);
                        });
                    });
                    path("/alert-rules", () -> {
                        get(alertRuleRoutes::list, Access.TENANT_READ);
                        post(alertRuleRoutes::create, Access.TENANT_WRITE);
                        path("/{id}", () -> {
                            get(alertRuleRoutes::get, Access.TENANT_READ);
                            put(alertRuleRoutes::update, Access.TENANT_WRITE);
                            delete(alertRuleRoutes::delete, Access.TENANT_WRITE);
                            post("/preview", alertRuleRoutes::preview, Access.TENANT_READ);
                        });
                    });
                    path("/sd", () -> {
                        get("/targets", sd::targets, Access.SD);
                        get("/inventory", sd::inventory, Access.SD);
                        get("/lookup/{targetId}", sd::lookup, Access.EXPORTER);
                    });
                });
            });
        });
        app.beforeMatched(auth::handle);
        ErrorMapper.register(app);
    }

    public ApiApp start(String host, int port) {
        app.start(host, port);
        return this;
    }

    public int port() {
        return app.port();
    }

    public void stop() {
        app.stop();
    }

    public TokenStore tokens() {
        return tokens;
    }

    /** Deploys custom alert rules; ControlApi brings every tenant's rules file up to date at start. */
    public AlertRuleService alertRules() {
        return alertRules;
    }

    /** A tenant's rules are in Prometheus exactly while it is active. */
    private void tenantChanged(Tenant t) {
        if (t.status() == Tenant.Status.ACTIVE) {
            alertRules.deploy(t, pools.db(t));
        } else {
            alertRules.undeploy(t);
        }
    }

    /** Routes as registered, for the OpenAPI completeness check. */
    public List<Route> routes() {
        return List.copyOf(routes);
    }

    private static byte[] openApi() {
        try (InputStream in = ApiApp.class.getResourceAsStream("openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi.json is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
