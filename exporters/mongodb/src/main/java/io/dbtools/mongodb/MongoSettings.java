package io.dbtools.mongodb;

import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCredential;
import com.mongodb.ReadPreference;
import com.mongodb.ServerAddress;
import com.mongodb.connection.ClusterConnectionMode;
import com.mongodb.event.ServerListener;
import io.dbtools.plugin.ConnectException;
import io.dbtools.plugin.FailureKind;
import io.dbtools.plugin.Target;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Driver settings for a target, shared by the session's client and the one-off connection test. */
final class MongoSettings {

    static final int DEFAULT_PORT = 27017;

    private MongoSettings() {}

    /**
     * @param connectTimeout how long finding the server and opening a socket may take (bounded by the deadline)
     * @param monitor told what the server monitor sees, so a refused connection is known at once instead of
     *     after the server selection timeout
     */
    static MongoClientSettings of(Target target, Duration connectTimeout, ServerListener monitor) throws ConnectException {
        int connectMs = (int) Math.max(100, connectTimeout.toMillis());
        // One member per target by default: each member is its own target, so a secondary is
        // monitored as itself rather than through the replica set's primary.
        boolean direct = Boolean.parseBoolean(target.option("direct_connection").orElse("true").strip());
        String replicaSet = target.option("replica_set").map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
        int port = target.port() > 0 ? target.port() : DEFAULT_PORT;
        MongoClientSettings.Builder b = MongoClientSettings.builder()
                .applicationName("dbtools-exporter")
                .applyToClusterSettings(c -> c.hosts(List.of(new ServerAddress(target.host(), port)))
                        .mode(direct ? ClusterConnectionMode.SINGLE : ClusterConnectionMode.MULTIPLE)
                        .requiredReplicaSetName(replicaSet)
                        .serverSelectionTimeout(connectMs, TimeUnit.MILLISECONDS))
                .applyToSocketSettings(s -> s.connectTimeout(connectMs, TimeUnit.MILLISECONDS))
                .applyToServerSettings(s -> s.addServerListener(monitor))
                .applyToConnectionPoolSettings(p -> p.maxSize(intOption(target, "pool_max_connections", 2))
                        .minSize(0)
                        .maxConnectionIdleTime(intOption(target, "pool_idle_timeout_seconds", 180), TimeUnit.SECONDS)
                        .maxConnectionLifeTime(30, TimeUnit.MINUTES)
                        .maxWaitTime(connectMs, TimeUnit.MILLISECONDS))
                // Secondaries answer monitoring reads; a scrape never retries, it reports and waits for the next.
                .readPreference(ReadPreference.primaryPreferred())
                .retryReads(false)
                .retryWrites(false);
        MongoCredential credential = credential(target);
        if (credential != null) b.credential(credential);
        MongoTls.apply(target, b);
        return b.build();
    }

    static MongoCredential credential(Target target) throws ConnectException {
        Target.Credentials creds = target.credentials();
        if (creds == null || creds.username() == null || "none".equals(creds.authType())) return null;
        String source = target.option("auth_source").map(String::strip).orElse("admin");
        String mechanism = target.option("auth_mechanism").map(s -> s.strip().toUpperCase(Locale.ROOT))
                .orElse("kerberos".equals(creds.authType()) ? "GSSAPI" : "DEFAULT");
        String user = creds.username();
        return switch (mechanism) {
            case "DEFAULT" -> MongoCredential.createCredential(user, source, password(creds));
            case "SCRAM-SHA-256" -> MongoCredential.createScramSha256Credential(user, source, password(creds));
            case "SCRAM-SHA-1" -> MongoCredential.createScramSha1Credential(user, source, password(creds));
            case "PLAIN" -> MongoCredential.createPlainCredential(user, "$external", password(creds));
            case "GSSAPI" -> MongoCredential.createGSSAPICredential(user);
            case "MONGODB-X509" -> MongoCredential.createMongoX509Credential(user);
            default -> throw new ConnectException(FailureKind.CONFIGURATION, "option auth_mechanism: '" + mechanism
                    + "' is not one of SCRAM-SHA-256, SCRAM-SHA-1, PLAIN, GSSAPI, MONGODB-X509", null);
        };
    }

    private static char[] password(Target.Credentials creds) throws ConnectException {
        if (creds.password() == null) {
            throw new ConnectException(FailureKind.CONFIGURATION, "credentials: user " + creds.username() + " has no password", null);
        }
        try {
            return creds.password().resolve().toCharArray();
        } catch (RuntimeException e) {
            // SecretRef messages name the variable or file, never the value.
            throw new ConnectException(FailureKind.CONFIGURATION, "credentials: " + e.getMessage(), null);
        }
    }

    private static int intOption(Target target, String key, int fallback) {
        return target.intOption(key, fallback);
    }
}
