package io.dbtools.api.job;

import io.dbtools.api.server.ServerRepository;
import io.dbtools.tenants.SecretBox;

/**
 * The server a job runs on, as every server-bound handler needs it: found, enabled, its password
 * decrypted — or the outcome that says why the job cannot run (no server set: failed; server
 * deleted or disabled: skipped).
 */
public sealed interface JobServer {

    record Found(ServerRepository.Row server, String password) implements JobServer {}

    record Refused(JobHandler.Outcome outcome) implements JobServer {}

    static JobServer of(JobHandler.Run run, ServerRepository servers, SecretBox secrets) {
        if (run.job().serverId() == null) {
            return new Refused(JobHandler.Outcome.failed("a " + run.job().type() + " job needs a server"));
        }
        var row = servers.find(run.db(), run.job().serverId());
        if (row.isEmpty() || !row.get().spec().enabled()) {
            return new Refused(new JobHandler.Outcome(Execution.Status.SKIPPED, null, "server " + run.job().serverId() + " is gone or disabled"));
        }
        String password = row.get().passwordEnc() == null ? null : secrets.decrypt(row.get().passwordEnc());
        return new Found(row.get(), password);
    }
}
