package io.dbtools.mongodb;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.dbtools.exporter.testing.Targets;
import io.dbtools.plugin.CollectorSelection;
import io.dbtools.plugin.Target;
import java.net.InetSocketAddress;
import java.util.Map;

/**
 * A real MongoDB wire-protocol server for the tests (mongo-java-server, in memory), started once per
 * test JVM on an ephemeral port. It answers the handshake, ping, buildInfo, isMaster, serverStatus
 * (in part), listDatabases, dbStats and connectionStatus; it does not answer hello, replSetGetStatus
 * or $currentOp, and it has no authentication.
 */
public final class TestMongo {

    private static MongoServer server;
    private static InetSocketAddress address;

    private TestMongo() {}

    public static synchronized InetSocketAddress address() {
        if (server == null) {
            server = new MongoServer(new MemoryBackend().version(ServerVersion.MONGO_5_0));
            server.bind("127.0.0.1", 0);
            address = server.getLocalAddress();
            Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
        }
        return address;
    }

    /** A target without credentials: the peer has no access control. */
    public static Target target(String name) {
        return target(name, Map.of());
    }

    public static Target target(String name, Map<String, String> options) {
        Target t = Targets.of(name, "mongodb", "127.0.0.1", address().getPort(), null, null, null);
        return new Target(t.name(), t.tenant(), t.server(), t.engine(), t.host(), t.port(), null,
                new Target.Credentials("none", null, null, null), t.tls(), CollectorSelection.DEFAULTS, options, Map.of());
    }

    public static String connectionString() {
        return "mongodb://127.0.0.1:" + address().getPort();
    }
}
