package io.dbtools.api.tenant;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbtools.api.web.Json;
import io.dbtools.api.web.RequestContext;
import io.dbtools.tenants.Tenant;
import io.javalin.http.Context;

/** /api/tenants: super-admin only. */
public final class TenantController {

    private final TenantService service;
    private final ObjectMapper mapper;

    public TenantController(TenantService service, ObjectMapper mapper) {
        this.service = service;
        this.mapper = mapper;
    }

    public void create(Context ctx) {
        var request = Json.body(ctx, mapper, TenantService.CreateTenant.class);
        ctx.status(201).json(service.create(RequestContext.principal(ctx), request));
    }

    public void list(Context ctx) {
        ctx.json(service.list("true".equals(ctx.queryParam("includeDeleted"))));
    }

    public void get(Context ctx) {
        ctx.json(service.get(ctx.pathParam("slug")));
    }

    public void suspend(Context ctx) {
        ctx.json(service.setStatus(RequestContext.principal(ctx), ctx.pathParam("slug"), Tenant.Status.SUSPENDED));
    }

    public void activate(Context ctx) {
        ctx.json(service.setStatus(RequestContext.principal(ctx), ctx.pathParam("slug"), Tenant.Status.ACTIVE));
    }

    public void delete(Context ctx) {
        ctx.json(service.setStatus(RequestContext.principal(ctx), ctx.pathParam("slug"), Tenant.Status.DELETED));
    }
}
