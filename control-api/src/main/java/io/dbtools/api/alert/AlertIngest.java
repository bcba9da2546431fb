package io.dbtools.api.alert;

import io.dbtools.api.activity.ActivityLog;
import io.dbtools.api.auth.Principal;
import io.dbtools.api.db.Db;
import io.dbtools.api.db.TenantPools;
import io.dbtools.tenants.Tenant;
import io.dbtools.tenants.TenantRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Files a webhook's alerts: each under the active tenant its {@code tenant} label names, the rest
 * (no label, unknown, suspended or deleted tenant) at platform level. One transaction per tenant,
 * so a retry after a partial failure re-applies what was already stored without a change.
 */
public final class AlertIngest {

    /** What one notification did: alerts received, real changes written, tenants touched, alerts filed at platform level. */
    public record Summary(int received, int changes, int tenants, int platform) {}

    private final TenantRegistry registry;
    private final TenantPools pools;
    private final Db system;
    private final AlertStore store;
    private final ActivityLog activity;
    private final Clock clock;

    public AlertIngest(TenantRegistry registry, TenantPools pools, Db system, AlertStore store, ActivityLog activity, Clock clock) {
        this.registry = registry;
        this.pools = pools;
        this.system = system;
        this.store = store;
        this.activity = activity;
        this.clock = clock;
    }

    public Summary ingest(Principal caller, List<WebhookPayload.Incoming> alerts) {
        Map<String, List<WebhookPayload.Incoming>> byTenant = alerts.stream().collect(Collectors.groupingBy(
                a -> a.tenant() == null ? "" : a.tenant(), TreeMap::new, Collectors.toList()));
        int changes = 0;
        int tenants = 0;
        int platform = 0;
        Instant now = clock.instant();
        for (var e : byTenant.entrySet()) {
            Optional<Tenant> tenant = e.getKey().isEmpty() ? Optional.empty()
                    : registry.bySlug(e.getKey()).filter(t -> t.status() == Tenant.Status.ACTIVE);
            if (tenant.isPresent()) {
                changes += store(pools.db(tenant.get()), AlertStore.Tables.TENANT, caller, e.getValue(), now);
                tenants++;
            } else {
                changes += store(system, AlertStore.Tables.PLATFORM, caller, e.getValue(), now);
                platform += e.getValue().size();
            }
        }
        return new Summary(alerts.size(), changes, tenants, platform);
    }

    private int store(Db db, AlertStore.Tables tables, Principal caller, List<WebhookPayload.Incoming> alerts, Instant now) {
        return db.inTransaction(tx -> {
            int n = 0;
            for (WebhookPayload.Incoming a : alerts) {
                for (AlertStore.Change c : store.apply(tx, tables, a, now, caller.actor())) {
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("fingerprint", c.fingerprint());
                    details.put("server", c.server());
                    details.put("severity", c.severity());
                    if (tables.platform()) {
                        details.put("tenant", a.tenant());
                    }
                    activity.record(tx, caller, "alert." + c.status(), "alert", c.alertId(), c.alertname(), details);
                    n++;
                }
            }
            return n;
        });
    }
}
