package io.dbtools.api.web;

import io.javalin.security.RouteRole;

/** Who may call a route, and whether it works inside one tenant. */
public enum Access implements RouteRole {
    /** No token: health, OpenAPI, metrics. */
    PUBLIC(false),
    /** Super-admin only, outside any tenant (tenant lifecycle, system activity). */
    SUPER_ADMIN(false),
    /** Super-admins and tenant-admins; what they see is scoped by the token itself (API tokens). */
    ADMINS(false),
    /** Any role of the tenant, read only. */
    TENANT_READ(true),
    /** Operators and above: change servers, groups, labels; test connections. */
    TENANT_WRITE(true),
    /** Tenant-admins and super-admins: tenant settings. */
    TENANT_ADMIN(true),
    /** Service discovery: readers and exporter tokens; all tenants for unbound super-admin/exporter tokens without X-Tenant-Slug. */
    SD(false),
    /** Target lookup with decrypted credentials: exporter tokens only. */
    EXPORTER(false),
    /** Alertmanager's webhook: alertmanager tokens and super-admins. */
    ALERTMANAGER(false);

    private final boolean tenantScoped;

    Access(boolean tenantScoped) {
        this.tenantScoped = tenantScoped;
    }

    public boolean tenantScoped() {
        return tenantScoped;
    }
}
