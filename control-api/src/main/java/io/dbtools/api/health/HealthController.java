package io.dbtools.api.health;

import io.dbtools.api.web.ApiError;
import io.dbtools.api.web.Paging;
import io.dbtools.api.web.Params;
import io.dbtools.api.web.RequestContext;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** GET /api/servers/health and GET /api/servers/{id}/health. */
public final class HealthController {

    private static final Set<String> STATUSES = Set.of("healthy", "warning", "critical", "offline", "unknown");

    private final HealthService service;

    public HealthController(HealthService service) {
        this.service = service;
    }

    /** Every server of the tenant, optionally of one status, paged; with counts per status and the thresholds used. */
    public void list(Context ctx) {
        String status = Params.text(ctx, "status");
        if (status != null && !STATUSES.contains(status)) {
            throw ApiError.badRequest("status", "status must be healthy, warning, critical, offline or unknown");
        }
        Paging paging = Paging.of(ctx);
        var scope = RequestContext.scope(ctx);
        var thresholds = service.thresholds(scope.db());
        List<HealthService.ServerHealth> all = service.health(scope.tenant(), service.servers(scope.db()), thresholds, null);
        Map<String, Integer> counts = new TreeMap<>();
        STATUSES.forEach(s -> counts.put(s, 0));
        all.forEach(h -> counts.merge(h.status(), 1, Integer::sum));
        List<HealthService.ServerHealth> matching = status == null ? all : all.stream().filter(h -> h.status().equals(status)).toList();
        List<HealthService.ServerHealth> page = matching.stream().skip(paging.offset()).limit(paging.size()).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("items", page);
        out.put("total", matching.size());
        out.put("page", paging.page());
        out.put("size", paging.size());
        out.put("counts", counts);
        out.put("thresholds", thresholds);
        ctx.json(out);
    }

    public void one(Context ctx) {
        var scope = RequestContext.scope(ctx);
        long id = Params.idPath(ctx, "id");
        HealthService.Server server = service.server(scope.db(), id).orElseThrow(() -> ApiError.notFound("no server " + id));
        var thresholds = service.thresholds(scope.db());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("server", service.health(scope.tenant(), List.of(server), thresholds, server.name()).get(0));
        out.put("thresholds", thresholds);
        ctx.json(out);
    }
}
