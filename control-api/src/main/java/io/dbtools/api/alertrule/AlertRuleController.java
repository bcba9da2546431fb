package io.dbtools.api.alertrule;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbtools.api.web.Json;
import io.dbtools.api.web.Params;
import io.dbtools.api.web.RequestContext;
import io.javalin.http.Context;
import java.util.Map;

/** /api/alert-rules: the tenant's custom alert rules, and a preview of what one would fire on now. */
public final class AlertRuleController {

    private final AlertRuleService service;
    private final ObjectMapper mapper;

    public AlertRuleController(AlertRuleService service, ObjectMapper mapper) {
        this.service = service;
        this.mapper = mapper;
    }

    public void list(Context ctx) {
        var scope = RequestContext.scope(ctx);
        ctx.json(Map.of("items", service.list(scope.db()).stream()
                .map(r -> new AlertRuleService.Saved(r, r.expr(scope.tenant().slug()), null)).toList()));
    }

    public void get(Context ctx) {
        var scope = RequestContext.scope(ctx);
        AlertRule r = service.get(scope.db(), Params.idPath(ctx, "id"));
        ctx.json(new AlertRuleService.Saved(r, r.expr(scope.tenant().slug()), null));
    }

    public void create(Context ctx) {
        var scope = RequestContext.scope(ctx);
        var request = Json.body(ctx, mapper, AlertRuleRequest.class);
        ctx.status(201).json(service.create(scope.tenant(), scope.db(), RequestContext.principal(ctx), request));
    }

    public void update(Context ctx) {
        var scope = RequestContext.scope(ctx);
        long id = Params.idPath(ctx, "id");
        service.get(scope.db(), id);
        var request = Json.body(ctx, mapper, AlertRuleRequest.class);
        ctx.json(service.update(scope.tenant(), scope.db(), RequestContext.principal(ctx), id, request));
    }

    public void delete(Context ctx) {
        var scope = RequestContext.scope(ctx);
        ctx.json(Map.of("deployment", service.delete(scope.tenant(), scope.db(), RequestContext.principal(ctx), Params.idPath(ctx, "id"))));
    }

    public void preview(Context ctx) {
        var scope = RequestContext.scope(ctx);
        ctx.json(service.preview(scope.tenant(), scope.db(), Params.idPath(ctx, "id")));
    }
}
