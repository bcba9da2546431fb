package io.dbtools.postgres;

import io.dbtools.plugin.Target;
import java.time.Duration;
import java.util.Properties;

/** JDBC URL and driver properties for a target, shared by the pool and the one-off connection test. */
final class PgConnections {

    private PgConnections() {}

    static String url(Target target) {
        return url(target, database(target));
    }

    static String url(Target target, String database) {
        return "jdbc:postgresql://" + target.host() + ":" + target.port() + "/" + database;
    }

    /** The database the target connects to: {@code postgres} unless it names one. */
    static String database(Target target) {
        return target.database() == null || target.database().isBlank() ? "postgres" : target.database();
    }

    /**
     * Further databases for the per-database collectors: option {@code databases}, comma-separated, without
     * the connected database and repeats.
     */
    static java.util.List<String> otherDatabases(Target target) {
        String main = database(target);
        return java.util.Arrays.stream(target.option("databases").orElse("").split(","))
                .map(String::strip).filter(d -> !d.isEmpty() && !d.equals(main)).distinct().toList();
    }

    /**
     * @param connectTimeout how long the TCP connect and login may take
     */
    static Properties properties(Target target, Duration connectTimeout) {
        Properties p = new Properties();
        var creds = target.credentials();
        if (creds.username() != null) p.setProperty("user", creds.username());
        if (creds.password() != null) p.setProperty("password", creds.password().resolve());
        if ("kerberos".equals(creds.authType())) p.setProperty("gsslib", "gssapi");
        p.setProperty("ApplicationName", "dbtools-exporter");
        // Collectors' SQL is server-prepared after this many runs per connection; 0 turns that off
        // (needed behind PgBouncer in transaction pooling mode before 1.21).
        p.setProperty("prepareThreshold", target.option("prepare_threshold").orElse("5"));
        p.setProperty("connectTimeout", String.valueOf(Math.max(1, (connectTimeout.toMillis() + 999) / 1000)));
        p.setProperty("loginTimeout", String.valueOf(Math.max(1, (connectTimeout.toMillis() + 999) / 1000)));
        // A backstop for a server that stops answering mid-query; query timeouts come first.
        p.setProperty("socketTimeout", target.option("socket_timeout_seconds").orElse("60"));
        // Monitoring must never queue behind DDL: give up on a catalog lock after a second.
        p.setProperty("options", "-c lock_timeout=" + target.option("lock_timeout_ms").orElse("1000")
                + " -c statement_timeout=" + target.option("statement_timeout_ms").orElse("30000"));
        Target.Tls tls = target.tls();
        if (tls != null) {
            p.setProperty("sslmode", tls.trustServerCertificate() && !"disable".equals(tls.mode()) ? "require" : tls.mode());
            if (tls.caFile() != null) p.setProperty("sslrootcert", tls.caFile());
            if (tls.certFile() != null) p.setProperty("sslcert", tls.certFile());
            if (tls.keyFile() != null) p.setProperty("sslkey", tls.keyFile());
        }
        return p;
    }
}
