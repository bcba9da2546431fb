package io.dbtools.api.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbtools.api.activity.ActivityLog;
import io.dbtools.api.db.Db;
import io.dbtools.api.db.TenantPools;
import io.dbtools.api.web.ApiError;
import io.dbtools.api.web.Json;
import io.dbtools.api.web.Params;
import io.dbtools.api.web.RequestContext;
import io.dbtools.tenants.Tenant;
import io.dbtools.tenants.TenantRegistry;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * /api/tokens: super-admins manage every token; a tenant-admin manages its own tenant's tokens
 * and cannot mint super-admin or unbound tokens.
 */
public final class TokenController {

    /** {@code tenant} is a slug; required for tenant-bound roles when a super-admin creates the token. */
    public record CreateToken(String name, Role role, String tenant) {}

    private final TokenStore tokens;
    private final TenantRegistry registry;
    private final TenantPools pools;
    private final Db system;
    private final ActivityLog activity;
    private final ObjectMapper mapper;

    public TokenController(TokenStore tokens, TenantRegistry registry, TenantPools pools, Db system, ActivityLog activity,
                           ObjectMapper mapper) {
        this.tokens = tokens;
        this.registry = registry;
        this.pools = pools;
        this.system = system;
        this.activity = activity;
        this.mapper = mapper;
    }

    public void list(Context ctx) {
        Principal p = RequestContext.principal(ctx);
        ctx.json(tokens.list(p.role() == Role.SUPER_ADMIN ? null : p.tenantId()));
    }

    public void create(Context ctx) {
        Principal p = RequestContext.principal(ctx);
        CreateToken req = Json.body(ctx, mapper, CreateToken.class);
        String name = req.name() == null ? "" : req.name().strip();
        if (name.isEmpty() || name.length() > 100) {
            throw ApiError.badRequest("name", "name must be 1-100 characters");
        }
        if (req.role() == null) {
            throw ApiError.badRequest("role", "role is required: super-admin, tenant-admin, operator, viewer, exporter or alertmanager");
        }
        Tenant tenant = tenantFor(p, req);
        TokenStore.Created created = tokens.create(name, req.role(), tenant == null ? null : tenant.id());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("role", req.role().label());
        details.put("tenant", tenant == null ? null : tenant.slug());
        activity.record(system, p, "token.create", "token", created.token().id(), name, details);
        if (tenant != null && tenant.status() == Tenant.Status.ACTIVE) {
            activity.record(pools.db(tenant), p, "token.create", "token", created.token().id(), name, details);
        }
        ctx.status(201).json(Map.of("token", created.token(), "value", created.value()));
    }

    public void revoke(Context ctx) {
        Principal p = RequestContext.principal(ctx);
        long id = Params.idPath(ctx, "id");
        TokenStore.TokenInfo t = tokens.find(id)
                .filter(found -> p.role() == Role.SUPER_ADMIN || java.util.Objects.equals(found.tenantId(), p.tenantId()))
                .orElseThrow(() -> ApiError.notFound("no token " + id));
        tokens.revoke(id);
        activity.record(system, p, "token.revoke", "token", id, t.name(), Map.of("role", t.role().label()));
        ctx.status(204);
    }

    private Tenant tenantFor(Principal p, CreateToken req) {
        boolean unboundRole = req.role() == Role.SUPER_ADMIN || req.role() == Role.ALERTMANAGER
                || (req.role() == Role.EXPORTER && req.tenant() == null);
        if (p.role() != Role.SUPER_ADMIN) {
            if (req.role() == Role.SUPER_ADMIN || req.role() == Role.ALERTMANAGER) {
                throw ApiError.forbidden("only a super-admin may create " + req.role().label() + " tokens");
            }
            Tenant own = registry.byId(p.tenantId()).orElseThrow();
            if (req.tenant() != null && !req.tenant().equals(own.slug())) {
                throw ApiError.forbidden("a tenant-admin may only create tokens for its own tenant");
            }
            return own;
        }
        if (unboundRole) {
            if (req.role() != Role.EXPORTER && req.tenant() != null) {
                throw ApiError.badRequest("tenant", req.role().label() + " tokens are not bound to a tenant");
            }
            return null;
        }
        if (req.tenant() == null) {
            throw ApiError.badRequest("tenant", "a " + req.role().label() + " token must name its tenant");
        }
        return registry.bySlug(req.tenant()).filter(t -> t.status() != Tenant.Status.PROVISIONING)
                .orElseThrow(() -> ApiError.badRequest("tenant", "no tenant '" + req.tenant() + "'"));
    }
}
