package io.dbtools.api.job;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbtools.api.activity.ActivityLog;
import io.dbtools.api.auth.Principal;
import io.dbtools.api.db.Db;
import io.dbtools.api.web.ApiError;
import io.dbtools.policies.PolicyCatalog;
import io.dbtools.tenants.Tenant;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Job definitions: validated saves (400s name the field), then the scheduler is told. */
public final class JobService {

    private final JobRepository jobs;
    private final JobScheduler scheduler;
    private final ActivityLog activity;
    private final Clock clock;
    private final TypeChecks types;

    /**
     * @param catalog validates custom_script jobs' configuration, which is a custom_script policy document
     * @param prometheus whether this API has Prometheus, which alert_check jobs query
     */
    public JobService(JobRepository jobs, JobScheduler scheduler, ActivityLog activity, Clock clock, PolicyCatalog catalog,
                      boolean prometheus) {
        this.jobs = jobs;
        this.scheduler = scheduler;
        this.activity = activity;
        this.clock = clock;
        this.types = new TypeChecks(catalog, prometheus);
    }

    public JobRepository repository() {
        return jobs;
    }

    public Job find(Db db, long id) {
        return jobs.find(db, id).orElseThrow(() -> ApiError.notFound("no job " + id));
    }

    public Job create(Tenant tenant, Db db, Principal actor, JobRequest req) {
        Job job = valid(db, req, null);
        long id = db.inTransaction(tx -> {
            long newId = jobs.insert(tx, job, clock.instant());
            activity.record(tx, actor, "job.create", "job", newId, job.name(), Map.of("type", job.type()));
            return newId;
        });
        Job saved = find(db, id);
        scheduler.sync(tenant, saved);
        return saved;
    }

    public Job update(Tenant tenant, Db db, Principal actor, long id, JobRequest req) {
        Job existing = find(db, id);
        Job job = valid(db, req, existing);
        db.inTransaction(tx -> {
            jobs.update(tx, id, job, clock.instant());
            activity.record(tx, actor, "job.update", "job", id, job.name(), Map.of("type", job.type()));
            return null;
        });
        Job saved = find(db, id);
        scheduler.sync(tenant, saved);
        return saved;
    }

    public void delete(Tenant tenant, Db db, Principal actor, long id) {
        Job job = find(db, id);
        db.inTransaction(tx -> {
            jobs.delete(tx, id);
            activity.record(tx, actor, "job.delete", "job", id, job.name(), Map.of());
            return null;
        });
        scheduler.cancel(tenant.id(), id);
    }

    public Job setEnabled(Tenant tenant, Db db, Principal actor, long id, boolean enabled) {
        Job job = find(db, id);
        Instant next = enabled ? Timing.first(job.schedule(), clock.instant()).orElse(null) : null;
        db.inTransaction(tx -> {
            jobs.setEnabled(tx, id, enabled, next, clock.instant());
            activity.record(tx, actor, enabled ? "job.enable" : "job.disable", "job", id, job.name(), Map.of());
            return null;
        });
        Job saved = find(db, id);
        scheduler.sync(tenant, saved);
        return saved;
    }

    /** @return false when the job is running right now */
    public boolean runNow(Tenant tenant, Db db, Principal actor, long id) {
        Job job = find(db, id);
        if (!job.enabled()) {
            throw ApiError.conflict("enabled", "job " + id + " is disabled; enable it first");
        }
        boolean queued = scheduler.runNow(tenant, job, "manual");
        if (queued) {
            activity.record(db, actor, "job.run", "job", id, job.name(), Map.of());
        }
        return queued;
    }

    /** Checks every field and returns the job to save; {@code existing} keeps what a PUT may not change. */
    Job valid(Db db, JobRequest req, Job existing) {
        if (req.name() == null || req.name().isBlank() || req.name().strip().length() > 200) {
            throw ApiError.badRequest("name", "name must be 1-200 characters");
        }
        JobType type = JobType.of(req.type()).orElseThrow(() -> ApiError.badRequest("type",
                "type must be one of " + java.util.Arrays.stream(JobType.values()).map(JobType::label).toList()));
        if (req.configuration() != null && !req.configuration().isObject()) {
            throw ApiError.badRequest("configuration", "configuration must be a JSON object");
        }
        Schedule schedule = validSchedule(db, req.schedule(), existing == null ? null : existing.id());
        int priority = bounded("priority", req.priority(), 0, -100, 100);
        int timeout = bounded("timeoutSeconds", req.timeoutSeconds(), Job.DEFAULT_TIMEOUT_SECONDS, 1, 7 * 24 * 3600);
        int retries = bounded("maxRetries", req.maxRetries(), 0, 0, 10);
        int backoff = bounded("retryBackoffSeconds", req.retryBackoffSeconds(), 60, 1, 24 * 3600);
        String misfire = req.misfirePolicy() == null ? "run_once" : req.misfirePolicy();
        if (!List.of("run_once", "skip").contains(misfire)) {
            throw ApiError.badRequest("misfirePolicy", "misfirePolicy must be run_once or skip");
        }
        if (req.serverId() != null && db.count("SELECT count(*) FROM servers WHERE id = ?", req.serverId()) == 0) {
            throw ApiError.badRequest("serverId", "no server " + req.serverId() + " in this tenant");
        }
        if (type == JobType.POLICY_EXECUTION && existing == null) {
            throw ApiError.badRequest("type", "policy_execution jobs are made by deploying a policy (POST /api/policies/{id}/deploy)");
        }
        JsonNode configuration = types.check(db, type, req.configuration(), req.serverId());
        boolean enabled = req.enabled() == null || req.enabled();
        Instant now = clock.instant();
        if (schedule.kind() == Schedule.Type.ONCE && schedule.runAt().isBefore(now.minus(Timing.MISFIRE_GRACE))
                && (existing == null || !schedule.runAt().equals(existing.schedule().runAt()))) {
            throw ApiError.badRequest("schedule.runAt", "runAt is in the past");
        }
        Instant next = enabled ? Timing.first(schedule, now).orElse(null) : null;
        return new Job(existing == null ? 0 : existing.id(), req.name().strip(), type.label(),
                configuration, schedule, enabled, next,
                priority, timeout, retries, backoff, misfire, Boolean.TRUE.equals(req.allowConcurrent()), req.serverId(),
                existing == null ? null : existing.deploymentId(), null, null);
    }

