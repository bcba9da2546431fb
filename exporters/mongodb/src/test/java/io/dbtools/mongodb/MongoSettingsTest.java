package io.dbtools.mongodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mongodb.AuthenticationMechanism;
import com.mongodb.MongoClientSettings;
import com.mongodb.connection.ClusterConnectionMode;
import io.dbtools.exporter.testing.Targets;
import io.dbtools.plugin.ConnectException;
import io.dbtools.plugin.FailureKind;
import io.dbtools.plugin.SecretRef;
import io.dbtools.plugin.Target;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Target settings → driver settings. */
class MongoSettingsTest {

    private static Target target(Map<String, String> options, Target.Credentials credentials, Target.Tls tls) {
        Target t = Targets.of("t", "mongodb", "db1.example.net", 27018, null, "u", "p");
        return new Target(t.name(), t.tenant(), t.server(), t.engine(), t.host(), t.port(), null, credentials, tls,
                t.collectors(), options, t.labels());
    }

    private static MongoClientSettings settings(Target target) throws ConnectException {
        return MongoSettings.of(target, Duration.ofMillis(1500), new ServerWatch());
    }

    @Test
    void by_default_one_member_is_monitored_directly_with_a_small_pool_bounded_by_the_connect_timeout() throws Exception {
        var s = settings(target(Map.of(), Target.Credentials.password("dbtools", SecretRef.literal("pw")), Target.Tls.PREFER));
        assertEquals(ClusterConnectionMode.SINGLE, s.getClusterSettings().getMode());
        assertEquals("db1.example.net:27018", s.getClusterSettings().getHosts().get(0).toString());
        assertEquals(1500, s.getClusterSettings().getServerSelectionTimeout(TimeUnit.MILLISECONDS));
        assertEquals(1500, s.getSocketSettings().getConnectTimeout(TimeUnit.MILLISECONDS));
        assertEquals(2, s.getConnectionPoolSettings().getMaxSize());
        assertEquals("admin", s.getCredential().getSource());
        assertNull(s.getCredential().getAuthenticationMechanism(), "negotiated with the server");
        assertFalse(s.getSslSettings().isEnabled(), "prefer has no opportunistic TLS in MongoDB");
        assertFalse(s.getRetryReads());
    }

    @Test
    void replica_set_discovery_auth_source_and_mechanism_come_from_options() throws Exception {
        var s = settings(target(Map.of("direct_connection", "false", "replica_set", "rs0", "auth_source", "monitoring",
                "auth_mechanism", "scram-sha-256", "pool_max_connections", "3"),
                Target.Credentials.password("dbtools", SecretRef.literal("pw")), new Target.Tls("verify-full", null, null, null, false)));
        assertEquals(ClusterConnectionMode.MULTIPLE, s.getClusterSettings().getMode());
        assertEquals("rs0", s.getClusterSettings().getRequiredReplicaSetName());
        assertEquals("monitoring", s.getCredential().getSource());
        assertEquals(AuthenticationMechanism.SCRAM_SHA_256, s.getCredential().getAuthenticationMechanism());
        assertEquals(3, s.getConnectionPoolSettings().getMaxSize());
        assertTrue(s.getSslSettings().isEnabled());
        assertFalse(s.getSslSettings().isInvalidHostNameAllowed());
    }

    @Test
    void auth_none_sends_no_credential() throws Exception {
        assertNull(settings(target(Map.of(), new Target.Credentials("none", null, null, null), Target.Tls.PREFER)).getCredential());
    }

    @Test
    void an_unset_password_variable_is_a_configuration_failure_naming_the_variable() {
        var e = assertThrows(ConnectException.class, () -> settings(target(Map.of(),
                Target.Credentials.password("dbtools", SecretRef.parse("env:DBTOOLS_TEST_UNSET_MONGO_PW")), Target.Tls.PREFER)));
        assertEquals(FailureKind.CONFIGURATION, e.kind());
        assertTrue(e.getMessage().contains("DBTOOLS_TEST_UNSET_MONGO_PW"), e.getMessage());
    }
}
