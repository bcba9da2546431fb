package io.dbtools.api.db;

import com.zaxxer.hikari.HikariDataSource;
import io.dbtools.tenants.Databases;
import io.dbtools.tenants.SecretBox;
import io.dbtools.tenants.Tenant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One small pool per tenant, connecting as that tenant's own role: even a bug that picked the
 * wrong pool could only ever read the tenant the pool belongs to, because no other role can
 * connect to a tenant's database.
 */
public final class TenantPools implements AutoCloseable {

    private final SecretBox secrets;
    private final Object metricRegistry;
    private final int maxPoolSize;
    private final Map<Long, HikariDataSource> pools = new ConcurrentHashMap<>();

    public TenantPools(SecretBox secrets, Object metricRegistry, int maxPoolSize) {
        this.secrets = secrets;
        this.metricRegistry = metricRegistry;
        this.maxPoolSize = maxPoolSize;
    }

    /** The tenant's pool; replaced when the registry points the tenant elsewhere (after {@code tenants move}). */
    public HikariDataSource forTenant(Tenant tenant) {
        HikariDataSource pool = pools.get(tenant.id());
        if (pool != null && pool.getJdbcUrl().equals(tenant.dbUrl())) {
            return pool;
        }
        return pools.compute(tenant.id(), (id, existing) -> {
            if (existing != null && existing.getJdbcUrl().equals(tenant.dbUrl())) {
                return existing;
            }
            if (existing != null) {
                existing.close();
            }
            return Databases.pool("tenant-" + tenant.slug(), tenant.dbUrl(), tenant.dbUser(),
                    secrets.decrypt(tenant.dbPasswordEnc()), maxPoolSize, metricRegistry);
        });
    }

    public Db db(Tenant tenant) {
        return new Db(forTenant(tenant));
    }

    /** Closes a suspended or deleted tenant's pool so it holds no connection. */
    public void evict(long tenantId) {
        HikariDataSource pool = pools.remove(tenantId);
        if (pool != null) {
            pool.close();
        }
    }

    @Override
    public void close() {
        pools.values().forEach(HikariDataSource::close);
        pools.clear();
    }
}
