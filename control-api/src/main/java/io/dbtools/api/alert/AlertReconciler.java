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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves firing alerts whose resolution never reached the webhook, by comparing every firing
 * occurrence with what Alertmanager still holds. Two ways a resolution goes missing:
 * <ul>
 *   <li>the alert is <b>acknowledged</b>: its silence makes Alertmanager notify nothing for it, not
 *       even that it resolved. Such an occurrence is resolved as soon as Alertmanager no longer has it
 *       (or has only a newer occurrence), and its silence is expired so the next occurrence notifies again;</li>
 *   <li>the resolved notification was <b>lost</b>: Alertmanager retries a webhook only while it keeps
 *       the resolved alert, so an outage of the API then leaves the occurrence firing forever. An
 *       unacknowledged occurrence is resolved once Alertmanager has gone {@link Settings#lostAfter()}
 *       without holding it: until then its notification may simply not be due yet (group_interval).</li>
 * </ul>
 * Each resolution is a {@code resolved} event by {@value #ACTOR} and one {@code alert.resolved}
 * activity entry, in one transaction per tenant. Runs as a db-scheduler recurring task, so on one
 * node of the cluster at a time.
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
     * @param lostAfter DBTOOLS_ALERT_RECONCILE_LOST_AFTER_SECONDS (default 600): how long Alertmanager must have been
     *        seen without an unacknowledged occurrence before its resolved notification counts as lost; longer than
     *        the routes' group_interval (5m in alertmanager.yml), after which Alertmanager sends a resolution
     */
    public record Settings(Duration interval, Duration restartGrace, Duration lostAfter) {

        public static Settings fromEnvironment(Map<String, String> env) {
            long interval = Long.parseLong(env.getOrDefault("DBTOOLS_ALERT_RECONCILE_SECONDS", "60"));
            long grace = Long.parseLong(env.getOrDefault("DBTOOLS_ALERT_RECONCILE_GRACE_SECONDS", "300"));
            long lost = Long.parseLong(env.getOrDefault("DBTOOLS_ALERT_RECONCILE_LOST_AFTER_SECONDS", "600"));
            if (interval < 1 || grace < 0 || lost < 0) {
                throw new IllegalArgumentException("DBTOOLS_ALERT_RECONCILE_SECONDS must be at least 1, DBTOOLS_ALERT_RECONCILE_GRACE_SECONDS "
                        + "and DBTOOLS_ALERT_RECONCILE_LOST_AFTER_SECONDS not negative");
            }
            return new Settings(Duration.ofSeconds(interval), Duration.ofSeconds(grace), Duration.ofSeconds(lost));
        }
    }

    /** What one run did. */
    public enum Outcome { NOT_CONFIGURED, NOTHING_FIRING, ALERTMANAGER_UNAVAILABLE, ALERTMANAGER_RESTARTED, RECONCILED }

    /**
     * @param checked firing occurrences compared with Alertmanager
     * @param resolved of them, resolved
     * @param waiting of them, unacknowledged ones Alertmanager no longer holds whose resolved notification may still come
     * @param silencesExpired silences expired early
     */
    public record Summary(Outcome outcome, int checked, int resolved, int waiting, int silencesExpired) {
        static Summary of(Outcome outcome) {
            return new Summary(outcome, 0, 0, 0, 0);
        }
    }

    /** One alerts store: the platform's (system database) or a tenant's. */
    private record Scope(String name, Db db, AlertStore.Tables tables) {}

    private record Resolution(Instant endsAt, String reason) {}

    /**
     * One store's run: occurrences compared, resolved, still awaited; the still-running silences of
     * the resolved ones; and since when Alertmanager has been seen without each unacknowledged one still awaited.
     */
    private record Pass(int checked, int resolved, int waiting, List<String> silencesToExpire, Map<Long, Instant> unheldSince) {}

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
    /**
     * By store, since which run Alertmanager has been seen without each firing, unacknowledged occurrence
     * (by id). In memory: a restart, or the task moving to another node, starts the wait again, which
     * delays a resolution but never hastens one.
     */
    private final Map<String, Map<Long, Instant>> unheldSince = new HashMap<>();

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
    public synchronized Summary reconcileAll() {
        if (!alertmanager.configured()) {
            return Summary.of(Outcome.NOT_CONFIGURED);
        }
        // a cheap look first (an index on status): Alertmanager is asked only when something is firing
        List<Scope> scopes = new ArrayList<>();
        for (Scope s : scopes()) {
            try {
                if (store.countFiring(s.db(), s.tables()) > 0) {
                    scopes.add(s);
                }
            } catch (RuntimeException e) {
                log.warn("alert reconciliation skipped {}: {}", s.name(), e.getMessage());
            }
        }
        unheldSince.keySet().retainAll(scopes.stream().map(Scope::name).toList());
        if (scopes.isEmpty()) {
            return Summary.of(Outcome.NOTHING_FIRING);
        }
        // only occurrences filed before the snapshot count: Alertmanager held each of them before notifying it,
        // while one filed meanwhile may be newer than the snapshot. Microseconds, as the alerts tables keep them.
        Instant asOf = clock.instant().truncatedTo(ChronoUnit.MICROS);
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
        int waiting = 0;
        int expired = 0;
        for (Scope s : scopes) {
            try {
                Map<Long, Instant> since = unheldSince.getOrDefault(s.name(), Map.of());
                Pass pass = s.db().inTransaction(tx -> reconcile(tx, s, held, asOf, since));
                unheldSince.put(s.name(), pass.unheldSince());
                checked += pass.checked();
                resolved += pass.resolved();
                waiting += pass.waiting();
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
            log.info("alert reconciliation resolved {} of {} firing alerts that Alertmanager no longer holds", resolved, checked);
        }
        return new Summary(Outcome.RECONCILED, checked, resolved, waiting, expired);
    }

    private Pass reconcile(Db tx, Scope s, ActiveAlerts.Snapshot held, Instant asOf, Map<Long, Instant> since) {
        List<String> toExpire = new ArrayList<>();
        Map<Long, Instant> stillUnheld = new HashMap<>();
        Instant now = clock.instant();
        List<Alert> candidates = store.firing(tx, s.tables(), asOf);
        int resolved = 0;
        int waiting = 0;
        for (Alert seen : candidates) {
            if (!unheld(seen, held)) {
                continue;
            }
            Instant firstUnheld = since.getOrDefault(seen.id(), asOf);
            if (seen.acknowledgement() == null && firstUnheld.plus(settings.lostAfter()).isAfter(asOf)) {
                // its resolved notification may not be due yet
                stillUnheld.put(seen.id(), firstUnheld);
                waiting++;
                continue;
            }
            // locked and read again: a webhook or an acknowledgement may have changed it since the list was read
            Alert a = store.find(tx, s.tables(), seen.id(), true).filter(Alert::firing).orElse(null);
            if (a == null) {
                continue;
            }
            boolean acknowledged = a.acknowledgement() != null;
            Resolution r = resolution(a, held, firstUnheld, acknowledged);
            if (!store.resolveUnnotified(tx, s.tables(), a.id(), r.endsAt(), now)) {
                continue;
            }
            resolved++;
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("reason", r.reason());
            details.put("endsAt", r.endsAt().toString());
            if (acknowledged) {
                details.put("silenceId", a.acknowledgement().silenceId());
            }
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
            if (acknowledged && (a.acknowledgement().until() == null || a.acknowledgement().until().isAfter(now))) {
                toExpire.add(a.acknowledgement().silenceId());
            }
        }
        return new Pass(candidates.size(), resolved, waiting, toExpire, stillUnheld);
    }

    /**
     * Whether Alertmanager no longer holds this occurrence, in any state (active, silenced, inhibited
     * or unprocessed): it holds nothing for the fingerprint, or only a newer occurrence.
     */
    private static boolean unheld(Alert a, ActiveAlerts.Snapshot held) {
        Instant current = held.startsAt(a.fingerprint()).orElse(null);
        return current == null || current.isAfter(a.startsAt());
    }

    /** When an occurrence Alertmanager no longer holds ended, as well as known, and why it is resolved. */
    private static Resolution resolution(Alert a, ActiveAlerts.Snapshot held, Instant firstUnheld, boolean acknowledged) {
        String why = acknowledged ? "while the acknowledgement's silence held back its notifications"
                : "and its resolved notification never arrived";
        Instant current = held.startsAt(a.fingerprint()).orElse(null);
        if (current == null) {
            // when exactly it resolved is not known: after the last check that found it, by the first that did not
            return new Resolution(firstUnheld, "Alertmanager no longer holds the alert: it resolved " + why);
        }
        return new Resolution(current, "Alertmanager holds a newer occurrence (startsAt " + current + "): this one ended before it, " + why);
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
