package io.dbtools.tenants;

import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies pending tenant migrations to every tenant database; one broken tenant does not stop the rest. */
public final class TenantMigrator {

    private static final Logger log = LoggerFactory.getLogger(TenantMigrator.class);

    /** One tenant's outcome: how many migrations ran and the schema version, or why it failed. */
    public record Outcome(String slug, boolean ok, int applied, String version, String error) {}

    private final TenantRegistry registry;
    private final SecretBox secrets;

    public TenantMigrator(TenantRegistry registry, SecretBox secrets) {
        this.registry = registry;
        this.secrets = secrets;
    }

    /** Active and suspended tenants; soft-deleted ones keep the schema they had. */
    public List<Outcome> migrateAll() {
        List<Outcome> out = new ArrayList<>();
        for (Tenant t : registry.list(false)) {
            out.add(migrate(t));
        }
        return out;
    }

    public Outcome migrate(Tenant t) {
        try {
            MigrateResult r = Migrations.tenant(t.dbUrl(), t.dbUser(), secrets.decrypt(t.dbPasswordEnc()));
            String version = r.targetSchemaVersion != null ? r.targetSchemaVersion : r.initialSchemaVersion;
            log.info("tenant {}: {} migration(s) applied, schema version {}", t.slug(), r.migrationsExecuted, version);
            return new Outcome(t.slug(), true, r.migrationsExecuted, version, null);
        } catch (RuntimeException e) {
            log.error("tenant {}: migration failed: {}", t.slug(), e.getMessage());
            return new Outcome(t.slug(), false, 0, null, e.getMessage());
        }
    }
}
