package io.dbtools.api.auth;

import io.dbtools.api.db.TenantPools;
import io.dbtools.api.web.Access;
import io.dbtools.api.web.ApiError;
import io.dbtools.api.web.RequestContext;
import io.dbtools.tenants.Tenant;
import io.dbtools.tenants.TenantRegistry;
import io.javalin.http.Context;
import io.javalin.security.RouteRole;

/**
 * Runs before every matched route: checks the bearer token against the route's {@link Access}
 * and, for tenant routes, fixes the tenant — the token's own, or for unbound tokens the one
 * named by {@code X-Tenant-Slug} — and hands the route that tenant's database only.
 */
public final class AuthHandler {

    public static final String TENANT_HEADER = "X-Tenant-Slug";

    private final TokenStore tokens;
    private final TenantRegistry registry;
    private final TenantPools pools;

    public AuthHandler(TokenStore tokens, TenantRegistry registry, TenantPools pools) {
        this.tokens = tokens;
        this.registry = registry;
        this.pools = pools;
    }

    public void handle(Context ctx) {
        Access access = access(ctx);
        if (access == Access.PUBLIC) {
            return;
        }
        Principal p = tokens.authenticate(bearer(ctx))
                .orElseThrow(() -> ApiError.unauthorized("a valid API token is required (Authorization: Bearer <token>)"));
        RequestContext.principal(ctx, p);
        Role role = p.role();
        boolean allowed = switch (access) {
            case SUPER_ADMIN -> role == Role.SUPER_ADMIN;
            case ADMINS -> role.atLeast(Role.TENANT_ADMIN);
            case TENANT_READ -> role.atLeast(Role.VIEWER);
            case TENANT_WRITE -> role.atLeast(Role.OPERATOR);
            case TENANT_ADMIN -> role.atLeast(Role.TENANT_ADMIN);
            case SD -> role.atLeast(Role.VIEWER) || role == Role.EXPORTER;
            case EXPORTER -> role == Role.EXPORTER;
            case ALERTMANAGER -> role == Role.ALERTMANAGER || role == Role.SUPER_ADMIN;
            case PUBLIC -> true;
        };
        if (!allowed) {
            throw ApiError.forbidden("the " + role.label() + " role may not call this route");
        }
        String header = ctx.header(TENANT_HEADER);
        if (access.tenantScoped() || (access == Access.SD && (header != null || !p.unbound()))) {
            Tenant tenant = resolveTenant(p, header);
            RequestContext.scope(ctx, new RequestContext.TenantScope(tenant, pools.db(tenant)));
        } else if (!p.unbound() && access == Access.ADMINS) {
            // a suspended or deleted tenant's admin may not mint or list tokens either
            resolveTenant(p, null);
        }
    }

    private Tenant resolveTenant(Principal p, String header) {
        Tenant tenant;
        if (p.unbound()) {
            if (header == null || header.isBlank()) {
                throw ApiError.badRequest(TENANT_HEADER, "this route needs the " + TENANT_HEADER + " header to choose a tenant");
            }
            tenant = registry.bySlug(header.strip()).filter(t -> t.status() != Tenant.Status.PROVISIONING)
                    .orElseThrow(() -> ApiError.notFound("no tenant '" + header.strip() + "'"));
            if (tenant.status() == Tenant.Status.DELETED) {
                throw ApiError.notFound("tenant '" + tenant.slug() + "' is deleted");
            }
        } else {
            tenant = registry.byId(p.tenantId()).orElseThrow(() -> ApiError.forbidden("the token's tenant no longer exists"));
            if (header != null && !header.strip().equals(tenant.slug())) {
                throw ApiError.forbidden("this token belongs to another tenant");
            }
            if (tenant.status() == Tenant.Status.DELETED) {
                throw ApiError.forbidden("tenant '" + tenant.slug() + "' is deleted");
            }
        }
        if (tenant.status() == Tenant.Status.SUSPENDED) {
            throw ApiError.forbidden("tenant '" + tenant.slug() + "' is suspended");
        }
        return tenant;
    }

    private static Access access(Context ctx) {
        for (RouteRole r : ctx.routeRoles()) {
            if (r instanceof Access a) {
                return a;
            }
        }
        // A route registered without an access level is a programming error; refuse rather than expose it.
        throw ApiError.forbidden("route has no access rule");
    }

    private static String bearer(Context ctx) {
        String h = ctx.header("Authorization");
        if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return h.substring(7).strip();
    }
}
