package io.dbtools.api.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbtools.api.job.Execution;
import io.dbtools.api.job.JobHandler;
import io.dbtools.api.job.JobServer;
import io.dbtools.api.server.ConnectionTester;
import io.dbtools.api.server.ServerRepository;
import io.dbtools.api.server.ServerService;
import io.dbtools.policies.PolicyExecutor;
import io.dbtools.tenants.SecretBox;
import java.util.Optional;

/** Runs a policy_execution job: the policy's current version on the job's server, through the {@link PolicyExecutor}. */
public final class PolicyJobHandler implements JobHandler {

    private final PolicyRepository policies;
    private final ServerRepository servers;
    private final SecretBox secrets;
    private final PolicyExecutor executor;

    public PolicyJobHandler(PolicyRepository policies, ServerRepository servers, SecretBox secrets, PolicyExecutor executor) {
        this.policies = policies;
        this.servers = servers;
        this.secrets = secrets;
        this.executor = executor;
    }

    @Override
    public Outcome run(Run run) {
        long policyId = run.job().configuration().path("policyId").asLong();
        Optional<Policy> policy = policies.find(run.db(), policyId);
        if (policy.isEmpty()) {
            return new Outcome(Execution.Status.SKIPPED, null, "policy " + policyId + " no longer exists");
        }
        return execute(run, servers, secrets, executor, policy.get().type(), policy.get().spec());
    }

    /** Runs a validated policy document of {@code type} on the job's server; shared with custom_script jobs. */
    static Outcome execute(Run run, ServerRepository servers, SecretBox secrets, PolicyExecutor executor, String type, JsonNode spec) {
        return switch (JobServer.of(run, servers, secrets)) {
            case JobServer.Refused refused -> refused.outcome();
            case JobServer.Found found -> {
                var target = ConnectionTester.target(found.server().spec(), ServerService.targetId(run.tenant().slug(), found.server().id()),
                        run.tenant().slug(), found.password());
                PolicyExecutor.PolicyOutcome o = executor.execute(type, spec, target, run.timeout());
                Execution.Status status = switch (o.status()) {
                    case SUCCESS -> Execution.Status.SUCCESS;
                    case FAILED -> Execution.Status.FAILED;
                    case SKIPPED -> Execution.Status.SKIPPED;
                    case TIMED_OUT -> Execution.Status.TIMED_OUT;
                };
                yield new Outcome(status, o.result(), o.error());
            }
        };
    }
}
