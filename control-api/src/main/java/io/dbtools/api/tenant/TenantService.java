package io.dbtools.api.tenant;

import io.dbtools.api.activity.ActivityLog;
import io.dbtools.api.auth.Principal;
import io.dbtools.api.db.Db;
import io.dbtools.api.db.TenantPools;
import io.dbtools.api.web.ApiError;
import io.dbtools.tenants.Slug;
import io.dbtools.tenants.Tenant;
import io.dbtools.tenants.TenantProvisioner;
import io.dbtools.tenants.TenantRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tenant lifecycle: create (provision), list with sizes, suspend, activate, soft delete. */
public final class TenantService {

    private static final Logger log = LoggerFactory.getLogger(TenantService.class);

    public record CreateTenant(String slug, String name) {}

    /** A tenant as the API shows it; {@code serverCount} is null when the tenant's database is not open to the API. */
    public record TenantView(long id, String slug, String name, String status, String database, Long serverCount,
                             Long databaseSizeBytes, Instant createdAt, Instant updatedAt) {}

    private final TenantRegistry registry;
    private final TenantProvisioner provisioner;
    private final TenantPools pools;
    private final Db system;
    private final ActivityLog activity;
    private final java.util.function.Consumer<Tenant> afterChange;

    public TenantService(TenantRegistry registry, TenantProvisioner provisioner, TenantPools pools, Db system, ActivityLog activity) {
        this(registry, provisioner, pools, system, activity, t -> {});
    }

    /** @param afterChange told of a created tenant and of every status change (e.g. to deploy or remove its alert rules) */
    public TenantService(TenantRegistry registry, TenantProvisioner provisioner, TenantPools pools, Db system, ActivityLog activity,
                         java.util.function.Consumer<Tenant> afterChange) {
        this.registry = registry;
        this.provisioner = provisioner;
        this.pools = pools;
        this.system = system;
        this.activity = activity;
        this.afterChange = afterChange;
    }

    public TenantView create(Principal actor, CreateTenant request) {
        if (request.slug() == null || !Slug.isValid(request.slug())) {
            throw ApiError.badRequest("slug",
                    "slug must be 3-50 characters: lowercase letters, digits and hyphens, starting and ending with a letter or digit");
        }
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty() || name.length() > 200) {
            throw ApiError.badRequest("name", "name must be 1-200 characters");
        }
        Tenant t;
        try {
            t = provisioner.create(new Slug(request.slug()), name);
        } catch (TenantRegistry.DuplicateSlugException e) {
            throw ApiError.conflict("slug", e.getMessage());
        }
        activity.record(system, actor, "tenant.create", "tenant", t.id(), t.slug(), Map.of("name", t.name()));
        activity.record(pools.db(t), actor, "tenant.create", "tenant", t.id(), t.slug(), Map.of("name", t.name()));
        notify(t);
        return view(t);
    }

    public List<TenantView> list(boolean includeDeleted) {
        return registry.list(includeDeleted).stream().map(this::view).toList();
    }

    public TenantView get(String slug) {
        return view(find(slug));
    }

    public TenantView setStatus(Principal actor, String slug, Tenant.Status status) {
        Tenant t = find(slug);
        if (t.status() == Tenant.Status.DELETED) {
            throw ApiError.conflict("slug", "tenant '" + slug + "' is deleted");
        }
        registry.setStatus(t.id(), status);
        if (status != Tenant.Status.ACTIVE) {
            pools.evict(t.id());
        }
        String action = switch (status) {
            case ACTIVE -> "tenant.activate";
            case SUSPENDED -> "tenant.suspend";
            default -> "tenant.delete";
        };
        activity.record(system, actor, action, "tenant", t.id(), t.slug(), Map.of("from", t.status().label()));
        log.info("tenant {} is now {}", slug, status.label());
        Tenant changed = registry.byId(t.id()).orElseThrow();
        notify(changed);
        return view(changed);
    }

    /** Listeners' failures are logged: the tenant change itself has happened and stays. */
    private void notify(Tenant t) {
        try {
            afterChange.accept(t);
        } catch (RuntimeException e) {
            log.error("tenant {}: follow-up of the change failed: {}", t.slug(), e.getMessage());
        }
    }

    private Tenant find(String slug) {
        return registry.bySlug(slug).filter(t -> t.status() != Tenant.Status.PROVISIONING)
                .orElseThrow(() -> ApiError.notFound("no tenant '" + slug + "'"));
    }

    private TenantView view(Tenant t) {
        Slug slug = new Slug(t.slug());
        Long size = system.one("SELECT pg_database_size(datname) FROM pg_database WHERE datname = ?",
                rs -> rs.getLong(1), slug.databaseName()).orElse(null);
        Long servers = t.status() == Tenant.Status.ACTIVE ? pools.db(t).count("SELECT count(*) FROM servers") : null;
        return new TenantView(t.id(), t.slug(), t.name(), t.status().label(), slug.databaseName(), servers, size,
                t.createdAt(), t.updatedAt());
    }
}
