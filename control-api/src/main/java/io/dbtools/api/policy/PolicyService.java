package io.dbtools.api.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.dbtools.api.activity.ActivityLog;
import io.dbtools.api.auth.Principal;
import io.dbtools.api.db.Db;
import io.dbtools.api.group.MembershipListener;
import io.dbtools.api.job.Job;
import io.dbtools.api.job.JobRepository;
import io.dbtools.api.job.JobScheduler;
import io.dbtools.api.job.JobService;
import io.dbtools.api.job.JobType;
import io.dbtools.api.job.Schedule;
import io.dbtools.api.job.Timing;
import io.dbtools.api.web.ApiError;
import io.dbtools.policies.PolicyCatalog;
import io.dbtools.tenants.Tenant;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Policies and their deployments. Saving validates the document with the {@link PolicyCatalog}
 * and stores it with defaults filled as a new immutable version; deploying to a group makes one
 * policy_execution job per member server whose engine the policy type supports, and group
 * membership changes add or remove those jobs.
 */
public final class PolicyService implements MembershipListener {

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ._:-]{0,99}");

    /** What a deployment did: the deployment and the servers that got a job or were passed over. */
    public record DeployResult(Policy.Deployment deployment, List<Long> jobIds, List<Map<String, Object>> skipped) {}

    private final PolicyRepository policies;
    private final JobRepository jobs;
    private final JobService jobService;
    private final JobScheduler scheduler;
    private final PolicyCatalog catalog;
    private final ActivityLog activity;
    private final Clock clock;

    public PolicyService(PolicyRepository policies, JobService jobService, JobScheduler scheduler, PolicyCatalog catalog,
                         ActivityLog activity, Clock clock) {
        this.policies = policies;
        this.jobService = jobService;
        this.jobs = jobService.repository();
        this.scheduler = scheduler;
        this.catalog = catalog;
        this.activity = activity;
        this.clock = clock;
    }

    public PolicyCatalog catalog() {
        return catalog;
    }

    public PolicyRepository repository() {
        return policies;
    }

    public Policy find(Db db, long id) {
        return policies.find(db, id).orElseThrow(() -> ApiError.notFound("no policy " + id));
    }

    /** The checked request: name, schedule, and the spec with its defaults. */
    private record Checked(String name, String type, String description, JsonNode spec, Schedule schedule) {}

    private Checked check(Db db, PolicyRequest req, Policy existing) {
        if (req.name() == null || !NAME.matcher(req.name().strip()).matches()) {
            throw ApiError.badRequest("name", "name must be 1-100 characters: letters, digits, spaces, '.', '_', ':' or '-'");
        }
        String type = req.type();
        if (existing != null && type != null && !type.equals(existing.type())) {
            throw ApiError.badRequest("type", "a policy's type cannot change (it is " + existing.type() + "); create a new policy");
        }
        if (existing != null) {
            type = existing.type();
        }
        if (type == null || catalog.type(type).isEmpty()) {
            throw ApiError.badRequest("type", "type must be one of " + catalog.types().stream().map(PolicyCatalog.PolicyType::name).toList());
        }
        if (req.description() != null && req.description().length() > 1000) {
            throw ApiError.badRequest("description", "description must be at most 1000 characters");
        }
        if (req.schedule() != null && "event".equals(req.schedule().type())) {
            throw ApiError.badRequest("schedule.type", "a policy runs on a once, interval or cron schedule");
        }
        Schedule schedule = jobService.validSchedule(db, req.schedule(), null);
        JsonNode spec = req.spec() == null ? JsonNodeFactory.instance.objectNode() : req.spec();
        return switch (catalog.validate(type, spec)) {
            case PolicyCatalog.Validation.Valid valid -> new Checked(req.name().strip(), type, req.description(), valid.withDefaults(), schedule);
            case PolicyCatalog.Validation.Invalid invalid -> throw new PolicyViolations(invalid.violations());
        };
    }

    public Policy create(Db db, Principal actor, PolicyRequest req) {
        Checked c = check(db, req, null);
        long id = unique(() -> db.inTransaction(tx -> {
            Instant now = clock.instant();
            long newId = policies.insert(tx, c.name(), c.type(), now);
            policies.addVersion(tx, newId, c.name(), c.description(), c.spec(), c.schedule(), now, actor.actor());
            activity.record(tx, actor, "policy.create", "policy", newId, c.name(), Map.of("type", c.type(), "version", 1));
            return newId;
        }), c.name());
        return find(db, id);
    }

    /** A PUT: the next version; deployed jobs take the new schedule. */
    public Policy update(Tenant tenant, Db db, Principal actor, long id, PolicyRequest req) {
        Policy existing = find(db, id);
        Checked c = check(db, req, existing);
        List<Job> changed = unique(() -> db.inTransaction(tx -> {
            Instant now = clock.instant();
            int version = policies.addVersion(tx, id, c.name(), c.description(), c.spec(), c.schedule(), now, actor.actor());
            activity.record(tx, actor, "policy.update", "policy", id, c.name(), Map.of("version", version));
            List<Job> out = new ArrayList<>();
            for (Policy.Deployment d : policies.activeForPolicy(tx, id)) {
                for (long jobId : tx.list("SELECT id FROM jobs WHERE deployment_id = ?", rs -> rs.getLong(1), d.id())) {
                    Job j = jobs.find(tx, jobId).orElseThrow();
                    Job moved = withSchedule(j, c.schedule(), now);
                    jobs.update(tx, jobId, moved, now);
                    out.add(moved);
                }
            }
            return out;
        }), c.name());
        changed.forEach(j -> scheduler.sync(tenant, j));
        return find(db, id);
    }

    /** Soft delete: the policy and its versions stay for history; its deployments end and their jobs go. */
    public void delete(Tenant tenant, Db db, Principal actor, long id) {
        Policy p = find(db, id);
        List<Long> removed = db.inTransaction(tx -> {
            List<Long> out = new ArrayList<>();
            for (Policy.Deployment d : policies.activeForPolicy(tx, id)) {
                out.addAll(endDeployment(tx, d, actor));
            }
            policies.softDelete(tx, id, clock.instant());
            activity.record(tx, actor, "policy.delete", "policy", id, p.name(), Map.of("undeployed", out.size()));
            return out;
        });
        removed.forEach(jobId -> scheduler.cancel(tenant.id(), jobId));
    }

    public List<DeployResult> deploy(Tenant tenant, Db db, Principal actor, long id, List<Long> groupIds) {
        Policy p = find(db, id);
        if (groupIds == null || groupIds.isEmpty() || groupIds.size() > 100) {
            throw ApiError.badRequest("groupIds", "groupIds must list 1 to 100 group ids");
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < groupIds.size(); i++) {
            Long g = groupIds.get(i);
            if (g == null) {
                throw ApiError.badRequest("groupIds[" + i + "]", "expected a group id");
            }
            String name = db.one("SELECT name FROM server_groups WHERE id = ?", rs -> rs.getString(1), g)
                    .orElseThrow(() -> ApiError.badRequest("groupIds[" + groupIds.indexOf(g) + "]", "no group " + g + " in this tenant"));
            if (policies.active(db, id, g).isPresent()) {
                throw ApiError.conflict("groupIds[" + i + "]", "policy " + id + " is already deployed to group '" + name + "'");
            }
            names.add(name);
        }
        List<DeployResult> results = db.inTransaction(tx -> {
            List<DeployResult> out = new ArrayList<>();
            Instant now = clock.instant();
            for (int i = 0; i < groupIds.size(); i++) {
                long groupId = groupIds.get(i);
                long deploymentId = policies.deploy(tx, id, groupId, names.get(i), p.version(), now, actor.actor());
                List<Map<String, Object>> skipped = new ArrayList<>();
                List<Long> made = createJobs(tx, p, deploymentId, members(tx, groupId), skipped);
                activity.record(tx, actor, "policy.deploy", "policy", id, p.name(),
                        Map.of("groupId", groupId, "version", p.version(), "jobs", made.size()));
                out.add(new DeployResult(deployment(tx, id, deploymentId), made, skipped));
            }
            return out;
        });
        results.forEach(r -> r.jobIds().forEach(jobId -> jobs.find(db, jobId).ifPresent(j -> scheduler.sync(tenant, j))));
        return results;
    }

    public Policy.Deployment undeploy(Tenant tenant, Db db, Principal actor, long id, long groupId) {
        Policy p = find(db, id);
        Policy.Deployment d = policies.active(db, id, groupId)
                .orElseThrow(() -> ApiError.notFound("policy " + id + " is not deployed to group " + groupId));
        List<Long> removed = db.inTransaction(tx -> {
            List<Long> out = endDeployment(tx, d, actor);
            activity.record(tx, actor, "policy.undeploy", "policy", id, p.name(), Map.of("groupId", groupId, "jobs", out.size()));
            return out;
        });
        removed.forEach(jobId -> scheduler.cancel(tenant.id(), jobId));
        return deployment(db, id, d.id());
    }

    private List<Long> endDeployment(Db tx, Policy.Deployment d, Principal actor) {
        List<Long> jobIds = tx.list("SELECT id FROM jobs WHERE deployment_id = ?", rs -> rs.getLong(1), d.id());
        tx.update("DELETE FROM jobs WHERE deployment_id = ?", d.id());
        policies.undeploy(tx, d.id(), clock.instant(), actor.actor());
        return jobIds;
    }

    private Policy.Deployment deployment(Db db, long policyId, long deploymentId) {
        return policies.deployments(db, policyId).stream().filter(d -> d.id() == deploymentId).findFirst().orElseThrow();
    }

    private record Member(long id, String name, String engine) {}

    private static List<Member> members(Db db, long groupId) {
        return db.list("SELECT s.id, s.name, s.engine FROM server_group_members m JOIN servers s ON s.id = m.server_id WHERE m.group_id = ? "
                + "ORDER BY s.id", rs -> new Member(rs.getLong(1), rs.getString(2), rs.getString(3)), groupId);
    }

    /** One job per server the policy type supports; the others are listed in {@code skipped}. */
    private List<Long> createJobs(Db tx, Policy p, long deploymentId, List<Member> servers, List<Map<String, Object>> skipped) {
        List<String> engines = catalog.type(p.type()).map(PolicyCatalog.PolicyType::engines).orElse(List.of());
        List<Long> made = new ArrayList<>();
        Instant now = clock.instant();
        for (Member s : servers) {
            if (!engines.isEmpty() && !engines.contains(s.engine())) {
                skipped.add(Map.of("serverId", s.id(), "reason", p.type() + " policies do not support " + s.engine()));
                continue;
            }
            if (tx.count("SELECT count(*) FROM jobs WHERE deployment_id = ? AND server_id = ?", deploymentId, s.id()) > 0) {
                continue;
            }
            var config = JsonNodeFactory.instance.objectNode().put("policyId", p.id());
            Job job = new Job(0, truncate(p.name() + " on " + s.name()), JobType.POLICY_EXECUTION.label(), config, p.schedule(), true,
                    Timing.first(p.schedule(), now).orElse(null), 0, Job.DEFAULT_TIMEOUT_SECONDS, 0, 60, "run_once", false, s.id(),
                    deploymentId, null, null);
            made.add(jobs.insert(tx, job, now));
        }
        return made;
    }

    private static Job withSchedule(Job j, Schedule s, Instant now) {
        return new Job(j.id(), j.name(), j.type(), j.configuration(), s, j.enabled(), j.enabled() ? Timing.first(s, now).orElse(null) : null,
                j.priority(), j.timeoutSeconds(), j.maxRetries(), j.retryBackoffSeconds(), j.misfirePolicy(), j.allowConcurrent(),
                j.serverId(), j.deploymentId(), j.createdAt(), j.updatedAt());
    }

    private static String truncate(String name) {
        return name.length() <= 200 ? name : name.substring(0, 200);
    }

    /** Group membership changed: servers that joined get the group's policy jobs, servers that left lose them. */
    @Override
    public Runnable changed(Tenant tenant, Db tx, long groupId, List<Long> added, List<Long> removed) {
        List<Long> made = new ArrayList<>();
        List<Long> dropped = new ArrayList<>();
        for (Policy.Deployment d : policies.activeForGroup(tx, groupId)) {
            if (!added.isEmpty()) {
                Policy p = policies.find(tx, d.policyId()).orElseThrow();
                List<Member> joined = members(tx, groupId).stream().filter(m -> added.contains(m.id())).toList();
                made.addAll(createJobs(tx, p, d.id(), joined, new ArrayList<>()));
            }
            if (!removed.isEmpty()) {
                dropped.addAll(tx.list("DELETE FROM jobs WHERE deployment_id = ? AND server_id = ANY(?::bigint[]) RETURNING id",
                        rs -> rs.getLong(1), d.id(), removed.toArray(Long[]::new)));
            }
        }
        if (made.isEmpty() && dropped.isEmpty()) {
            return () -> {};
        }
        Db db = tx;
        List<Job> toSync = made.stream().map(id -> jobs.find(db, id).orElseThrow()).toList();
        return () -> {
            toSync.forEach(j -> scheduler.sync(tenant, j));
            dropped.forEach(id -> scheduler.cancel(tenant.id(), id));
        };
    }

    private static <T> T unique(java.util.function.Supplier<T> work, String name) {
        try {
            return work.get();
        } catch (Db.DbException e) {
            if (e.uniqueViolation()) {
                throw ApiError.conflict("name", "a policy named '" + name + "' already exists");
            }
            throw e;
        }
    }
}
