package io.dbtools.snowflake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.plugin.CollectorSelection;
import io.dbtools.plugin.SecretRef;
import io.dbtools.plugin.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SfConnectionsTest {

    static Target target(String host, Target.Credentials creds, Map<String, String> options) {
        return new Target("t", "acme", "t", "snowflake", host, 443, null, creds, null, CollectorSelection.DEFAULTS, options, Map.of());
    }

    @Test
    void the_account_option_becomes_the_snowflakecomputing_host_when_no_host_is_given() {
        var t = target(null, Target.Credentials.password("mon", SecretRef.literal("pw")), Map.of("account", "MyOrg-Prod"));
        assertEquals("jdbc:snowflake://myorg-prod.snowflakecomputing.com:443", SfConnections.url(t));
    }

    @Test
    void role_defaults_to_the_monitoring_role_and_warehouse_and_database_come_from_options() {
        var t = target("acme.snowflakecomputing.com", Target.Credentials.password("mon", SecretRef.literal("pw")),
                Map.of("warehouse", "MONITOR_WH", "database", "ANALYTICS"));
        var p = SfConnections.properties(t, Duration.ofSeconds(7));
        assertEquals(SfConnections.DEFAULT_ROLE, p.getProperty("role"));
        assertEquals("MONITOR_WH", p.getProperty("warehouse"));
        assertEquals("ANALYTICS", p.getProperty("db"));
        assertEquals("7", p.getProperty("loginTimeout"));
        assertEquals("2", SfConnections.properties(t, Duration.ofMillis(2900)).getProperty("loginTimeout"), "rounded down, never past the deadline");
        assertEquals("pw", p.getProperty("password"));
    }

    @Test
    void key_pair_auth_hands_the_driver_a_parsed_private_key_read_from_a_file_and_no_password(@TempDir Path dir) throws Exception {
        var g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        var pair = g.generateKeyPair();
        Path file = dir.resolve("rsa_key.p8");
        Files.writeString(file, PrivateKeysTest.pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        var creds = new Target.Credentials("key_pair", "mon", null, SecretRef.parse("file:" + file));
        var p = SfConnections.properties(target("acme.snowflakecomputing.com", creds, Map.of("role", "OPS_MONITOR")), Duration.ofSeconds(5));
        var key = assertInstanceOf(PrivateKey.class, p.get("privateKey"));
        assertEquals(pair.getPrivate(), key);
        assertEquals("SNOWFLAKE_JWT", p.getProperty("authenticator"));
        assertEquals("OPS_MONITOR", p.getProperty("role"));
        assertNull(p.getProperty("password"));
    }

    @Test
    void key_pair_auth_without_a_key_names_the_missing_field() {
        var creds = new Target.Credentials("key_pair", "mon", null, null);
        var e = assertThrows(IllegalArgumentException.class,
                () -> SfConnections.properties(target("h", creds, Map.of()), Duration.ofSeconds(5)));
        assertTrue(e.getMessage().contains("credentials.privateKey"), e.getMessage());
    }
}
