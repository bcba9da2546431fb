package io.dbtools.api.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dbtools.api.db.Db;
import io.dbtools.api.web.ApiError;
import io.dbtools.api.web.Json;
import io.dbtools.api.web.Paging;
import io.dbtools.api.web.Params;
import io.dbtools.api.web.RequestContext;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** /api/jobs: definitions, run/enable/disable, execution history and the cron preview. */
public final class JobController {

    /** A job as the API shows it: the definition, the schedule in words and its next five times, the last execution. */
    public record View(long id, String name, String type, JsonNode configuration, ScheduleView schedule, boolean enabled,
                       Instant nextRunAt, int priority, int timeoutSeconds, int maxRetries, int retryBackoffSeconds,
                       String misfirePolicy, boolean allowConcurrent, Long serverId, Long deploymentId, Execution lastExecution,
                       Instant createdAt, Instant updatedAt) {}

    public record ScheduleView(String type, String cron, String description, Integer intervalSeconds, Instant runAt, List<Long> after,
                               List<Instant> nextRuns) {}

    public record CronPreview(String expression, String description, List<Instant> nextRuns) {}

    static final int PREVIEW = 5;

    private final JobService service;
    private final ObjectMapper mapper;
    private final Clock clock;

    public JobController(JobService service, ObjectMapper mapper, Clock clock) {
        this.service = service;
        this.mapper = mapper;
        this.clock = clock;
    }

    public View view(Db db, Job j) {
        Schedule s = j.schedule();
        String description = switch (s.kind()) {
            case CRON -> Cron.parse(s.cron()).description();
            case INTERVAL -> "Every " + s.intervalSeconds() + " seconds";
            case ONCE -> "Once at " + s.runAt();
            case EVENT -> "After job" + (s.afterOrEmpty().size() > 1 ? "s " : " ") + s.afterOrEmpty() + " succeed"
                    + (s.afterOrEmpty().size() > 1 ? "" : "s");
        };
        List<Instant> next = j.enabled() ? Timing.preview(s, clock.instant(), PREVIEW) : List.of();
        return new View(j.id(), j.name(), j.type(), j.configuration(),
                new ScheduleView(s.type(), s.cron(), description, s.intervalSeconds(), s.runAt(), s.after(), next),
                j.enabled(), j.nextRunAt(), j.priority(), j.timeoutSeconds(), j.maxRetries(), j.retryBackoffSeconds(), j.misfirePolicy(),
                j.allowConcurrent(), j.serverId(), j.deploymentId(), service.lastExecution(db, j.id()).orElse(null),
                j.createdAt(), j.updatedAt());
    }

    public void list(Context ctx) {
        Db db = RequestContext.scope(ctx).db();
        String type = Params.text(ctx, "type");
        if (type != null && JobType.of(type).isEmpty()) {
            throw ApiError.badRequest("type", "unknown job type");
        }
        Long server = ctx.queryParam("serverId") == null ? null : (long) Params.intParam(ctx, "serverId", 0);
        String enabled = Params.text(ctx, "enabled");
        if (enabled != null && !enabled.equals("true") && !enabled.equals("false")) {
            throw ApiError.badRequest("enabled", "expected true or false");
        }
        var page = service.repository().search(db, new JobRepository.Query(type, server, enabled == null ? null : Boolean.valueOf(enabled)),
                Paging.of(ctx));
        ctx.json(new Paging.Page<>(page.items().stream().map(j -> view(db, j)).toList(), page.total(), page.page(), page.size()));
    }

    public void get(Context ctx) {
        Db db = RequestContext.scope(ctx).db();
        ctx.json(view(db, service.find(db, Params.idPath(ctx, "id"))));
    }

    public void create(Context ctx) {
        JobRequest req = Json.body(ctx, mapper, JobRequest.class);
        var scope = RequestContext.scope(ctx);
        ctx.status(201).json(view(scope.db(), service.create(scope.tenant(), scope.db(), RequestContext.principal(ctx), req)));
    }

    public void update(Context ctx) {
        long id = Params.idPath(ctx, "id");
        var scope = RequestContext.scope(ctx);
        service.find(scope.db(), id);
        JobRequest req = Json.body(ctx, mapper, JobRequest.class);
        ctx.json(view(scope.db(), service.update(scope.tenant(), scope.db(), RequestContext.principal(ctx), id, req)));
    }

    public void delete(Context ctx) {
        var scope = RequestContext.scope(ctx);
        service.delete(scope.tenant(), scope.db(), RequestContext.principal(ctx), Params.idPath(ctx, "id"));
        ctx.status(204);
    }

    public void run(Context ctx) {
        var scope = RequestContext.scope(ctx);
        long id = Params.idPath(ctx, "id");
        if (!service.runNow(scope.tenant(), scope.db(), RequestContext.principal(ctx), id)) {
            throw ApiError.conflict(null, "job " + id + " is running right now");
        }
        ctx.status(202).json(Map.of("queued", true, "job", view(scope.db(), service.find(scope.db(), id))));
    }

    public void enable(Context ctx) {
        toggle(ctx, true);
    }

    public void disable(Context ctx) {
        toggle(ctx, false);
    }

    private void toggle(Context ctx, boolean on) {
        var scope = RequestContext.scope(ctx);
        ctx.json(view(scope.db(), service.setEnabled(scope.tenant(), scope.db(), RequestContext.principal(ctx), Params.idPath(ctx, "id"), on)));
    }

    public void executions(Context ctx) {
        Db db = RequestContext.scope(ctx).db();
        long id = Params.idPath(ctx, "id");
        service.find(db, id);
        String status = Params.text(ctx, "status");
        if (status != null && java.util.Arrays.stream(Execution.Status.values()).noneMatch(s -> s.label().equals(status))) {
            throw ApiError.badRequest("status", "status must be running, success, failed, skipped or timed_out");
        }
        Long server = ctx.queryParam("serverId") == null ? null : (long) Params.intParam(ctx, "serverId", 0);
        ctx.json(service.repository().executions(db, id, status, server, Paging.of(ctx)));
    }

    public void execution(Context ctx) {
        Db db = RequestContext.scope(ctx).db();
        long id = Params.idPath(ctx, "id");
        service.find(db, id);
        long exec = Params.idPath(ctx, "execId");
        ctx.json(service.repository().execution(db, id, exec).orElseThrow(() -> ApiError.notFound("no execution " + exec + " of job " + id)));
    }

    public void cronPreview(Context ctx) {
        String expression = ctx.queryParam("expression");
        try {
            Cron.Parsed p = Cron.parse(expression);
            ctx.json(new CronPreview(p.expression(), p.description(), p.next(clock.instant(), PREVIEW)));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("expression", e.getMessage());
        }
    }
}
