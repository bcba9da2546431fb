package io.dbtools.api.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbtools.api.web.ApiError;
import io.dbtools.api.web.Json;
import io.dbtools.api.web.Paging;
import io.dbtools.api.web.Params;
import io.dbtools.api.web.RequestContext;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** /api/servers: HTTP only; the service does the work. */
public final class ServerController {

    private final ServerService service;
    private final ObjectMapper mapper;

    public ServerController(ServerService service, ObjectMapper mapper) {
        this.service = service;
        this.mapper = mapper;
    }

    public void testConnection(Context ctx) {
        var result = service.testConnection(RequestContext.scope(ctx), Json.body(ctx, mapper, ServerRequest.class));
        ctx.json(result);
    }

    public void create(Context ctx) {
        var request = Json.body(ctx, mapper, ServerRequest.class);
        try {
            var saved = service.create(RequestContext.scope(ctx), RequestContext.principal(ctx), request);
            ctx.status(201).json(body(saved));
        } catch (ServerService.ConnectionRefused e) {
            refused(ctx, e);
        }
    }

    public void update(Context ctx) {
        long id = Params.idPath(ctx, "id");
        var request = Json.body(ctx, mapper, ServerRequest.class);
        try {
            ctx.json(body(service.update(RequestContext.scope(ctx), RequestContext.principal(ctx), id, request)));
        } catch (ServerService.ConnectionRefused e) {
            refused(ctx, e);
        }
    }

    public void get(Context ctx) {
        ctx.json(service.get(RequestContext.scope(ctx), Params.idPath(ctx, "id")));
    }

    public void delete(Context ctx) {
        service.delete(RequestContext.scope(ctx), RequestContext.principal(ctx), Params.idPath(ctx, "id"));
        ctx.status(204);
    }

    public void testStored(Context ctx) {
        ctx.json(service.testStored(RequestContext.scope(ctx), RequestContext.principal(ctx), Params.idPath(ctx, "id")));
    }

    public void list(Context ctx) {
        String sort = Params.text(ctx, "sort");
        if (sort != null && !ServerRepository.SORTS.containsKey(sort.startsWith("-") ? sort.substring(1) : sort)) {
            throw ApiError.badRequest("sort", "sort by one of " + new java.util.TreeSet<>(ServerRepository.SORTS.keySet())
                    + ", with '-' for descending");
        }
        String engine = Params.text(ctx, "engine");
        if (engine != null && !Engines.ALL.contains(engine)) {
            throw ApiError.badRequest("engine", "engine must be one of " + Engines.ALL);
        }
        String enabled = Params.text(ctx, "enabled");
        if (enabled != null && !enabled.equals("true") && !enabled.equals("false")) {
            throw ApiError.badRequest("enabled", "expected true or false");
        }
        var query = new ServerRepository.Query(Params.text(ctx, "q"), Params.text(ctx, "name"), Params.text(ctx, "host"), engine,
                Params.text(ctx, "status"), Params.text(ctx, "group"),
                ctx.queryParams("label").stream().filter(s -> !s.isBlank()).map(String::strip).toList(),
                enabled == null ? null : Boolean.valueOf(enabled), sort);
        ctx.json(service.list(RequestContext.scope(ctx), query, Paging.of(ctx)));
    }

    private static Map<String, Object> body(ServerService.Saved saved) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("server", saved.server());
        out.put("connection", saved.connection());
        return out;
    }

    private static void refused(Context ctx, ServerService.ConnectionRefused e) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("status", 422);
        error.put("field", null);
        error.put("message", e.getMessage());
        ctx.status(422).json(Map.of("error", error, "connection", e.result()));
    }

}
