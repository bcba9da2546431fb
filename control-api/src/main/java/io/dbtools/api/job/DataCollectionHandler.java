package io.dbtools.api.job;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbtools.api.server.ConnectionTester;
import io.dbtools.api.server.ServerRepository;
import io.dbtools.tenants.SecretBox;
import java.time.Clock;

/**
 * A data_collection job: connects to the job's server through its engine plugin (the check
 * onboarding runs) and records what it found — version, edition, missing permissions, latency —
 * as the execution's result. The server's stored status, version and edition follow, so an
 * upgrade shows in /api/servers without re-saving the server.
 */
public final class DataCollectionHandler implements JobHandler {

    private final ServerRepository servers;
    private final SecretBox secrets;
    private final ConnectionTester tester;
    private final Clock clock;

    public DataCollectionHandler(ServerRepository servers, SecretBox secrets, ConnectionTester tester, Clock clock) {
        this.servers = servers;
        this.secrets = secrets;
        this.tester = tester;
        this.clock = clock;
    }

    @Override
    public Outcome run(Run run) {
        return switch (JobServer.of(run, servers, secrets)) {
            case JobServer.Refused refused -> refused.outcome();
            case JobServer.Found found -> collect(run, found.server(), found.password());
        };
    }

    private Outcome collect(Run run, ServerRepository.Row server, String password) {
        ConnectionTester.Result r = tester.test(server.spec(), password, run.timeout());
        servers.setCheck(run.db(), server.id(), r, clock.instant());

        ObjectNode facts = JsonNodeFactory.instance.objectNode();
        facts.put("server", server.spec().name());
        facts.put("engine", server.spec().engine());
        facts.put("ok", r.ok());
        facts.put("latencyMs", r.tookMs());
        if (!r.ok()) {
            facts.put("kind", r.kind());
            facts.put("message", r.message());
            return new Outcome(Execution.Status.FAILED, facts, r.kind() + ": " + r.message());
        }
        facts.put("flavor", r.flavor());
        facts.put("version", r.version());
        facts.put("edition", r.edition());
        facts.put("previousVersion", server.version());
        facts.put("versionChanged", server.version() != null && !server.version().equals(r.version()));
        var missing = facts.putArray("missingPermissions");
        r.missingPermissions().forEach(missing::add);
        return Outcome.success(facts);
    }
}
