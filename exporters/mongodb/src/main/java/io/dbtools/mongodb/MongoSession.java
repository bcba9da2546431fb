package io.dbtools.mongodb;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.dbtools.plugin.Collector;
import io.dbtools.plugin.ConnectException;
import io.dbtools.plugin.Deadline;
import io.dbtools.plugin.FailureKind;
import io.dbtools.plugin.ServerInfo;
import io.dbtools.plugin.Target;
import io.dbtools.plugin.TargetSession;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.bson.Document;

/**
 * One MongoDB target: one {@link MongoClient} with a small pool, created on first use. A client whose
 * server cannot be used is closed at once and rebuilt on a later scrape, so a dead target holds no
 * monitor threads and answers {@code dbtools_up 0} within the deadline.
 */
final class MongoSession implements TargetSession<MongoSource> {

    private static final Duration IDENTITY_TTL = Duration.ofMinutes(5);
    private static final Duration MAX_CONNECT = Duration.ofSeconds(5);

    private final Target target;
    private final List<Collector<MongoSource>> collectors;
    private final Clock clock;
    private MongoClient client;
    private ServerWatch watch;
    private MongoSource source;
    private ServerInfo server;
    private Instant identifiedAt = Instant.MIN;

    MongoSession(Target target, List<Collector<MongoSource>> collectors, Clock clock) {
        this.target = target;
        this.collectors = collectors;
        this.clock = clock;
    }

    @Override
    public synchronized ServerInfo identify(Deadline deadline) throws ConnectException {
        try {
            if (client == null) {
                connect(deadline);
            }
            if (server == null || identifiedAt.plus(IDENTITY_TTL).isBefore(clock.instant())) {
                server = MongoIdentity.from(source.command(deadline, "admin", new Document("buildInfo", 1)),
                        Hello.run(source, deadline));
                identifiedAt = clock.instant();
            } else {
                // The identity is cached; a ping keeps dbtools_up honest when the server went away since.
                source.command(deadline, "admin", new Document("ping", 1));
            }
            return server;
        } catch (ConnectException e) {
            closeClient();
            throw e;
        } catch (RuntimeException e) {
            Throwable monitorFailure = watch == null ? null : watch.lastFailure();
            closeClient();
            throw MongoErrors.classify(e, monitorFailure);
        }
    }

    private void connect(Deadline deadline) throws ConnectException {
        Duration connectTimeout = deadline.remaining().compareTo(MAX_CONNECT) < 0 ? deadline.remaining() : MAX_CONNECT;
        watch = new ServerWatch();
        client = MongoClients.create(MongoSettings.of(target, connectTimeout, watch));
        source = new MongoSource(client);
        awaitServer(watch, deadline, target);
    }

    /** Fails fast when the monitor's first contact was refused, or when none came before the deadline. */
    static void awaitServer(ServerWatch watch, Deadline deadline, Target target) throws ConnectException {
        Throwable failure;
        try {
            failure = watch.awaitFirst(deadline.remaining());
        } catch (TimeoutException e) {
            throw new ConnectException(FailureKind.TIMEOUT, "no answer in time: " + target.address()
                    + " did not answer within the deadline", null);
        }
        if (failure != null) {
            throw MongoErrors.classify(failure, null);
        }
    }

    @Override
    public synchronized MongoSource source() {
        return source;
    }

    @Override
    public List<Collector<MongoSource>> collectors() {
        return collectors;
    }

    private void closeClient() {
        if (client != null) {
            client.close();
        }
        client = null;
        source = null;
        server = null;
        watch = null;
    }

    @Override
    public synchronized void close() {
        closeClient();
    }
}
