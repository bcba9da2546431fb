package io.dbtools.mongodb;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.dbtools.mongodb.collector.MongoCollectors;
import io.dbtools.plugin.Collector;
import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.ConnectException;
import io.dbtools.plugin.ConnectionCheck;
import io.dbtools.plugin.Deadline;
import io.dbtools.plugin.EnginePlugin;
import io.dbtools.plugin.FailureKind;
import io.dbtools.plugin.ServerInfo;
import io.dbtools.plugin.Target;
import io.dbtools.plugin.TargetSession;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.bson.Document;

/** MongoDB 4.4–8.0: standalone mongod, replica set members (each its own target) and mongos. */
public final class MongoPlugin implements EnginePlugin {

    private final Clock clock;
    private final List<Collector<MongoSource>> collectors;

    /** Used by {@link java.util.ServiceLoader}. */
    public MongoPlugin() {
        this(Clock.systemUTC());
    }

    public MongoPlugin(Clock clock) {
        this.clock = clock;
        this.collectors = MongoCollectors.all();
    }

    @Override
    public String id() {
        return "mongodb";
    }

    @Override
    public Set<String> engines() {
        return Set.of("mongodb");
    }

    @Override
    public int defaultPort(String engine) {
        return MongoSettings.DEFAULT_PORT;
    }

    @Override
    public List<CollectorInfo> collectors() {
        return collectors.stream().map(Collector::info).toList();
    }

    @Override
    public TargetSession<MongoSource> open(Target target) {
        return new MongoSession(target, collectors, clock);
    }

    @Override
    public ConnectionCheck testConnection(Target target, Duration budget) {
        long start = System.nanoTime();
        Deadline deadline = Deadline.after(budget, clock);
        ServerWatch watch = new ServerWatch();
        try (MongoClient client = MongoClients.create(MongoSettings.of(target, budget, watch))) {
            try {
                MongoSession.awaitServer(watch, deadline, target);
                MongoSource source = new MongoSource(client);
                source.command(deadline, "admin", new Document("ping", 1));
                Document hello = Hello.run(source, deadline);
                ServerInfo server = MongoIdentity.from(source.command(deadline, "admin", new Document("buildInfo", 1)), hello);
                if (!MongoIdentity.supported(server, hello)) {
                    return new ConnectionCheck.Failed(FailureKind.UNSUPPORTED_VERSION, "MongoDB " + server.versionText()
                            + " is older than " + MongoIdentity.MIN_VERSION + ", the oldest supported", took(start));
                }
                return new ConnectionCheck.Ok(server, missingPermissions(source, deadline, server), took(start));
            } catch (RuntimeException e) {
                throw MongoErrors.classify(e, watch.lastFailure());
            }
        } catch (ConnectException e) {
            return new ConnectionCheck.Failed(e.kind(), e.getMessage(), took(start));
        } catch (RuntimeException e) {
            var classified = MongoErrors.classify(e, watch.lastFailure());
            return new ConnectionCheck.Failed(classified.kind(), classified.getMessage(), took(start));
        }
    }

    private static List<String> missingPermissions(MongoSource source, Deadline deadline, ServerInfo server) {
        Document status = source.command(deadline, "admin", new Document("connectionStatus", 1).append("showPrivileges", true));
        boolean accessControlOff = false;
        if (MongoPermissions.nobodyLoggedIn(status)) {
            // Nobody logged in: either the server runs without access control or the target has no user.
            try {
                source.command(deadline, "admin", new Document("serverStatus", 1));
                accessControlOff = true;
            } catch (MongoCommandException e) {
                if (e.getErrorCode() != MongoErrors.UNAUTHORIZED) throw e;
            }
        }
        return MongoPermissions.missing(status, MongoTopology.of(server), accessControlOff);
    }

    private static Duration took(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
