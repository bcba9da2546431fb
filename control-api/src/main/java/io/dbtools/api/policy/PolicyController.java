package io.dbtools.api.policy;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbtools.api.db.Db;
import io.dbtools.api.web.ApiError;
import io.dbtools.api.web.Json;
import io.dbtools.api.web.Paging;
import io.dbtools.api.web.Params;
import io.dbtools.api.web.RequestContext;
import io.dbtools.policies.PolicyCatalog;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** /api/policies and /api/groups/{id}/policies. */
public final class PolicyController {

    public record DeployRequest(@JsonAlias("group_ids") List<Long> groupIds) {}

    /** A policy with its active deployments. */
    public record View(Policy policy, List<Policy.Deployment> deployments) {}

    private final PolicyService service;
    private final ObjectMapper mapper;

    public PolicyController(PolicyService service, ObjectMapper mapper) {
        this.service = service;
        this.mapper = mapper;
    }

    public void schemas(Context ctx) {
        ctx.json(Map.of("types", service.catalog().types()));
    }

    public void list(Context ctx) {
        Db db = RequestContext.scope(ctx).db();
        String type = Params.text(ctx, "type");
        ctx.json(service.repository().list(db, type, Paging.of(ctx)));
    }

    public void get(Context ctx) {
        Db db = RequestContext.scope(ctx).db();
        long id = Params.idPath(ctx, "id");
        ctx.json(new View(service.find(db, id), service.repository().activeForPolicy(db, id)));
    }

    public void versions(Context ctx) {
        Db db = RequestContext.scope(ctx).db();
        long id = Params.idPath(ctx, "id");
        service.find(db, id);
        ctx.json(Map.of("items", service.repository().versions(db, id)));
    }

    public void create(Context ctx) {
        PolicyRequest req = Json.body(ctx, mapper, PolicyRequest.class);
        var scope = RequestContext.scope(ctx);
        try {
            ctx.status(201).json(service.create(scope.db(), RequestContext.principal(ctx), req));
        } catch (PolicyViolations v) {
            invalid(ctx, v);
        }
    }

    public void update(Context ctx) {
        long id = Params.idPath(ctx, "id");
        var scope = RequestContext.scope(ctx);
        service.find(scope.db(), id);
        PolicyRequest req = Json.body(ctx, mapper, PolicyRequest.class);
        try {
            ctx.json(service.update(scope.tenant(), scope.db(), RequestContext.principal(ctx), id, req));
        } catch (PolicyViolations v) {
            invalid(ctx, v);
        }
    }

    public void delete(Context ctx) {
        var scope = RequestContext.scope(ctx);
        service.delete(scope.tenant(), scope.db(), RequestContext.principal(ctx), Params.idPath(ctx, "id"));
        ctx.status(204);
    }

    public void deploy(Context ctx) {
        long id = Params.idPath(ctx, "id");
        var scope = RequestContext.scope(ctx);
        service.find(scope.db(), id);
        DeployRequest req = Json.body(ctx, mapper, DeployRequest.class);
        ctx.status(201).json(Map.of("items", service.deploy(scope.tenant(), scope.db(), RequestContext.principal(ctx), id, req.groupIds())));
    }

    public void deployments(Context ctx) {
        Db db = RequestContext.scope(ctx).db();
        long id = Params.idPath(ctx, "id");
        service.find(db, id);
        ctx.json(Map.of("items", service.repository().deployments(db, id)));
    }

    public void undeploy(Context ctx) {
        var scope = RequestContext.scope(ctx);
        ctx.json(service.undeploy(scope.tenant(), scope.db(), RequestContext.principal(ctx), Params.idPath(ctx, "id"),
                Params.idPath(ctx, "groupId")));
    }

    public void groupPolicies(Context ctx) {
        Db db = RequestContext.scope(ctx).db();
        long groupId = Params.idPath(ctx, "id");
        if (db.count("SELECT count(*) FROM server_groups WHERE id = ?", groupId) == 0) {
            throw ApiError.notFound("no group " + groupId);
        }
        ctx.json(Map.of("items", service.repository().activeForGroup(db, groupId)));
    }

    /** 400 with every violation: the first names the field, as every 400 does; {@code violations} lists them all. */
    private static void invalid(Context ctx, PolicyViolations v) {
        List<Map<String, String>> all = v.violations().stream().map((PolicyCatalog.Violation x) -> {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("field", PolicyViolations.field(x.path()));
            m.put("path", x.path());
            m.put("message", x.message());
            return m;
        }).toList();
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("status", 400);
        error.put("field", all.isEmpty() ? "spec" : all.get(0).get("field"));
        error.put("message", v.getMessage() + ": " + String.join("; ", all.stream().map(m -> m.get("field") + " " + m.get("message")).toList()));
        error.put("violations", all);
        ctx.status(400).json(Map.of("error", error));
    }
}
