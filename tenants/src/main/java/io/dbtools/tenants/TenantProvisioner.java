package io.dbtools.tenants;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates a tenant: registry row, login role, database owned by that role and closed to
 * everyone else, tenant migrations, default settings. CREATE DATABASE cannot run inside a
 * transaction, so "all or nothing" is done by compensation: each step that succeeded is undone,
 * newest first, when a later one fails — and only what this run created is ever dropped.
 */
public final class TenantProvisioner {

    private static final Logger log = LoggerFactory.getLogger(TenantProvisioner.class);

    /** Settings every new tenant starts with. */
    public static final Map<String, String> DEFAULT_SETTINGS = Map.of(
            "activity_retention_days", "90",
            "connection_test_timeout_seconds", "10");

    /** Step names reported to the step listener, in order. */
    public enum Step { RESERVED, ROLE_CREATED, DATABASE_CREATED, SCHEMA_LOCKED, MIGRATED, SEEDED, ACTIVATED }

    public static final class ProvisioningException extends RuntimeException {
        public ProvisioningException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final DbServer server;
    private final TenantRegistry registry;
    private final SecretBox secrets;
    private final SecureRandom random;
    private final Consumer<Step> afterStep;

    public TenantProvisioner(DbServer server, TenantRegistry registry, SecretBox secrets, SecureRandom random) {
        this(server, registry, secrets, random, step -> {});
    }

    /** @param afterStep called after each completed step; tests throw from it to fail half-way */
    public TenantProvisioner(DbServer server, TenantRegistry registry, SecretBox secrets, SecureRandom random,
                             Consumer<Step> afterStep) {
        this.server = server;
        this.registry = registry;
        this.secrets = secrets;
        this.random = random;
        this.afterStep = afterStep;
    }

    /** @throws TenantRegistry.DuplicateSlugException before anything is created when the slug is taken */
    public Tenant create(Slug slug, String name) {
        Tenant reserved = registry.reserve(slug, name);
        String database = slug.databaseName();
        String role = slug.roleName();
        boolean roleCreated = false;
        boolean databaseCreated = false;
        try {
            afterStep.accept(Step.RESERVED);
            String password = newPassword();
            adminExecute(DbServer.MAINTENANCE_DATABASE,
                    "CREATE ROLE " + Databases.quote(role) + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '" + password + "'");
            roleCreated = true;
            afterStep.accept(Step.ROLE_CREATED);
            adminExecute(DbServer.MAINTENANCE_DATABASE,
                    "CREATE DATABASE " + Databases.quote(database) + " OWNER " + Databases.quote(role),
                    "REVOKE ALL ON DATABASE " + Databases.quote(database) + " FROM PUBLIC");
            databaseCreated = true;
            afterStep.accept(Step.DATABASE_CREATED);
            // Since PostgreSQL 15 public belongs to the database owner; before, PUBLIC may create in it.
            adminExecute(database,
                    "ALTER SCHEMA public OWNER TO " + Databases.quote(role),
                    "REVOKE ALL ON SCHEMA public FROM PUBLIC");
            afterStep.accept(Step.SCHEMA_LOCKED);
            String url = server.url(database);
            Migrations.tenant(url, role, password);
            afterStep.accept(Step.MIGRATED);
            seedSettings(url, role, password);
            afterStep.accept(Step.SEEDED);
            registry.activate(reserved.id(), url, role, secrets.encrypt(password));
            afterStep.accept(Step.ACTIVATED);
            log.info("tenant {} provisioned: database {} owned by role {}", slug, database, role);
            return registry.byId(reserved.id()).orElseThrow();
        } catch (RuntimeException | SQLException e) {
            undo(reserved, database, role, databaseCreated, roleCreated);
            throw new ProvisioningException("creating tenant " + slug + " failed: " + e.getMessage(), e);
        }
    }

    private void undo(Tenant reserved, String database, String role, boolean databaseCreated, boolean roleCreated) {
        if (databaseCreated) {
            quietly(() -> adminExecute(DbServer.MAINTENANCE_DATABASE, "DROP DATABASE IF EXISTS " + Databases.quote(database) + " WITH (FORCE)"),
                    "drop database " + database);
        }
        if (roleCreated) {
            quietly(() -> adminExecute(DbServer.MAINTENANCE_DATABASE, "DROP ROLE IF EXISTS " + Databases.quote(role)), "drop role " + role);
        }
        // The registry row goes last: while it exists nobody else can start provisioning the same slug.
        quietly(() -> registry.forget(reserved.id()), "delete registry row " + reserved.slug());
    }

    private void seedSettings(String url, String role, String password) throws SQLException {
        try (Connection c = java.sql.DriverManager.getConnection(url, role, password);
             PreparedStatement st = c.prepareStatement("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING")) {
            for (var e : DEFAULT_SETTINGS.entrySet()) {
                st.setString(1, e.getKey());
                st.setString(2, e.getValue());
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    private void adminExecute(String database, String... statements) throws SQLException {
        try (Connection c = Databases.admin(server, database); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    /** URL-safe base64 has no quote characters, so it can sit inside CREATE ROLE ... PASSWORD '...'. */
    private String newPassword() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @FunctionalInterface
    private interface SqlAction {
        void run() throws SQLException;
    }

    private static void quietly(SqlAction action, String what) {
        try {
            action.run();
        } catch (SQLException | RuntimeException e) {
            // Cleanup continues with the next step; the operator sees what was left behind.
            log.error("cleanup after failed provisioning could not {}: {}", what, e.getMessage());
        }
    }
}
