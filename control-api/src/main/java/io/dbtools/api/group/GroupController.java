package io.dbtools.api.group;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbtools.api.activity.ActivityLog;
import io.dbtools.api.db.Db;
import io.dbtools.api.web.ApiError;
import io.dbtools.api.web.Json;
import io.dbtools.api.web.Params;
import io.dbtools.api.web.RequestContext;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** /api/groups: CRUD and bulk membership. */
public final class GroupController {

    public record GroupRequest(String name, String description) {}

    public record Members(List<Long> serverIds) {}

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._:-]{0,99}");
    /** One bulk call touches at most this many servers, so a request stays one short transaction. */
    static final int BULK_LIMIT = 10_000;

    private final GroupRepository groups;
    private final ActivityLog activity;
    private final ObjectMapper mapper;
    private final MembershipListener membership;

    public GroupController(GroupRepository groups, ActivityLog activity, ObjectMapper mapper) {
        this(groups, activity, mapper, MembershipListener.NONE);
    }

    public GroupController(GroupRepository groups, ActivityLog activity, ObjectMapper mapper, MembershipListener membership) {
        this.groups = groups;
        this.activity = activity;
        this.mapper = mapper;
        this.membership = membership;
    }

    public void list(Context ctx) {
        ctx.json(groups.list(RequestContext.scope(ctx).db()));
    }

    public void get(Context ctx) {
        Db db = RequestContext.scope(ctx).db();
        long id = Params.idPath(ctx, "id");
        var group = find(db, id);
        ctx.json(Map.of("group", group, "members", groups.members(db, id)));
    }

    public void create(Context ctx) {
        GroupRequest req = valid(Json.body(ctx, mapper, GroupRequest.class));
        Db db = RequestContext.scope(ctx).db();
        long id = unique(() -> db.inTransaction(tx -> {
            long newId = groups.create(tx, req.name().strip(), req.description());
            activity.record(tx, RequestContext.principal(ctx), "group.create", "group", newId, req.name().strip(), Map.of());
            return newId;
        }), req.name());
        ctx.status(201).json(find(db, id));
    }

    public void update(Context ctx) {
        long id = Params.idPath(ctx, "id");
        GroupRequest req = valid(Json.body(ctx, mapper, GroupRequest.class));
        Db db = RequestContext.scope(ctx).db();
        find(db, id);
        unique(() -> db.inTransaction(tx -> {
            groups.update(tx, id, req.name().strip(), req.description());
            activity.record(tx, RequestContext.principal(ctx), "group.update", "group", id, req.name().strip(), Map.of());
            return id;
        }), req.name());
        ctx.json(find(db, id));
    }

    public void delete(Context ctx) {
        long id = Params.idPath(ctx, "id");
        Db db = RequestContext.scope(ctx).db();
        var group = find(db, id);
        Runnable after = db.inTransaction(tx -> {
            Runnable then = membership.changed(RequestContext.scope(ctx).tenant(), tx, id, List.of(),
                    groups.members(tx, id).stream().map(GroupRepository.Member::id).toList());
            groups.delete(tx, id);
            activity.record(tx, RequestContext.principal(ctx), "group.delete", "group", id, group.name(),
                    Map.of("members", group.memberCount()));
            return then;
        });
        after.run();
        ctx.status(204);
    }

    public void addServers(Context ctx) {
        change(ctx, true);
    }

    public void removeServers(Context ctx) {
        change(ctx, false);
    }

    private void change(Context ctx, boolean add) {
        long id = Params.idPath(ctx, "id");
        Members req = Json.body(ctx, mapper, Members.class);
        if (req.serverIds() == null || req.serverIds().isEmpty() || req.serverIds().size() > BULK_LIMIT) {
            throw ApiError.badRequest("serverIds", "serverIds must list 1 to " + BULK_LIMIT + " server ids");
        }
        for (int i = 0; i < req.serverIds().size(); i++) {
            if (req.serverIds().get(i) == null) {
                throw ApiError.badRequest("serverIds[" + i + "]", "expected a server id");
            }
        }
        Db db = RequestContext.scope(ctx).db();
        var group = find(db, id);
        if (add) {
            List<Long> unknown = groups.unknownServers(db, req.serverIds());
            if (!unknown.isEmpty()) {
                int index = req.serverIds().indexOf(unknown.get(0));
                throw ApiError.badRequest("serverIds[" + index + "]", "no server " + unknown.get(0) + " in this tenant");
            }
        }
        Runnable[] after = new Runnable[1];
        int changed = db.inTransaction(tx -> {
            int n = add ? groups.add(tx, id, req.serverIds()) : groups.remove(tx, id, req.serverIds());
            activity.record(tx, RequestContext.principal(ctx), add ? "group.add_servers" : "group.remove_servers", "group", id,
                    group.name(), Map.of("serverIds", req.serverIds(), "changed", n));
            after[0] = membership.changed(RequestContext.scope(ctx).tenant(), tx, id, add ? req.serverIds() : List.of(),
                    add ? List.of() : req.serverIds());
            return n;
        });
        after[0].run();
        ctx.json(Map.of("changed", changed, "group", find(db, id)));
    }

    private GroupRepository.Group find(Db db, long id) {
        return groups.find(db, id).orElseThrow(() -> ApiError.notFound("no group " + id));
    }

    private static GroupRequest valid(GroupRequest req) {
        if (req.name() == null || !NAME.matcher(req.name().strip()).matches()) {
            throw ApiError.badRequest("name", "name must be 1-100 characters: letters, digits, spaces, '.', '_', ':' or '-'");
        }
        if (req.description() != null && req.description().length() > 1000) {
            throw ApiError.badRequest("description", "description must be at most 1000 characters");
        }
        return req;
    }

    private static <T> T unique(java.util.function.Supplier<T> work, String name) {
        try {
            return work.get();
        } catch (Db.DbException e) {
            if (e.uniqueViolation()) {
                throw ApiError.conflict("name", "a group named '" + name.strip() + "' already exists");
            }
            throw e;
        }
    }
}
