package io.dbtools.policies;

import io.dbtools.plugin.Target;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * One plain JDBC connection to a PostgreSQL target for one policy run: policies run rarely and
 * write, so they keep no pool (the exporter's pools are read-only and sized for scrapes).
 */
final class PgConnector {

    private PgConnector() {}

    static Connection open(Target target, String database, Duration connectTimeout) throws SQLException {
        Properties p = new Properties();
        var creds = target.credentials();
        if (creds != null && creds.username() != null) p.setProperty("user", creds.username());
        String password = password(target);
        if (password != null) p.setProperty("password", password);
        if (creds != null && "kerberos".equals(creds.authType())) p.setProperty("gsslib", "gssapi");
        p.setProperty("ApplicationName", "dbtools-policies");
        long seconds = Math.max(1, (connectTimeout.toMillis() + 999) / 1000);
        p.setProperty("connectTimeout", String.valueOf(seconds));
        p.setProperty("loginTimeout", String.valueOf(seconds));
        Target.Tls tls = target.tls();
        if (tls != null) {
            p.setProperty("sslmode", tls.trustServerCertificate() && !"disable".equals(tls.mode()) ? "require" : tls.mode());
            if (tls.caFile() != null) p.setProperty("sslrootcert", tls.caFile());
            if (tls.certFile() != null) p.setProperty("sslcert", tls.certFile());
            if (tls.keyFile() != null) p.setProperty("sslkey", tls.keyFile());
        }
        return DriverManager.getConnection("jdbc:postgresql://" + target.host() + ":" + target.port() + "/" + database, p);
    }

    /** The target's password, resolved now; null when it has none. */
    static String password(Target target) {
        var creds = target.credentials();
        return creds == null || creds.password() == null ? null : creds.password().resolve();
    }

    /** An identifier quoted for SQL: "name" with embedded quotes doubled. */
    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** The server's major version (14, 15, 16 ...). */
    static int major(Connection c) throws SQLException {
        try (var st = c.createStatement(); var rs = st.executeQuery("SHOW server_version_num")) {
            rs.next();
            return Integer.parseInt(rs.getString(1)) / 10000;
        }
    }
}
