package io.dbtools.api.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbtools.api.job.JobHandler;
import io.dbtools.api.job.JobType;
import io.dbtools.plugin.Target;
import io.dbtools.policies.DefaultPolicyCatalog;
import io.dbtools.policies.DefaultPolicyExecutor;
import io.dbtools.policies.PolicyCatalog;
import io.dbtools.policies.PolicyExecutor;
import io.dbtools.policies.Tools;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the tests' schedulers run besides the standard handlers: a policy catalogue and executor
 * whose small "backup" type is recorded instead of run (so the API is tested without pg_dump),
 * while custom_script goes to the real catalogue and executor, so custom_script jobs run their SQL
 * on the embedded PostgreSQL; a trivial maintenance handler for the benchmark; and a custom_script
 * handler that hangs, for the node the crash test kills.
 */
public final class TestJobs {

    private TestJobs() {}

    /** Every recorded (not run) policy: type, server name and the spec it got. */
    public record PolicyRun(String type, String server, JsonNode spec) {}

    public static final List<PolicyRun> POLICY_RUNS = Collections.synchronizedList(new ArrayList<>());

    private static final PolicyCatalog REAL_CATALOG = new DefaultPolicyCatalog();
    private static final PolicyExecutor REAL_EXECUTOR = new DefaultPolicyExecutor(Clock.systemUTC(), Tools.onPath());

    /** For the benchmark's own node: maintenance jobs return at once, so only the scheduler is measured. */
    public static Map<JobType, JobHandler> trivial() {
        Map<JobType, JobHandler> out = new EnumMap<>(JobType.class);
        out.put(JobType.MAINTENANCE, run -> JobHandler.Outcome.success(null));
        return out;
    }

    /** custom_script runs that never end (ten minutes): the crash test kills the node while it is inside one. */
    public static JobHandler hanging() {
        return run -> {
            Thread.sleep(Duration.ofMinutes(10).toMillis());
            return JobHandler.Outcome.failed("the hanging node was not killed");
        };
    }

    /**
     * "backup" for PostgreSQL: {"retention": {"days": 1-365, default 7}, "compress": bool, default true};
     * and the real custom_script type.
     */
    public static final PolicyCatalog CATALOG = new PolicyCatalog() {
        private final PolicyType backup = new PolicyType("backup", "Backup", List.of("postgres"),
                JsonNodeFactory.instance.objectNode().put("type", "object"));

        private final PolicyType script = REAL_CATALOG.type("custom_script").orElseThrow();

        @Override
        public List<PolicyType> types() {
            return List.of(backup, script);
        }

        @Override
        public Optional<PolicyType> type(String name) {
            return "backup".equals(name) ? Optional.of(backup) : "custom_script".equals(name) ? Optional.of(script) : Optional.empty();
        }

        @Override
        public Validation validate(String type, JsonNode spec) {
            if ("custom_script".equals(type)) {
                return REAL_CATALOG.validate(type, spec);
            }
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
        if ("custom_script".equals(type)) {
            return REAL_EXECUTOR.execute(type, spec, target, timeout);
        }
        POLICY_RUNS.add(new PolicyRun(type, target.server(), spec));
        return new PolicyExecutor.PolicyOutcome(PolicyExecutor.Status.SUCCESS,
                JsonNodeFactory.instance.objectNode().put("server", target.server()).put("days", spec.path("retention").path("days").asInt()),
                null);
    };
}
