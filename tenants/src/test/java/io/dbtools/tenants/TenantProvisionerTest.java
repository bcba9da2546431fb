package io.dbtools.tenants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.tenants.testing.TestDb;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TenantProvisionerTest {

    private final Platform platform = TestDb.platform();

    private TenantProvisioner provisioner(java.util.function.Consumer<TenantProvisioner.Step> afterStep) {
        return new TenantProvisioner(platform.server(), platform.registry(), platform.secrets(), new SecureRandom(), afterStep);
    }

    @Test
    void a_new_tenant_gets_its_own_database_owned_by_its_own_role_with_migrations_and_settings() throws Exception {
        Slug slug = new Slug(TestDb.uniqueSlug("prov"));
        Tenant t = provisioner(s -> {}).create(slug, "Provisioned Ltd");

        assertEquals(Tenant.Status.ACTIVE, t.status());
        assertEquals(slug.roleName(), t.dbUser());
        assertTrue(TestDb.exists("SELECT 1 FROM pg_database d JOIN pg_roles r ON r.oid = d.datdba "
                + "WHERE d.datname = '" + slug.databaseName() + "' AND r.rolname = '" + slug.roleName() + "'"));
        String password = platform.secrets().decrypt(t.dbPasswordEnc());
        try (Connection c = DriverManager.getConnection(t.dbUrl(), t.dbUser(), password); Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT value FROM settings WHERE key = 'activity_retention_days'")) {
            assertTrue(rs.next());
            assertEquals("90", rs.getString(1));
        }
    }

    @Test
    void a_role_cannot_connect_to_another_tenants_database() throws Exception {
        Tenant a = provisioner(s -> {}).create(new Slug(TestDb.uniqueSlug("iso-a")), "A");
        Tenant b = provisioner(s -> {}).create(new Slug(TestDb.uniqueSlug("iso-b")), "B");
        String aPassword = platform.secrets().decrypt(a.dbPasswordEnc());
        var e = assertThrows(SQLException.class, () -> DriverManager.getConnection(b.dbUrl(), a.dbUser(), aPassword).close());
        assertTrue(e.getMessage().contains("permission denied"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = TenantProvisioner.Step.class, names = {"RESERVED", "ROLE_CREATED", "DATABASE_CREATED", "MIGRATED", "SEEDED", "ACTIVATED"})
    void a_failure_half_way_leaves_no_database_role_or_row(TenantProvisioner.Step failAt) throws Exception {
        Slug slug = new Slug(TestDb.uniqueSlug("fail"));
        var p = provisioner(step -> {
            if (step == failAt) {
                throw new IllegalStateException("injected failure after " + step);
            }
        });
        var e = assertThrows(TenantProvisioner.ProvisioningException.class, () -> p.create(slug, "Doomed"));
        assertTrue(e.getMessage().contains("injected failure"), e.getMessage());

        assertFalse(TestDb.exists("SELECT 1 FROM pg_database WHERE datname = '" + slug.databaseName() + "'"));
        assertFalse(TestDb.exists("SELECT 1 FROM pg_roles WHERE rolname = '" + slug.roleName() + "'"));
        assertTrue(platform.registry().bySlug(slug.value()).isEmpty());
        // and the slug can be used again
        assertEquals(Tenant.Status.ACTIVE, provisioner(s -> {}).create(slug, "Second try").status());
    }

    @Test
    void a_duplicate_slug_is_refused_before_anything_is_created() {
        Slug slug = new Slug(TestDb.uniqueSlug("dup"));
        provisioner(s -> {}).create(slug, "First");
        assertThrows(TenantRegistry.DuplicateSlugException.class, () -> provisioner(s -> {}).create(slug, "Second"));
        assertEquals("First", platform.registry().bySlug(slug.value()).orElseThrow().name());
    }

    @Test
    void a_pre_existing_database_of_the_same_name_is_not_dropped_by_cleanup() throws Exception {
        Slug slug = new Slug(TestDb.uniqueSlug("squat"));
        try (Connection c = TestDb.superuser("postgres"); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + slug.databaseName());
        }
        assertThrows(TenantProvisioner.ProvisioningException.class, () -> provisioner(s -> {}).create(slug, "Squatted"));
        assertTrue(TestDb.exists("SELECT 1 FROM pg_database WHERE datname = '" + slug.databaseName() + "'"));
        assertFalse(TestDb.exists("SELECT 1 FROM pg_roles WHERE rolname = '" + slug.roleName() + "'"));
        assertTrue(platform.registry().bySlug(slug.value()).isEmpty());
    }

    @Test
    void migrate_all_reports_each_tenant_and_one_broken_tenant_does_not_stop_the_others() throws Exception {
        Tenant good = provisioner(s -> {}).create(new Slug(TestDb.uniqueSlug("mig-ok")), "Good");
        Tenant broken = provisioner(s -> {}).create(new Slug(TestDb.uniqueSlug("mig-bad")), "Broken");
        try (Connection c = TestDb.superuser("postgres"); Statement st = c.createStatement()) {
            st.execute("ALTER ROLE \"" + broken.dbUser() + "\" NOLOGIN");
        }
        List<TenantMigrator.Outcome> outcomes = new TenantMigrator(platform.registry(), platform.secrets()).migrateAll();
        var byslug = outcomes.stream().collect(java.util.stream.Collectors.toMap(TenantMigrator.Outcome::slug, o -> o));
        assertTrue(byslug.get(good.slug()).ok());
        assertEquals(newestTenantMigration(), byslug.get(good.slug()).version());
        assertFalse(byslug.get(broken.slug()).ok());
        assertTrue(byslug.get(broken.slug()).error().contains("not permitted to log in"), byslug.get(broken.slug()).error());
        try (Connection c = TestDb.superuser("postgres"); Statement st = c.createStatement()) {
            st.execute("ALTER ROLE \"" + broken.dbUser() + "\" LOGIN");
        }
    }

    /** The highest V<n>__ of db/tenant, so the check follows new migrations instead of naming one. */
    private static String newestTenantMigration() throws java.io.IOException {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources/db/tenant"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .map(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max(Integer::compare).orElseThrow().toString();
        }
    }
}
