package io.dbtools.api.web;

import io.dbtools.api.auth.Principal;
import io.dbtools.api.db.Db;
import io.dbtools.tenants.Tenant;
import io.javalin.http.Context;

/** What the auth step attached to a request: the caller, and for tenant routes the tenant and its database. */
public final class RequestContext {

    private static final String PRINCIPAL = "dbtools.principal";
    private static final String SCOPE = "dbtools.tenant";

    /** The tenant a request works in, with a handle on that tenant's own database. */
    public record TenantScope(Tenant tenant, Db db) {}

    private RequestContext() {}

    public static void principal(Context ctx, Principal p) {
        ctx.attribute(PRINCIPAL, p);
    }

    public static Principal principal(Context ctx) {
        Principal p = ctx.attribute(PRINCIPAL);
        if (p == null) {
            throw new IllegalStateException("route has no authenticated caller");
        }
        return p;
    }

    public static Principal principalOrNull(Context ctx) {
        return ctx.attribute(PRINCIPAL);
    }

    public static void scope(Context ctx, TenantScope scope) {
        ctx.attribute(SCOPE, scope);
    }

    public static TenantScope scope(Context ctx) {
        TenantScope s = ctx.attribute(SCOPE);
        if (s == null) {
            throw new IllegalStateException("route is not tenant-scoped");
        }
        return s;
    }

    public static TenantScope scopeOrNull(Context ctx) {
        return ctx.attribute(SCOPE);
    }
}
