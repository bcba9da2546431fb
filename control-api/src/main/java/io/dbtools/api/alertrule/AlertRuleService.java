package io.dbtools.api.alertrule;

import io.dbtools.api.activity.ActivityLog;
import io.dbtools.api.auth.Principal;
import io.dbtools.api.db.Db;
import io.dbtools.api.db.TenantPools;
import io.dbtools.api.health.PrometheusClient;
import io.dbtools.api.web.ApiError;
import io.dbtools.tenants.Tenant;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Custom alert rules: stored in the tenant's database and deployed as the tenant's rules file.
 * A change is committed only when promtool accepts the file it produces; the file replaces the
 * old one inside the same transaction. Prometheus is then asked to reload: a failed reload does
 * not undo the change (the file is valid and Prometheus loads it at its next reload or start) but
 * is reported in the response's {@code deployment}.
 */
public final class AlertRuleService {

    private static final Logger log = LoggerFactory.getLogger(AlertRuleService.class);

    /**
     * What happened to the rules file: {@code file} is null when DBTOOLS_RULES_DIR is unset;
     * {@code reload} is {@code reloaded}, {@code failed}, {@code unchanged} or {@code not_configured}.
     */
    public record Deployment(String file, String reload, String message) {}

    /** A rule with what deploying it did. */
    public record Saved(AlertRule rule, String expr,
                        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) Deployment deployment) {}

    /** A series that satisfies the rule's condition now, with its value. */
    public record Firing(String server, Map<String, String> labels, Object value) {}

    public record Preview(String expr, Instant at, List<Firing> firing) {}

    private final AlertRuleRepository repository;
    private final RuleFiles files;
    private final PrometheusClient prometheus;
    private final ActivityLog activity;
    private final Clock clock;

    public AlertRuleService(AlertRuleRepository repository, RuleFiles files, PrometheusClient prometheus, ActivityLog activity, Clock clock) {
        this.repository = repository;
        this.files = files;
        this.prometheus = prometheus;
        this.activity = activity;
        this.clock = clock;
    }

    public List<AlertRule> list(Db db) {
        return repository.all(db);
    }

    public AlertRule get(Db db, long id) {
        return repository.find(db, id).orElseThrow(() -> notFound(id));
    }

    public Saved create(Tenant tenant, Db db, Principal actor, AlertRuleRequest request) {
        AlertRule rule = request.validated(0);
        return change(tenant, db, tx -> {
            long id = insert(tx, rule);
            activity.record(tx, actor, "alert_rule.create", "alert_rule", id, rule.name(), summary(rule));
            return id;
        });
    }

    public Saved update(Tenant tenant, Db db, Principal actor, long id, AlertRuleRequest request) {
        AlertRule rule = request.validated(id);
        return change(tenant, db, tx -> {
            repository.find(tx, id).orElseThrow(() -> notFound(id));
            try {
                repository.update(tx, id, rule, clock.instant());
            } catch (Db.DbException e) {
                throw e.uniqueViolation() ? duplicate(rule) : e;
            }
            activity.record(tx, actor, "alert_rule.update", "alert_rule", id, rule.name(), summary(rule));
            return id;
        });
    }

    public Deployment delete(Tenant tenant, Db db, Principal actor, long id) {
        return change(tenant, db, tx -> {
            AlertRule old = repository.find(tx, id).orElseThrow(() -> notFound(id));
            repository.delete(tx, id);
            activity.record(tx, actor, "alert_rule.delete", "alert_rule", id, old.name(), summary(old));
            return null;
        }).deployment();
    }

    /** Runs the rule's expression (without {@code for}) now: the servers that would fire and their values. */
    public Preview preview(Tenant tenant, Db db, long id) {
        AlertRule rule = get(db, id);
        String expr = rule.expr(tenant.slug());
        List<Firing> out = new ArrayList<>();
        for (PrometheusClient.Sample s : prometheus.query(expr)) {
            out.add(new Firing(s.labels().get("server"), s.labels(), s.json()));
        }
        return new Preview(expr, clock.instant(), out);
    }

    /**
     * Writes the tenant's file from its stored rules when it differs, and reloads Prometheus if it
     * changed: at start-up (rules stored before a restart or by a migration) and for a new tenant.
     */
    public Deployment deploy(Tenant tenant, Db db) {
        if (!files.configured()) {
            return new Deployment(null, "not_configured", "DBTOOLS_RULES_DIR is not set: rules are stored but not deployed");
        }
        ReentrantLock lock = files.lock(tenant.slug());
        lock.lock();
        try {
            boolean changed = files.write(tenant.slug(), RuleFiles.render(tenant.slug(), repository.all(db)));
            return changed ? reload() : new Deployment(RuleFiles.fileName(tenant.slug()), "unchanged", null);
        } finally {
            lock.unlock();
        }
    }

    /** At start-up: every active tenant's file from its stored rules, then one reload if any changed. */
    public void deployAll(List<Tenant> tenants, java.util.function.Function<Tenant, Db> databases) {
        if (!files.configured()) {
            return;
        }
        boolean changed = false;
        for (Tenant t : tenants) {
            ReentrantLock lock = files.lock(t.slug());
            lock.lock();
            try {
                changed |= files.write(t.slug(), RuleFiles.render(t.slug(), repository.all(databases.apply(t))));
            } catch (RuntimeException e) {
                log.error("tenant {}: alert rules not deployed: {}", t.slug(), e.getMessage());
            } finally {
                lock.unlock();
            }
        }
        if (changed) {
            reload();
        }
    }

    /** Removes a suspended or deleted tenant's rules from Prometheus. */
    public void undeploy(Tenant tenant) {
        if (files.configured() && files.remove(tenant.slug())) {
            reload();
        }
    }

    public Deployment reload() {
        if (!prometheus.configured()) {
            return new Deployment(null, "not_configured", "DBTOOLS_PROMETHEUS_URL is not set: Prometheus loads the file at its next reload");
        }
        Optional<String> failure = prometheus.reload();
        failure.ifPresent(why -> log.warn("Prometheus reload after a rules change failed: {}", why));
        return failure.map(why -> new Deployment(null, "failed", why + "; the rule is saved and takes effect at Prometheus' next reload"))
                .orElse(new Deployment(null, "reloaded", null));
    }

    @FunctionalInterface
    private interface Change {
        Long apply(Db tx);
    }

    /** The change and the new file in one transaction, under the tenant's lock; then the reload. */
    private Saved change(Tenant tenant, Db db, Change work) {
        ReentrantLock lock = files.lock(tenant.slug());
        lock.lock();
        try {
            Long id;
            try {
                id = db.inTransaction(tx -> {
                    Long changed = work.apply(tx);
                    if (files.configured()) {
                        files.write(tenant.slug(), RuleFiles.render(tenant.slug(), repository.all(tx)));
                    }
                    return changed;
                });
            } catch (RuntimeException e) {
                restore(tenant, db);
                throw e;
            }
            Deployment d;
            if (!files.configured()) {
                d = new Deployment(null, "not_configured", "DBTOOLS_RULES_DIR is not set: the rule is stored but not deployed");
            } else {
                Deployment r = reload();
                d = new Deployment(RuleFiles.fileName(tenant.slug()), r.reload(), r.message());
            }
            AlertRule rule = id == null ? null : repository.find(db, id).orElseThrow();
            return new Saved(rule, rule == null ? null : rule.expr(tenant.slug()), d);
        } finally {
            lock.unlock();
        }
    }

    /** After a failed change the file must again say what is committed (a failed commit may follow a replaced file). */
    private void restore(Tenant tenant, Db db) {
        if (!files.configured()) {
            return;
        }
        try {
            files.write(tenant.slug(), RuleFiles.render(tenant.slug(), repository.all(db)));
        } catch (RuntimeException e) {
            log.error("tenant {}: could not restore the rules file after a failed change: {}", tenant.slug(), e.getMessage());
        }
    }

    private long insert(Db tx, AlertRule rule) {
        try {
            return repository.insert(tx, rule, clock.instant());
        } catch (Db.DbException e) {
            throw e.uniqueViolation() ? duplicate(rule) : e;
        }
    }

    private static ApiError duplicate(AlertRule rule) {
        return ApiError.conflict("name", "an alert rule named '" + rule.name() + "' exists");
    }

    private static ApiError notFound(long id) {
        return ApiError.notFound("no alert rule " + id);
    }

    private static Map<String, Object> summary(AlertRule r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("metric", r.metric());
        m.put("operator", r.operator());
        m.put("threshold", r.threshold());
        m.put("for", r.forDuration());
        m.put("severity", r.severity());
        m.put("enabled", r.enabled());
        return m;
    }
}
