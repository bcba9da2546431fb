package io.dbtools.api.policy;

import io.dbtools.api.job.JobHandler;
import io.dbtools.api.job.TypeChecks;
import io.dbtools.api.server.ServerRepository;
import io.dbtools.policies.PolicyExecutor;
import io.dbtools.tenants.SecretBox;

/**
 * Runs a custom_script job: its configuration is a custom_script policy document (a script per
 * engine, validated and given its defaults when the job was saved), run on the job's server by the
 * {@link PolicyExecutor} exactly as a deployed custom_script policy would be.
 */
public final class CustomScriptHandler implements JobHandler {

    private final ServerRepository servers;
    private final SecretBox secrets;
    private final PolicyExecutor executor;

    public CustomScriptHandler(ServerRepository servers, SecretBox secrets, PolicyExecutor executor) {
        this.servers = servers;
        this.secrets = secrets;
        this.executor = executor;
    }

    @Override
    public Outcome run(Run run) {
        return PolicyJobHandler.execute(run, servers, secrets, executor, TypeChecks.CUSTOM_SCRIPT_POLICY, run.job().configuration());
    }
}
