package io.dbtools.api.sd;

import io.dbtools.api.auth.Principal;
import io.dbtools.api.web.ApiError;
import io.dbtools.api.web.Params;
import io.dbtools.api.web.RequestContext;
import io.dbtools.tenants.Tenant;
import io.dbtools.tenants.TenantRegistry;
import io.dbtools.exporter.Exposition;
import io.javalin.http.Context;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.util.List;
import java.util.Objects;

/** GET /api/sd/targets (HTTP SD) and GET /api/sd/lookup/{targetId} (exporter tokens only). */
public final class SdController {

    private final SdService service;
    private final TenantRegistry registry;

    public SdController(SdService service, TenantRegistry registry) {
        this.service = service;
        this.registry = registry;
    }

    public void targets(Context ctx) {
        int shards = Params.intParam(ctx, "shards", 1);
        int shard = Params.intParam(ctx, "shard", 0);
        if (shards < 1 || shards > 1000) {
            throw ApiError.badRequest("shards", "shards must be between 1 and 1000");
        }
        if (shard < 0 || shard >= shards) {
            throw ApiError.badRequest("shard", "shard must be between 0 and shards-1");
        }
        ctx.json(service.targets(tenantsInScope(ctx), shard, shards));
    }

    /** GET /api/sd/inventory: group and label info metrics in the Prometheus text format, for Prometheus to scrape. */
    public void inventory(Context ctx) throws java.io.IOException {
        var snapshots = Exposition.toSnapshots(List.of(new Exposition.Labelled(new String[0], service.inventory(tenantsInScope(ctx)))));
        var body = new java.io.ByteArrayOutputStream();
        PrometheusTextFormatWriter writer = new PrometheusTextFormatWriter(false);
        writer.write(body, snapshots);
        ctx.contentType(writer.getContentType()).result(body.toByteArray());
    }

    /** A tenant-bound token sees its tenant; an unbound one every active tenant (or the one in X-Tenant-Slug). */
    private List<Tenant> tenantsInScope(Context ctx) {
        var scope = RequestContext.scopeOrNull(ctx);
        return scope != null ? List.of(scope.tenant())
                : registry.list(false).stream().filter(t -> t.status() == Tenant.Status.ACTIVE).toList();
    }

    /**
     * Unknown, foreign, disabled and malformed ids all answer 404 alike, so a tenant-bound exporter
     * token cannot probe which targets other tenants have.
     */
    public void lookup(Context ctx) {
        String targetId = ctx.pathParam("targetId");
        int dot = targetId.lastIndexOf('.');
        ApiError notFound = ApiError.notFound("no target '" + targetId + "'");
        if (dot <= 0) {
            throw notFound;
        }
        long serverId;
        try {
            serverId = Long.parseLong(targetId.substring(dot + 1));
        } catch (NumberFormatException e) {
            throw notFound;
        }
        Principal p = RequestContext.principal(ctx);
        Tenant tenant = registry.bySlug(targetId.substring(0, dot))
                .filter(t -> t.status() == Tenant.Status.ACTIVE)
                .filter(t -> p.unbound() || Objects.equals(p.tenantId(), t.id()))
                .orElseThrow(() -> notFound);
        var lookup = service.lookup(tenant, serverId).orElseThrow(() -> notFound);
        ctx.header("Cache-Control", "no-store").json(lookup);
    }
}
