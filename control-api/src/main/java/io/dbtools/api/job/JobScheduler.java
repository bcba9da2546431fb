package io.dbtools.api.job;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceNotFoundException;
import com.github.kagkarlsson.scheduler.serializer.JacksonSerializer;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.dbtools.api.db.Db;
import io.dbtools.api.db.TenantPools;
import io.dbtools.tenants.Tenant;
import io.dbtools.tenants.TenantRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every tenant's jobs on db-scheduler. db-scheduler owns <em>when</em> (one row per job in
 * the system database's {@code scheduled_tasks}, picked by exactly one node, heartbeats, revival
 * of a dead node's runs); DbTools owns <em>what</em>: the job definition and its execution history
 * in the tenant's database, retries, misfires, dependencies and concurrency limits.
 */
public final class JobScheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(JobScheduler.class);

    static final String TASK = "dbtools-job";

    /** The task data: which job of which tenant, which attempt, and why it runs (schedule, manual, retry, dependency, recovered). */
    public record JobRef(long tenantId, long jobId, int attempt, String trigger) {}

    /** Node settings; {@link #fromEnvironment} reads DBTOOLS_SCHEDULER_*. */
    public record Settings(String nodeName, int threads, Duration pollingInterval, Duration heartbeatInterval, int missedHeartbeats,
                           Duration limitRetry) {

        public static Settings fromEnvironment(Map<String, String> env) {
            String host = env.getOrDefault("HOSTNAME", "node");
            return new Settings(env.getOrDefault("DBTOOLS_SCHEDULER_NODE", host + "-" + ProcessHandle.current().pid()),
                    Integer.parseInt(env.getOrDefault("DBTOOLS_SCHEDULER_THREADS", "8")),
                    Duration.ofMillis(Long.parseLong(env.getOrDefault("DBTOOLS_SCHEDULER_POLL_MS", "2000"))),
                    Duration.ofSeconds(Long.parseLong(env.getOrDefault("DBTOOLS_SCHEDULER_HEARTBEAT_SECONDS", "30"))),
                    4, Duration.ofSeconds(5));
        }
    }

    private final TenantRegistry registry;
    private final TenantPools pools;
    private final JobRepository jobs;
    private final Map<JobType, JobHandler> handlers;
    private final JobMetrics metrics;
    private final Clock clock;
    private final Settings settings;
    private final Limits limits;
    private final ExecutorService work = Executors.newVirtualThreadPerTaskExecutor();
    private final Scheduler scheduler;

    /**
     * @param system the system database (db-scheduler's table and the per-server locks), a pool of its own
     * @param extraTasks recurring platform tasks that share the scheduler, such as the daily retention run
     */
    public JobScheduler(DataSource system, TenantRegistry registry, TenantPools pools, JobRepository jobs,
                        Map<JobType, JobHandler> handlers, JobMetrics metrics, Clock clock, Settings settings,
                        List<RecurringTask<?>> extraTasks) {
        this.registry = registry;
        this.pools = pools;
        this.jobs = jobs;
        this.handlers = Map.copyOf(handlers);
        this.metrics = metrics;
        this.clock = clock;
        this.settings = settings;
        this.limits = new Limits(system);
        CustomTask<JobRef> task = Tasks.custom(TASK, JobRef.class)
                // A node that stopped heartbeating lost its run: run it again now, and say so in the history.
                .onDeadExecution((complete, ops) -> {
                    JobRef ref = (JobRef) complete.getExecution().taskInstance.getData();
                    log.warn("job {} of tenant {} was running on a node that died ({}); running it again",
                            ref.jobId(), ref.tenantId(), complete.getExecution().pickedBy);
                    ops.reschedule(complete, clock.instant(), new JobRef(ref.tenantId(), ref.jobId(), ref.attempt(), "recovered"));
                })
                .execute(this::execute);
        // recurring tasks are registered by startTasks, which also schedules them on start
        this.scheduler = Scheduler.create(system, List.<Task<?>>of(task))
                .startTasks(extraTasks)
                .schedulerName(new SchedulerName.Fixed(settings.nodeName()))
                .threads(settings.threads())
                .pollingInterval(settings.pollingInterval())
                .heartbeatInterval(settings.heartbeatInterval())
                .missedHeartbeatsLimit(settings.missedHeartbeats())
                .serializer(new JacksonSerializer())
                .enablePriority()
                .enableImmediateExecution()
                .clock(clock::instant)
                .build();
    }

    public void start() {
        seedMetrics();
        scheduler.start();
        reconcile();
    }

    /** Pauses picking new runs (runs in progress go on); for tests that need another node to pick. */
    public void pause() {
        scheduler.pause();
    }

    public void resume() {
        scheduler.resume();
    }

    public SchedulerClient client() {
        return scheduler;
    }

    @Override
    public void close() {
        scheduler.stop();
        work.shutdownNow();
    }

    static String instanceId(long tenantId, long jobId) {
        return "t" + tenantId + "-j" + jobId;
    }

    private static TaskInstance<JobRef> instance(long tenantId, Job job, int attempt, String trigger) {
        JobRef ref = new JobRef(tenantId, job.id(), attempt, trigger);
        return new TaskInstance<>(TASK, instanceId(tenantId, job.id()), () -> ref, job.priority());
    }

    /** Makes the scheduler agree with a saved job: due at its next run, or not at all. */
    public void sync(Tenant tenant, Job job) {
        if (!job.enabled()) {
            metrics.forget(tenant.slug(), job.id());
        }
        if (!job.enabled() || job.nextRunAt() == null) {
            unschedule(tenant.id(), job.id());
            return;
        }
        try {
            scheduler.schedule(instance(tenant.id(), job, 1, "schedule"), job.nextRunAt(), SchedulerClient.ScheduleOptions.WHEN_EXISTS_RESCHEDULE);
        } catch (TaskInstanceCurrentlyExecutingException running) {
            // the run in progress computes the next time from the saved job when it completes
        }
    }

    /** The job was deleted, disabled or undeployed: nothing due any more, and its metrics go. */
    public void cancel(long tenantId, long jobId) {
        registry.byId(tenantId).ifPresent(t -> metrics.forget(t.slug(), jobId));
        unschedule(tenantId, jobId);
    }

    private void unschedule(long tenantId, long jobId) {
        try {
            scheduler.cancel(TaskInstanceId.of(TASK, instanceId(tenantId, jobId)));
        } catch (TaskInstanceNotFoundException | TaskInstanceCurrentlyExecutingException gone) {
            // nothing due, or the running one notices the job is gone when it completes
        }
    }

    /** @return false when the job is running right now */
    public boolean runNow(Tenant tenant, Job job, String trigger) {
        try {
            scheduler.schedule(instance(tenant.id(), job, 1, trigger), clock.instant(), SchedulerClient.ScheduleOptions.WHEN_EXISTS_RESCHEDULE);
            return true;
        } catch (TaskInstanceCurrentlyExecutingException running) {
            return false;
        }
    }

    /** On start: every enabled timed job of every active tenant has its due time (a crash between save and schedule heals here). */
    public int reconcile() {
        int scheduled = 0;
        for (Tenant t : registry.list(false)) {
            if (t.status() != Tenant.Status.ACTIVE) {
                continue;
            }
            try {
                Db db = pools.db(t);
                for (Job j : jobs.timed(db)) {
                    Instant next = j.nextRunAt();
                    if (next == null) {
                        next = Timing.first(j.schedule(), clock.instant()).orElse(null);
                        if (next == null) {
                            continue;
                        }
                        jobs.setNextRun(db, j.id(), next);
                    }
                    if (scheduler.scheduleIfNotExists(instance(t.id(), j, 1, "schedule"), next)) {
                        scheduled++;
                    }
                }
            } catch (RuntimeException e) {
                log.warn("jobs of tenant {} could not be reconciled: {}", t.slug(), e.getMessage());
            }
        }
        return scheduled;
    }

    /** Every enabled job's series from its history, so alerts on staleness and failures survive a restart of this node. */
    void seedMetrics() {
        Instant now = clock.instant();
        for (Tenant t : registry.list(false)) {
            if (t.status() != Tenant.Status.ACTIVE) {
                continue;
            }
            try {
                Db db = pools.db(t);
                Map<Long, JobRepository.MetricFacts> facts = jobs.metricFacts(db);
                for (Job j : jobs.enabled(db)) {
                    JobRepository.MetricFacts f = facts.get(j.id());
                    if (f != null) {
                        metrics.seed(JobMetrics.Labels.of(t.slug(), j, f.server(), f.policyType()), j.schedule(), f.lastSuccess(),
                                f.lastFailure(), now);
                    }
                }
            } catch (RuntimeException e) {
                log.warn("job metrics of tenant {} could not be seeded: {}", t.slug(), e.getMessage());
            }
        }
    }

    // --- one execution

    private CompletionHandler<JobRef> execute(TaskInstance<JobRef> instance, ExecutionContext ctx) {
        JobRef ref = instance.getData();
        Instant due = ctx.getExecution().executionTime;
        Optional<Tenant> tenant = registry.byId(ref.tenantId());
        if (tenant.isEmpty() || tenant.get().status() == Tenant.Status.DELETED) {
            return (c, ops) -> ops.remove();
        }
        if (tenant.get().status() != Tenant.Status.ACTIVE) {
            // suspended: look again later instead of losing the schedule
            return (c, ops) -> ops.reschedule(c, clock.instant().plus(Duration.ofMinutes(5)));
        }
        Tenant t = tenant.get();
        Db db = pools.db(t);
        Optional<Job> found = jobs.find(db, ref.jobId());
        if (found.isEmpty() || !found.get().enabled() || !stillDeployed(db, found.get())) {
            found.filter(j -> j.deploymentId() != null).ifPresent(j -> jobs.delete(db, j.id()));
            return (c, ops) -> ops.remove();
        }
        Job job = found.get();
        Instant now = clock.instant();
        if ("schedule".equals(ref.trigger()) && Timing.missed(due, now) && "skip".equals(job.misfirePolicy())) {
            jobs.skipped(db, job.id(), job.serverId(), ref.trigger(), due, now, settings.nodeName(),
                    "missed: due at " + due + " while no scheduler ran; the job's misfire policy is skip");
            return next(t, db, job, now);
        }
        Limits.Slot slot = limits.acquire(t.id(), db, job);
        if (slot == null) {
            // at the tenant's limit or the server is busy: try again shortly, same attempt, same trigger
            return (c, ops) -> ops.reschedule(c, clock.instant().plus(settings.limitRetry()));
        }
        JobHandler.Outcome outcome;
        long executionId;
        Instant started;
        try (slot) {
            jobs.abandon(db, job.id(), clock.instant());
            started = clock.instant();
            executionId = jobs.start(db, job.id(), job.serverId(), ref.attempt(), ref.trigger(), due, started, settings.nodeName());
            outcome = runHandler(t, db, job, ref.attempt());
        }
        Instant finished = clock.instant();
        // Metrics first: whoever sees the execution finished (the API, an alert on the job) sees it in /metrics too.
        metrics.record(JobMetrics.Labels.of(t.slug(), job, serverName(db, job), jobs.policyType(db, job).orElse(null)), job.schedule(),
                outcome.status(), Duration.between(started, finished), finished);
        jobs.finish(db, executionId, outcome.status(), outcome.result(), outcome.error(), finished);
        if (outcome.status() == Execution.Status.SUCCESS) {
            triggerDependents(t, db, job);
        } else if (ref.attempt() <= job.maxRetries()) {
            Instant retry = Timing.retryAt(finished, ref.attempt(), job.retryBackoffSeconds());
            jobs.setNextRun(db, job.id(), retry);
            JobRef again = new JobRef(ref.tenantId(), ref.jobId(), ref.attempt() + 1, "retry");
            return (c, ops) -> ops.reschedule(c, retry, again);
        }
        return next(t, db, job, finished);
    }

    private CompletionHandler<JobRef> next(Tenant t, Db db, Job ran, Instant now) {
        // the job may have been edited, disabled or deleted while it ran: the saved definition decides what comes next
        Optional<Job> saved = jobs.find(db, ran.id());
        if (saved.isEmpty() || !saved.get().enabled()) {
            metrics.forget(t.slug(), ran.id());
            return (c, ops) -> ops.remove();
        }
        Job job = saved.get();
        Optional<Instant> next = Timing.after(job.schedule(), now);
        jobs.setNextRun(db, job.id(), next.orElse(null));
        if (next.isEmpty()) {
            return (c, ops) -> ops.remove();
        }
        JobRef ref = new JobRef(t.id(), job.id(), 1, "schedule");
        return (c, ops) -> ops.reschedule(c, next.get(), ref);
    }

    private JobHandler.Outcome runHandler(Tenant t, Db db, Job job, int attempt) {
        JobHandler handler = handlers.get(job.jobType());
        if (handler == null) {
            return JobHandler.Outcome.failed("this scheduler node has no handler for jobs of type " + job.type());
        }
        Duration timeout = Duration.ofSeconds(job.timeoutSeconds());
        Future<JobHandler.Outcome> f = work.submit(() -> handler.run(new JobHandler.Run(t, db, job, attempt, timeout)));
        try {
            JobHandler.Outcome o = f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return o == null ? JobHandler.Outcome.failed("the handler returned no outcome") : o;
        } catch (TimeoutException e) {
            f.cancel(true);
            return new JobHandler.Outcome(Execution.Status.TIMED_OUT, null, "did not finish within " + job.timeoutSeconds() + " s");
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            log.warn("job {} of tenant {} failed: {}", job.id(), t.slug(), cause.toString());
            return JobHandler.Outcome.failed(cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            return JobHandler.Outcome.failed("interrupted: the scheduler is stopping");
        }
    }

    private void triggerDependents(Tenant t, Db db, Job job) {
        for (Job dependent : jobs.readyDependents(db, job.id())) {
            jobs.setNextRun(db, dependent.id(), clock.instant());
            scheduler.scheduleIfNotExists(instance(t.id(), dependent, 1, "dependency"), clock.instant());
        }
    }

    /** A job a policy deployment made is void once the deployment ended or the server left the group. */
    private static boolean stillDeployed(Db db, Job job) {
        if (job.deploymentId() == null) {
            return true;
        }
        return db.count("SELECT count(*) FROM policy_deployments d JOIN server_group_members m ON m.group_id = d.group_id "
                + "WHERE d.id = ? AND d.undeployed_at IS NULL AND m.server_id = ?", job.deploymentId(), job.serverId()) > 0;
    }

    private static String serverName(Db db, Job job) {
        if (job.serverId() == null) {
            return null;
        }
        return db.one("SELECT name FROM servers WHERE id = ?", rs -> rs.getString(1), job.serverId()).orElse(null);
    }
}
