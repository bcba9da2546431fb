package io.dbtools.mssql;

import io.dbtools.plugin.Target;
import java.time.Duration;
import java.util.Properties;

/** JDBC URL and driver properties for a target, shared by the pool and the one-off connection test. */
final class MsConnections {

    private MsConnections() {}

    /**
     * With option {@code instance} the port is left out, so the driver asks the SQL Browser (UDP 1434)
     * for the named instance's port, as SSMS does.
     */
    static String url(Target target) {
        String instance = target.option("instance").orElse(null);
        return instance == null
                ? "jdbc:sqlserver://" + target.host() + ":" + target.port()
                : "jdbc:sqlserver://" + target.host();
    }

    static Properties properties(Target target, Duration connectTimeout) {
        Properties p = new Properties();
        target.option("instance").ifPresent(i -> p.setProperty("instanceName", i));
        p.setProperty("databaseName", target.database() == null || target.database().isBlank() ? "master" : target.database());
        p.setProperty("applicationName", "dbtools-exporter");
        p.setProperty("loginTimeout", String.valueOf(Math.max(1, (connectTimeout.toMillis() + 999) / 1000)));
        // A backstop for a server that stops answering mid-query; query timeouts come first.
        p.setProperty("socketTimeout", String.valueOf(target.intOption("socket_timeout_seconds", 60) * 1000));
        // Idle-connection resiliency would retry a broken login silently and overrun the deadline.
        p.setProperty("connectRetryCount", "0");
        auth(target, p);
        tls(target, p);
        return p;
    }

    private static void auth(Target target, Properties p) {
        var creds = target.credentials();
        String authType = creds == null || creds.authType() == null ? "password" : creds.authType();
        if ("kerberos".equals(authType)) {
            // Windows authentication from a non-Windows host: the JVM's Kerberos ticket (or keytab via jaas.conf).
            p.setProperty("integratedSecurity", "true");
            p.setProperty("authenticationScheme", "JavaKerberos");
        }
        // Entra ID (Azure AD) logins, e.g. authentication=ActiveDirectoryPassword; SQL logins need nothing.
        target.option("authentication").ifPresent(a -> p.setProperty("authentication", a));
        if (creds != null && creds.username() != null) p.setProperty("user", creds.username());
        if (creds != null && creds.password() != null) p.setProperty("password", creds.password().resolve());
    }

    /**
     * Explicit, never left to the driver's default: disable → no encryption; prefer/require → encrypted without
     * verifying the certificate (as libpq's require); verify-ca/verify-full → encrypted and verified, unless the
     * target sets trustServerCertificate. TDS 8.0 {@code strict} (SQL Server 2022+, Azure) is opt-in with option
     * {@code encrypt=strict} because older servers refuse it.
     */
    private static void tls(Target target, Properties p) {
        Target.Tls tls = target.tls() == null ? Target.Tls.PREFER : target.tls();
        String mode = tls.mode() == null ? "prefer" : tls.mode();
        String encrypt = target.option("encrypt").orElse("disable".equals(mode) ? "false" : "true");
        p.setProperty("encrypt", encrypt);
        boolean trust = tls.trustServerCertificate() || "prefer".equals(mode) || "require".equals(mode);
        p.setProperty("trustServerCertificate", String.valueOf(!"false".equals(encrypt) && trust));
        // The driver verifies against a Java trust store (JKS or PKCS12), not a PEM file.
        if (tls.caFile() != null) p.setProperty("trustStore", tls.caFile());
        target.option("host_name_in_certificate").ifPresent(h -> p.setProperty("hostNameInCertificate", h));
    }
}
