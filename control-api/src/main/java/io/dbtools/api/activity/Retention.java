package io.dbtools.api.activity;

import io.dbtools.api.db.Db;
import io.dbtools.api.db.TenantPools;
import io.dbtools.tenants.Tenant;
import io.dbtools.tenants.TenantRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Drops activity entries older than each database's {@code activity_retention_days} setting (default 90). */
public final class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    static final int DEFAULT_DAYS = 90;

    private final ActivityLog activity;
    private final TenantRegistry registry;
    private final TenantPools pools;
    private final Db system;

    public Retention(ActivityLog activity, TenantRegistry registry, TenantPools pools, Db system) {
        this.activity = activity;
        this.registry = registry;
        this.pools = pools;
        this.system = system;
    }

    /** @return entries removed, over the system database and every active tenant */
    public int purgeAll() {
        int removed = purge(system, "system");
        for (Tenant t : registry.list(false)) {
            if (t.status() == Tenant.Status.ACTIVE) {
                try {
                    removed += purge(pools.db(t), t.slug());
                } catch (RuntimeException e) {
                    log.warn("activity retention skipped tenant {}: {}", t.slug(), e.getMessage());
                }
            }
        }
        return removed;
    }

    int purge(Db db, String name) {
        int days = db.one("SELECT value FROM settings WHERE key = 'activity_retention_days'", rs -> Integer.parseInt(rs.getString(1)))
                .orElse(DEFAULT_DAYS);
        int n = activity.purge(db, days);
        if (n > 0) {
            log.info("activity retention: removed {} entries older than {} days from {}", n, days, name);
        }
        return n;
    }
}