    /** Checks a schedule; 400s name {@code schedule.<field>}. {@code self} is the job being updated, for the cycle check. */
    public Schedule validSchedule(Db db, Schedule s, Long self) {
        if (s == null || s.type() == null) {
            throw ApiError.badRequest("schedule.type", "schedule.type must be once, interval, cron or event");
        }
        Schedule.Type kind;
        try {
            kind = s.kind();
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("schedule.type", "schedule.type must be once, interval, cron or event");
        }
        String cron = null;
        Integer interval = null;
        Instant runAt = null;
        List<Long> after = null;
        switch (kind) {
            case ONCE -> {
                if (s.runAt() == null) {
                    throw ApiError.badRequest("schedule.runAt", "a once schedule needs runAt (ISO-8601 instant)");
                }
                runAt = s.runAt();
            }
            case INTERVAL -> {
                if (s.intervalSeconds() == null || s.intervalSeconds() < 10 || s.intervalSeconds() > 366 * 24 * 3600) {
                    throw ApiError.badRequest("schedule.intervalSeconds", "intervalSeconds must be from 10 to 31622400");
                }
                interval = s.intervalSeconds();
            }
            case CRON -> {
                try {
                    cron = Cron.parse(s.cron()).expression();
                } catch (IllegalArgumentException e) {
                    throw ApiError.badRequest("schedule.cron", e.getMessage());
                }
            }
            case EVENT -> {
                if (s.after() == null || s.after().isEmpty() || s.after().size() > 50) {
                    throw ApiError.badRequest("schedule.after", "an event schedule needs 1 to 50 job ids in after");
                }
                for (int i = 0; i < s.after().size(); i++) {
                    if (s.after().get(i) == null) {
                        throw ApiError.badRequest("schedule.after[" + i + "]", "expected a job id");
                    }
                }
                List<Long> unknown = jobs.unknown(db, s.after());
                if (!unknown.isEmpty()) {
                    throw ApiError.badRequest("schedule.after[" + s.after().indexOf(unknown.get(0)) + "]",
                            "no job " + unknown.get(0) + " in this tenant");
                }
                if (self != null) {
                    for (int i = 0; i < s.after().size(); i++) {
                        if (jobs.reaches(db, s.after().get(i), self)) {
                            throw ApiError.badRequest("schedule.after[" + i + "]", "job " + s.after().get(i)
                                    + " already runs after this job; dependencies may not form a cycle");
                        }
                    }
                }
                after = s.after().stream().distinct().toList();
            }
        }
        boolean stray = (kind != Schedule.Type.CRON && s.cron() != null) || (kind != Schedule.Type.INTERVAL && s.intervalSeconds() != null)
                || (kind != Schedule.Type.ONCE && s.runAt() != null) || (kind != Schedule.Type.EVENT && s.after() != null);
        if (stray) {
            throw ApiError.badRequest("schedule", "a " + s.type() + " schedule takes only "
                    + Map.of(Schedule.Type.ONCE, "runAt", Schedule.Type.INTERVAL, "intervalSeconds", Schedule.Type.CRON, "cron",
                    Schedule.Type.EVENT, "after").get(kind));
        }
        return new Schedule(kind.name().toLowerCase(java.util.Locale.ROOT), cron, interval, runAt, after);
    }

    private static int bounded(String field, Integer value, int fallback, int min, int max) {
        int v = value == null ? fallback : value;
        if (v < min || v > max) {
            throw ApiError.badRequest(field, field + " must be from " + min + " to " + max);
        }
        return v;
    }

    public Optional<Execution> lastExecution(Db db, long jobId) {
        return jobs.lastExecution(db, jobId);
    }
}
