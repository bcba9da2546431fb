package io.dbtools.api.activity;

import io.dbtools.api.db.Db;
import io.dbtools.api.web.Paging;
import io.dbtools.api.web.Params;
import io.dbtools.api.web.RequestContext;
import io.javalin.http.Context;

/** GET the tenant's or the system's activity log, as JSON pages or CSV. */
public final class ActivityController {

    /** CSV exports are capped so one request cannot stream a whole year of history at once. */
    static final int CSV_LIMIT = 10_000;

    private final ActivityLog log;
    private final Db system;

    public ActivityController(ActivityLog log, Db system) {
        this.log = log;
        this.system = system;
    }

    public void tenantList(Context ctx) {
        ctx.json(log.search(RequestContext.scope(ctx).db(), filter(ctx), Paging.of(ctx)));
    }

    public void tenantCsv(Context ctx) {
        csv(ctx, RequestContext.scope(ctx).db(), "activity-" + RequestContext.scope(ctx).tenant().slug() + ".csv");
    }

    public void systemList(Context ctx) {
        ctx.json(log.search(system, filter(ctx), Paging.of(ctx)));
    }

    private void csv(Context ctx, Db db, String filename) {
        var page = log.search(db, filter(ctx), new Paging(1, CSV_LIMIT));
        ctx.header("Content-Disposition", "attachment; filename=\"" + filename + "\"")
                .contentType("text/csv; charset=utf-8")
                .result(ActivityCsv.render(page.items()));
    }

    private static ActivityLog.Filter filter(Context ctx) {
        return new ActivityLog.Filter(Params.text(ctx, "action"), Params.text(ctx, "entityType"), Params.text(ctx, "entityId"),
                Params.instantParam(ctx, "from"), Params.instantParam(ctx, "to"), Params.text(ctx, "q"));
    }
}
