package io.dbtools.api.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbtools.api.job.JobHandler;
import io.dbtools.api.job.JobType;
import io.dbtools.plugin.Target;
import io.dbtools.policies.PolicyCatalog;
import io.dbtools.policies.PolicyExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Simple in-test implementations of what the scheduler runs: a {@code custom_script} handler that
 * sleeps and fails on request, a trivial {@code data_collection} handler, and a policy catalogue
 * and executor with one small type, so the API is tested without the policies module.
 */
public final class TestJobs {

    private TestJobs() {}

    /** Every policy the test executor ran: type, server name and the spec it got. */
    public record PolicyRun(String type, String server, JsonNode spec) {}

    public static final List<PolicyRun> POLICY_RUNS = Collections.synchronizedList(new ArrayList<>());

    /** custom_script: {"sleepMs": n, "fail": true|false, "hang": true (only on a node started to hang)}; data_collection: returns at once. */
    public static Map<JobType, JobHandler> handlers() {
        Map<JobType, JobHandler> out = new EnumMap<>(JobType.class);
        out.put(JobType.CUSTOM_SCRIPT, run -> {
            JsonNode c = run.job().configuration();
            long sleep = c.path("sleepMs").asLong(0);
            if (c.path("hang").asBoolean(false) && Boolean.getBoolean(SchedulerNode.HANG)) {
                // the node the crash test kills: it must still be inside the run when the kill comes
                sleep = Duration.ofMinutes(10).toMillis();
            }
            if (sleep > 0) {
                Thread.sleep(sleep);
            }
            if (c.path("fail").asBoolean(false)) {
                return JobHandler.Outcome.failed("asked to fail (attempt " + run.attempt() + ")");
            }
            return JobHandler.Outcome.success(JsonNodeFactory.instance.objectNode().put("attempt", run.attempt())
                    .put("pid", ProcessHandle.current().pid()));
        });
        out.put(JobType.DATA_COLLECTION, run -> JobHandler.Outcome.success(null));
        return out;
    }

    /** One type, "backup" for PostgreSQL: {"retention": {"days": 1-365, default 7}, "compress": bool, default true}. */
    public static final PolicyCatalog CATALOG = new PolicyCatalog() {
        private final PolicyType backup = new PolicyType("backup", "Backup", List.of("postgres"),
                JsonNodeFactory.instance.objectNode().put("type", "object"));

        @Override
        public List<PolicyType> types() {
            return List.of(backup);
        }

        @Override
        public Optional<PolicyType> type(String name) {
            return "backup".equals(name) ? Optional.of(backup) : Optional.empty();
        }

        @Override
        public Validation validate(String type, JsonNode spec) {
            if (!"backup".equals(type)) {
                return new Validation.Invalid(List.of(new Violation("/type", "unknown policy type")));
            }
            List<Violation> problems = new ArrayList<>();
            if (!spec.isObject()) {
                return new Validation.Invalid(List.of(new Violation("", "expected an object")));
            }
            for (Iterator<String> it = spec.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!f.equals("retention") && !f.equals("compress")) {
                    problems.add(new Violation("/" + f, "unknown property"));
                }
            }
            JsonNode days = spec.path("retention").path("days");
            if (!days.isMissingNode() && (!days.isInt() || days.asInt() < 1 || days.asInt() > 365)) {
                problems.add(new Violation("/retention/days", "must be an integer from 1 to 365"));
            }
            JsonNode compress = spec.path("compress");
            if (!compress.isMissingNode() && !compress.isBoolean()) {
                problems.add(new Violation("/compress", "must be a boolean"));
            }
            if (!problems.isEmpty()) {
                return new Validation.Invalid(problems);
            }
            ObjectNode filled = spec.deepCopy();
            if (!filled.has("compress")) {
                filled.put("compress", true);
            }
            if (!filled.path("retention").has("days")) {
                (filled.has("retention") ? (ObjectNode) filled.get("retention") : filled.putObject("retention")).put("days", 7);
            }
            return new Validation.Valid(filled);
        }
    };

    public static final PolicyExecutor EXECUTOR = (String type, JsonNode spec, Target target, Duration timeout) -> {
        POLICY_RUNS.add(new PolicyRun(type, target.server(), spec));
        return new PolicyExecutor.PolicyOutcome(PolicyExecutor.Status.SUCCESS,
                JsonNodeFactory.instance.objectNode().put("server", target.server()).put("days", spec.path("retention").path("days").asInt()),
                null);
    };
}
