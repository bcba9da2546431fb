package io.dbtools.tenants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.tenants.testing.TestDb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uses pg_dump/pg_restore from PATH (Debian: postgresql-client). */
class TenantTransferTest {

    private final Platform platform = TestDb.platform();
    private final TenantTransfer transfer = new TenantTransfer(platform.server(), platform.registry(), platform.secrets(), null);

    private Tenant tenantWithData(String prefix) throws SQLException {
        Tenant t = new TenantProvisioner(platform.server(), platform.registry(), platform.secrets(), new SecureRandom())
                .create(new Slug(TestDb.uniqueSlug(prefix)), "Transfer");
        try (Connection c = connect(t); Statement st = c.createStatement()) {
            st.execute("INSERT INTO servers (name, engine, host, port, auth_type, created_at, updated_at) "
                    + "VALUES ('kept', 'postgres', 'h', 5432, 'none', now(), now())");
        }
        return t;
    }

    private Connection connect(Tenant t) throws SQLException {
        return DriverManager.getConnection(t.dbUrl(), t.dbUser(), platform.secrets().decrypt(t.dbPasswordEnc()));
    }

    private static String serverName(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); var rs = st.executeQuery("SELECT name FROM servers")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    @Test
    void a_backup_restores_the_tenant_data_owned_by_the_tenant_role(@TempDir Path dir) throws Exception {
        Tenant t = tenantWithData("bak");
        Path file = dir.resolve("t.dump");
        transfer.backup(t, file);
        assertTrue(Files.size(file) > 0);
        try (Connection c = connect(t); Statement st = c.createStatement()) {
            st.execute("DELETE FROM servers");
        }
        transfer.restore(t, file, platform.server());
        try (Connection c = connect(t)) {
            assertEquals("kept", serverName(c));
            try (Statement st = c.createStatement(); var rs = st.executeQuery(
                    "SELECT tableowner FROM pg_tables WHERE tablename = 'servers'")) {
                rs.next();
                assertEquals(t.dbUser(), rs.getString(1));
            }
            // still writable by the tenant role, and migrations still see their history
            try (Statement st = c.createStatement()) {
                st.execute("INSERT INTO labels (name, color, created_at) VALUES ('after', '#000000', now())");
            }
        }
        assertTrue(new TenantMigrator(platform.registry(), platform.secrets()).migrate(platform.registry().byId(t.id()).orElseThrow()).ok());
    }

    @Test
    void a_move_copies_the_tenant_to_another_server_and_repoints_the_registry(@TempDir Path dir) throws Exception {
        Tenant t = tenantWithData("move");
        try (LocalPostgres other = LocalPostgres.start(dir.resolve("other"), 0)) {
            Tenant moved = transfer.move(t, other.server());
            assertEquals(other.server().url(new Slug(t.slug()).databaseName()), moved.dbUrl());
            assertEquals(Tenant.Status.ACTIVE, moved.status());
            try (Connection c = connect(moved)) {
                assertEquals("kept", serverName(c));
            }
            try (Connection c = Databases.admin(other.server(), "postgres"); Statement st = c.createStatement();
                 var rs = st.executeQuery("SELECT has_database_privilege('public', '" + new Slug(t.slug()).databaseName() + "', 'CONNECT')")) {
                rs.next();
                assertEquals(false, rs.getBoolean(1), "PUBLIC may not connect on the new server either");
            }
        }
    }
}
