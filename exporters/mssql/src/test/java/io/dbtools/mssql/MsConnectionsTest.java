package io.dbtools.mssql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.dbtools.plugin.CollectorSelection;
import io.dbtools.plugin.SecretRef;
import io.dbtools.plugin.Target;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MsConnectionsTest {

    private static Target target(Target.Credentials creds, Target.Tls tls, Map<String, String> options) {
        return new Target("sql1", "acme", "sql1", "mssql", "db1.example.com", 1433, null, creds, tls,
                CollectorSelection.DEFAULTS, options, Map.of());
    }

    private static Properties props(Target t) {
        return MsConnections.properties(t, Duration.ofMillis(2500));
    }

    private static final Target.Credentials SQL_LOGIN = Target.Credentials.password("monitor", SecretRef.literal("s3cret"));

    @Test
    void a_sql_login_sends_user_and_password_with_a_login_timeout_rounded_up_to_seconds() {
        var p = props(target(SQL_LOGIN, Target.Tls.PREFER, Map.of()));
        assertEquals("monitor", p.getProperty("user"));
        assertEquals("s3cret", p.getProperty("password"));
        assertEquals("3", p.getProperty("loginTimeout"));
        assertEquals("master", p.getProperty("databaseName"));
        assertEquals("0", p.getProperty("connectRetryCount"));
        assertNull(p.getProperty("integratedSecurity"));
        assertEquals("jdbc:sqlserver://db1.example.com:1433", MsConnections.url(target(SQL_LOGIN, Target.Tls.PREFER, Map.of())));
    }

    @Test
    void kerberos_targets_use_integrated_security_with_the_java_kerberos_scheme() {
        var p = props(target(new Target.Credentials("kerberos", null, null, null), Target.Tls.PREFER, Map.of()));
        assertEquals("true", p.getProperty("integratedSecurity"));
        assertEquals("JavaKerberos", p.getProperty("authenticationScheme"));
        assertNull(p.getProperty("password"));
    }

    @Test
    void entra_id_password_authentication_is_chosen_by_option() {
        var p = props(target(SQL_LOGIN, Target.Tls.PREFER, Map.of("authentication", "ActiveDirectoryPassword")));
        assertEquals("ActiveDirectoryPassword", p.getProperty("authentication"));
        assertEquals("monitor", p.getProperty("user"));
    }

    @Test
    void a_named_instance_is_resolved_through_the_browser_so_the_port_is_left_out() {
        var t = target(SQL_LOGIN, Target.Tls.PREFER, Map.of("instance", "SALES"));
        assertEquals("jdbc:sqlserver://db1.example.com", MsConnections.url(t));
        assertEquals("SALES", props(t).getProperty("instanceName"));
    }

    @Test
    void tls_mode_maps_to_explicit_encrypt_and_trust_settings() {
        var disable = props(target(SQL_LOGIN, new Target.Tls("disable", null, null, null, false), Map.of()));
        assertEquals("false", disable.getProperty("encrypt"));
        assertEquals("false", disable.getProperty("trustServerCertificate"));

        var require = props(target(SQL_LOGIN, new Target.Tls("require", null, null, null, false), Map.of()));
        assertEquals("true", require.getProperty("encrypt"));
        assertEquals("true", require.getProperty("trustServerCertificate"));

        var verify = props(target(SQL_LOGIN, new Target.Tls("verify-full", "/etc/dbtools/ca.p12", null, null, false), Map.of()));
        assertEquals("true", verify.getProperty("encrypt"));
        assertEquals("false", verify.getProperty("trustServerCertificate"));
        assertEquals("/etc/dbtools/ca.p12", verify.getProperty("trustStore"));

        var trusted = props(target(SQL_LOGIN, new Target.Tls("verify-full", null, null, null, true), Map.of()));
        assertEquals("true", trusted.getProperty("trustServerCertificate"));

        var strict = props(target(SQL_LOGIN, new Target.Tls("verify-full", null, null, null, false), Map.of("encrypt", "strict")));
        assertEquals("strict", strict.getProperty("encrypt"));
        assertFalse(Boolean.parseBoolean(strict.getProperty("trustServerCertificate")));
    }
}
