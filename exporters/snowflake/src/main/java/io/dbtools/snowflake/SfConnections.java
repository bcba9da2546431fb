package io.dbtools.snowflake;

import io.dbtools.plugin.SecretRef;
import io.dbtools.plugin.Target;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;

/** JDBC URL and driver properties for a target, shared by the session and the one-off connection test. */
final class SfConnections {

    /** A role holding IMPORTED PRIVILEGES on the SNOWFLAKE database; docs/metrics/snowflake.md creates it. */
    static final String DEFAULT_ROLE = "DBTOOLS_MONITOR";

    private SfConnections() {}

    /** {@code host} wins; otherwise option {@code account} (e.g. {@code myorg-myaccount}) names the account. */
    static String host(Target target) {
        if (target.host() != null && !target.host().isBlank()) {
            return target.host();
        }
        String account = target.option("account")
                .orElseThrow(() -> new IllegalArgumentException("set host (<account>.snowflakecomputing.com) or option account"));
        return account.toLowerCase(Locale.ROOT) + ".snowflakecomputing.com";
    }

    static String url(Target target) {
        int port = target.port() > 0 ? target.port() : 443;
        return "jdbc:snowflake://" + host(target) + ":" + port;
    }

    static Properties properties(Target target, Duration connectTimeout) {
        Properties p = new Properties();
        var creds = target.credentials();
        if (creds == null || creds.username() == null) {
            throw new IllegalArgumentException("credentials.username is required for Snowflake");
        }
        p.setProperty("user", creds.username());
        if ("key_pair".equals(creds.authType())) {
            if (creds.privateKey() == null) {
                throw new IllegalArgumentException("credentials.privateKey is required for authType key_pair");
            }
            char[] passphrase = target.option("private_key_passphrase")
                    .map(ref -> resolve(SecretRef.parse(ref), "options.private_key_passphrase").toCharArray()).orElse(null);
            // The driver takes the parsed key object, so the PEM never has to sit in a file the driver reads.
            p.put("privateKey", PrivateKeys.parse(resolve(creds.privateKey(), "credentials.privateKey"), passphrase));
            p.setProperty("authenticator", "SNOWFLAKE_JWT");
        } else {
            if (creds.password() == null) {
                throw new IllegalArgumentException("credentials.password is required for authType password");
            }
            p.setProperty("password", resolve(creds.password(), "credentials.password"));
        }
        // The driver otherwise takes the account from the host's first label, wrong for private-link hosts.
        target.option("account").ifPresent(a -> p.setProperty("account", a));
        p.setProperty("role", target.option("role").orElse(DEFAULT_ROLE));
        target.option("warehouse").ifPresent(w -> p.setProperty("warehouse", w));
        String db = target.option("database").orElse(target.database());
        if (db != null && !db.isBlank()) p.setProperty("db", db);
        long seconds = Math.max(1, connectTimeout.toSeconds()); // never past the caller's deadline
        p.setProperty("loginTimeout", String.valueOf(seconds));
        // A backstop for a socket that stops answering; query timeouts from the deadline come first.
        p.setProperty("networkTimeout", String.valueOf(1000L * target.intOption("network_timeout_seconds", 60)));
        // JSON results avoid the driver's Arrow path, which needs --add-opens on Java 17+.
        p.setProperty("JDBC_QUERY_RESULT_FORMAT", "JSON");
        // The account usage views are read in UTC; timestamps are converted to epoch seconds in SQL anyway.
        p.setProperty("TIMEZONE", "UTC");
        p.setProperty("CLIENT_SESSION_KEEP_ALIVE", "true");
        return p;
    }

    /** An unset variable or unreadable file is the target's configuration problem; the message names the field. */
    private static String resolve(SecretRef ref, String field) {
        try {
            return ref.resolve();
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException(field + ": " + e.getMessage());
        }
    }
}
