package io.dbtools.api.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.api.testing.TestApi;
import io.dbtools.tenants.Tenant;
import io.dbtools.tenants.testing.TestDb;
import org.junit.jupiter.api.Test;

class TenantPoolsTest {

    @Test
    void a_pool_logs_in_as_the_tenant_role_and_is_replaced_when_the_registry_url_changes() throws Exception {
        String slug = TestApi.newTenant("pool");
        Tenant t = TestDb.platform().registry().bySlug(slug).orElseThrow();
        try (TenantPools pools = new TenantPools(TestDb.platform().secrets(), null, 1)) {
            var first = pools.forTenant(t);
            assertSame(first, pools.forTenant(t));
            assertEquals(t.dbUser(), pools.db(t).one("SELECT current_user", rs -> rs.getString(1)).orElseThrow());

            Tenant moved = new Tenant(t.id(), t.slug(), t.name(), t.status(), t.dbUrl() + "?ApplicationName=moved", t.dbUser(),
                    t.dbPasswordEnc(), t.createdAt(), t.updatedAt());
            var second = pools.forTenant(moved);
            assertNotSame(first, second);
            assertTrue(first.isClosed(), "the pool to the old location is closed");
            assertEquals("moved", pools.db(moved).one("SELECT current_setting('application_name')", rs -> rs.getString(1)).orElseThrow());
        }
    }
}
