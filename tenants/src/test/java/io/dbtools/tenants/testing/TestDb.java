package io.dbtools.tenants.testing;

import io.dbtools.tenants.DbServer;
import io.dbtools.tenants.Databases;
import io.dbtools.tenants.LocalPostgres;
import io.dbtools.tenants.Platform;
import io.dbtools.tenants.SecretBox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;

/** One embedded PostgreSQL and one migrated system database per test JVM; tests make their own tenants. */
public final class TestDb {

    private static Platform platform;
    private static final AtomicInteger counter = new AtomicInteger();
    public static final byte[] KEY = new byte[32];

    static {
        new SecureRandom().nextBytes(KEY);
    }

    private TestDb() {}

    public static synchronized Platform platform() {
        if (platform == null) {
            try {
                var data = Files.createTempDirectory("dbtools-api-pg-");
                LocalPostgres local = LocalPostgres.start(data, 0);
                // Passwords are checked for real: only the superuser the tests administer with keeps trust.
                Files.writeString(data.resolve("pg_hba.conf"), """
                        host all postgres 127.0.0.1/32 trust
                        host all postgres ::1/128 trust
                        host all all 127.0.0.1/32 scram-sha-256
                        host all all ::1/128 scram-sha-256
                        local all all trust
                        """);
                try (Connection c = Databases.admin(local.server(), "postgres"); Statement st = c.createStatement()) {
                    st.execute("SELECT pg_reload_conf()");
                }
                platform = Platform.open(local, local.server(), new SecretBox(KEY, new SecureRandom()), Clock.systemUTC());
                Runtime.getRuntime().addShutdownHook(new Thread(platform::close));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return platform;
    }

    public static DbServer server() {
        return platform().server();
    }

    /** A slug no other test in this JVM uses. */
    public static String uniqueSlug(String prefix) {
        return prefix + "-" + ProcessHandle.current().pid() % 1000 + "-" + counter.incrementAndGet();
    }

    public static Connection superuser(String database) throws SQLException {
        return Databases.admin(server(), database);
    }

    public static boolean exists(String sql) throws SQLException {
        try (Connection c = superuser(DbServer.MAINTENANCE_DATABASE); Statement st = c.createStatement();
             var rs = st.executeQuery(sql)) {
            return rs.next();
        }
    }
}
