package io.dbtools.api.alert;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.dbtools.api.activity.ActivityLog;
import io.dbtools.api.auth.Principal;
import io.dbtools.api.auth.Role;
import io.dbtools.api.db.Db;
import io.dbtools.api.db.TenantPools;
import io.dbtools.tenants.Tenant;
import io.dbtools.tenants.TenantRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves acknowledged alerts whose resolution Alertmanager never sent. Acknowledging creates a
 * silence, and Alertmanager notifies nothing for a silenced alert, not even that it resolved; so
 * every firing, acknowledged occurrence is compared with what Alertmanager still holds. One that
 * Alertmanager no longer has (or has only as a newer occurrence) has ended: it is resolved with a
 * {@code resolved} event by {@value #ACTOR} and one {@code alert.resolved} activity entry, in one
 * transaction per tenant, and its silence is expired so the next occurrence notifies again.
 * Runs as a db-scheduler recurring task, so on one node of the cluster at a time.
 */
public final class AlertReconciler {

    private static final Logger log = LoggerFactory.getLogger(AlertReconciler.class);

    static final String TASK = "dbtools-alert-reconcile";
    public static final String ACTOR = "reconciler";
    private static final Principal PRINCIPAL = new Principal(0, ACTOR, Role.SUPER_ADMIN, null);

    /**
     * @param interval DBTOOLS_ALERT_RECONCILE_SECONDS (default 60): pause between two runs
     * @param restartGrace DBTOOLS_ALERT_RECONCILE_GRACE_SECONDS (default 300): no run trusts an Alertmanager
     *        younger than this, since it holds alerts in memory only and learns them again as Prometheus re-sends them
     */
    public record Settings(Duration interval, Duration restartGrace) {

        public static Settings fromEnvironment(Map<String, String> env) {
            long interval = Long.parseLong(env.getOrDefault("DBTOOLS_ALERT_RECONCILE_SECONDS", "60"));
            long grace = Long.parseLong(env.getOrDefault("DBTOOLS_ALERT_RECONCILE_GRACE_SECONDS", "300"));
            if (interval < 1 || grace < 0) {
                throw new IllegalArgumentException("DBTOOLS_ALERT_RECONCILE_SECONDS must be at least 1 and DBTOOLS_ALERT_RECONCILE_GRACE_SECONDS not negative");
            }
            return new Settings(Duration.ofSeconds(interval), Duration.ofSeconds(grace));
        }
    }

    /** What one run did. */
    public enum Outcome { NOT_CONFIGURED, NOTHING_ACKNOWLEDGED, ALERTMANAGER_UNAVAILABLE, ALERTMANAGER_RESTARTED, RECONCILED }

    /**
     * @param checked acknowledged firing occurrences compared with Alertmanager
     * @param resolved of them, resolved
     * @param silencesExpired silences expired early
     */
    public record Summary(Outcome outcome, int checked, int resolved, int silencesExpired) {
        static Summary of(Outcome outcome) {
            return new Summary(outcome, 0, 0, 0);
        }
    }

    /** One alerts store: the platform's (system database) or a tenant's. */
    private record Scope(String name, Db db, AlertStore.Tables tables) {}

    private record Resolution(Instant endsAt, String reason) {}

    /** One store's run: occurrences compared, resolved, and the still-running silences of the resolved ones. */
    private record Pass(int checked, int resolved, List<String> silencesToExpire) {}

    private final TenantRegistry registry;
    private final TenantPools pools;
    private final Db system;
    private final AlertStore store;
    private final ActivityLog activity;
    private final ActiveAlerts alertmanager;
    private final Silences silences;
    private final Clock clock;
    private final Settings settings;
    /** Set while Alertmanager cannot be asked, so an outage is logged once, not every run. */
    private volatile boolean unavailable;

    public AlertReconciler(TenantRegistry registry, TenantPools pools, Db system, AlertStore store, ActivityLog activity,
                           ActiveAlerts alertmanager, Silences silences, Clock clock, Settings settings) {
        this.registry = registry;
        this.pools = pools;
        this.system = system;
        this.store = store;
        this.activity = activity;
        this.alertmanager = alertmanager;
        this.silences = silences;
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * The db-scheduler task. Registered whether or not Alertmanager is configured (a run without it
     * does nothing), so every node knows the task its row in {@code scheduled_tasks} names.
     */
    public RecurringTask<Void> task() {
        return Tasks.recurring(TASK, Schedules.fixedDelay(settings.interval())).execute((instance, ctx) -> reconcileAll());
    }

    /** One run over the platform store and every active tenant; never throws for Alertmanager or one tenant failing. */
    public Summary reconcileAll() {
        if (!alertmanager.configured()) {
            return Summary.of(Outcome.NOT_CONFIGURED);
        }
        // a cheap look first: Alertmanager is asked only when something is acknowledged and firing
        List<Scope> scopes = new ArrayList<>();
        for (Scope s : scopes()) {
            try {
                if (store.countAcknowledgedFiring(s.db(), s.tables()) > 0) {
                    scopes.add(s);
                }
            } catch (RuntimeException e) {
                log.warn("alert reconciliation skipped {}: {}", s.name(), e.getMessage());
            }
        }
        if (scopes.isEmpty()) {
            return Summary.of(Outcome.NOTHING_ACKNOWLEDGED);
        }
        // only acknowledgements older than the snapshot count: an alert acknowledged meanwhile may be newer than it
        Instant asOf = clock.instant();
        ActiveAlerts.Snapshot held;
        try {
            held = alertmanager.fetch();
        } catch (ActiveAlerts.Unavailable e) {
            if (!unavailable) {
                unavailable = true;
                log.warn("alert reconciliation paused until Alertmanager answers: {}", e.getMessage());
            }
            return Summary.of(Outcome.ALERTMANAGER_UNAVAILABLE);
        }
        if (unavailable) {
            unavailable = false;
            log.info("Alertmanager answers again: alert reconciliation resumed");
        }
        if (held.startedAt() != null && held.startedAt().isAfter(asOf.minus(settings.restartGrace()))) {
            log.debug("Alertmanager started at {}, within the grace of {}: not yet trusted to hold every alert", held.startedAt(),
                    settings.restartGrace());
            return Summary.of(Outcome.ALERTMANAGER_RESTARTED);
        }
        int checked = 0;
        int resolved = 0;
        int expired = 0;
        for (Scope s : scopes) {
            try {
                Pass pass = s.db().inTransaction(tx -> reconcile(tx, s, held, asOf));
                checked += pass.checked();
                resolved += pass.resolved();
                // after the commit: a silence expired for a rolled-back resolution would unmute a firing alert
                for (String id : pass.silencesToExpire()) {
                    if (silences.expire(id)) {
                        expired++;
                    }
                }
            } catch (RuntimeException e) {
                log.warn("alert reconciliation failed for {}: {}", s.name(), e.getMessage());
            }
        }
        if (resolved > 0) {
            log.info("alert reconciliation resolved {} of {} acknowledged firing alerts that Alertmanager no longer holds", resolved, checked);
        }
        return new Summary(Outcome.RECONCILED, checked, resolved, expired);
    }

    private Pass reconcile(Db tx, Scope s, ActiveAlerts.Snapshot held, Instant asOf) {
        List<String> toExpire = new ArrayList<>();
        Instant now = clock.instant();
        List<Alert> candidates = store.acknowledgedFiring(tx, s.tables(), asOf, true);
        int resolved = 0;
        for (Alert a : candidates) {
            Resolution r = resolution(a, held, asOf);
            if (r == null || !store.resolveUnnotified(tx, s.tables(), a.id(), r.endsAt(), now)) {
                continue;
            }
            resolved++;
            String silenceId = a.acknowledgement().silenceId();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("reason", r.reason());
            details.put("endsAt", r.endsAt().toString());
            details.put("silenceId", silenceId);
            store.event(tx, s.tables(), a.id(), now, "resolved", ACTOR, details);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("fingerprint", a.fingerprint());
            entry.put("server", a.server());
            entry.put("severity", a.severity());
            if (s.tables().platform()) {
                entry.put("tenant", a.tenant());
            }
            entry.put("reason", r.reason());
            activity.record(tx, PRINCIPAL, "alert.resolved", "alert", a.id(), a.alertname(), entry);
            if (a.acknowledgement().until() == null || a.acknowledgement().until().isAfter(now)) {
                toExpire.add(silenceId);
            }
        }
        return new Pass(candidates.size(), resolved, toExpire);
    }

    /** Null while Alertmanager still holds this occurrence; otherwise when it ended, as well as known, and why it is resolved. */
    private static Resolution resolution(Alert a, ActiveAlerts.Snapshot held, Instant asOf) {
        Instant current = held.startsAt(a.fingerprint()).orElse(null);
        if (current == null) {
            // when exactly it resolved is not known: Alertmanager no longer lists it, nor sent it
            return new Resolution(asOf, "Alertmanager no longer holds the alert: it resolved while the acknowledgement's silence "
                    + "held back its notifications");
        }
        if (current.isAfter(a.startsAt())) {
            return new Resolution(current, "Alertmanager holds a newer occurrence (startsAt " + current + "): this one ended before it, "
                    + "while the acknowledgement's silence held back its notifications");
        }
        return null;
    }

    private List<Scope> scopes() {
        List<Scope> out = new ArrayList<>();
        out.add(new Scope("platform alerts", system, AlertStore.Tables.PLATFORM));
        for (Tenant t : registry.list(false)) {
            if (t.status() != Tenant.Status.ACTIVE) {
                continue;
            }
            try {
                out.add(new Scope("tenant " + t.slug(), pools.db(t), AlertStore.Tables.TENANT));
            } catch (RuntimeException e) {
                log.warn("alert reconciliation skipped tenant {}: {}", t.slug(), e.getMessage());
            }
        }
        return out;
    }
}
