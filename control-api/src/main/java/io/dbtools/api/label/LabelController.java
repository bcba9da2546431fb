package io.dbtools.api.label;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbtools.api.activity.ActivityLog;
import io.dbtools.api.db.Db;
import io.dbtools.api.web.ApiError;
import io.dbtools.api.web.Json;
import io.dbtools.api.web.Params;
import io.dbtools.api.web.RequestContext;
import io.javalin.http.Context;
import java.util.Map;
import java.util.regex.Pattern;

/** /api/labels: list with server counts, create, rename/recolor, delete. Labels named on a server are created on the fly. */
public final class LabelController {

    public record LabelRequest(String name, String color) {}

    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.:-]{0,49}");
    static final Pattern COLOR = Pattern.compile("#[0-9a-f]{6}");

    private final LabelRepository labels;
    private final ActivityLog activity;
    private final ObjectMapper mapper;

    public LabelController(LabelRepository labels, ActivityLog activity, ObjectMapper mapper) {
        this.labels = labels;
        this.activity = activity;
        this.mapper = mapper;
    }

    public void list(Context ctx) {
        ctx.json(labels.list(RequestContext.scope(ctx).db()));
    }

    public void create(Context ctx) {
        LabelRequest req = valid(Json.body(ctx, mapper, LabelRequest.class));
        Db db = RequestContext.scope(ctx).db();
        String color = req.color() == null ? LabelRepository.defaultColor(req.name()) : req.color();
        long id = unique(() -> db.inTransaction(tx -> {
            long newId = labels.create(tx, req.name(), color);
            activity.record(tx, RequestContext.principal(ctx), "label.create", "label", newId, req.name(), Map.of("color", color));
            return newId;
        }), req.name());
        ctx.status(201).json(labels.find(db, id).orElseThrow());
    }

    public void update(Context ctx) {
        long id = Params.idPath(ctx, "id");
        LabelRequest req = valid(Json.body(ctx, mapper, LabelRequest.class));
        Db db = RequestContext.scope(ctx).db();
        var existing = labels.find(db, id).orElseThrow(() -> ApiError.notFound("no label " + id));
        String color = req.color() == null ? existing.color() : req.color();
        unique(() -> db.inTransaction(tx -> {
            labels.update(tx, id, req.name(), color);
            activity.record(tx, RequestContext.principal(ctx), "label.update", "label", id, req.name(),
                    Map.of("from", existing.name(), "color", color));
            return id;
        }), req.name());
        ctx.json(labels.find(db, id).orElseThrow());
    }

    public void delete(Context ctx) {
        long id = Params.idPath(ctx, "id");
        Db db = RequestContext.scope(ctx).db();
        var existing = labels.find(db, id).orElseThrow(() -> ApiError.notFound("no label " + id));
        db.inTransaction(tx -> {
            labels.delete(tx, id);
            activity.record(tx, RequestContext.principal(ctx), "label.delete", "label", id, existing.name(), Map.of());
            return null;
        });
        ctx.status(204);
    }

    private static LabelRequest valid(LabelRequest req) {
        if (req.name() == null || !NAME.matcher(req.name()).matches()) {
            throw ApiError.badRequest("name", "labels are 1-50 lowercase letters, digits, '_', '.', ':' or '-'");
        }
        if (req.color() != null && !COLOR.matcher(req.color()).matches()) {
            throw ApiError.badRequest("color", "color must look like #1f77b4");
        }
        return req;
    }

    private static <T> T unique(java.util.function.Supplier<T> work, String name) {
        try {
            return work.get();
        } catch (Db.DbException e) {
            if (e.uniqueViolation()) {
                throw ApiError.conflict("name", "a label named '" + name + "' already exists");
            }
            throw e;
        }
    }
}
