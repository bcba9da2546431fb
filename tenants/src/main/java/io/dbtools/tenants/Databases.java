package io.dbtools.tenants;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** Connections and pools to the system database, tenant databases and the maintenance database. */
public final class Databases {

    public static final String SYSTEM_DATABASE = "dbtools_system";

    private Databases() {}

    /** A small pool; {@code name} shows up in pool metrics and thread names, so it carries no secret. */
    public static HikariDataSource pool(String name, String url, String user, String password, int maxSize) {
        return pool(name, url, user, password, maxSize, null);
    }

    /** @param metricRegistry a Micrometer registry for pool metrics, or null (typed Object to keep Micrometer optional) */
    public static HikariDataSource pool(String name, String url, String user, String password, int maxSize, Object metricRegistry) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(maxSize);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(5_000);
        config.setIdleTimeout(120_000);
        config.setInitializationFailTimeout(-1);
        if (metricRegistry != null) {
            config.setMetricRegistry(metricRegistry);
        }
        return new HikariDataSource(config);
    }

    /** A one-off administrative connection (CREATE DATABASE cannot run inside a pool's transaction anyway). */
    public static Connection admin(DbServer server, String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", server.adminUser());
        if (server.adminPassword() != null) {
            p.setProperty("password", server.adminPassword());
        }
        p.setProperty("connectTimeout", "10");
        return DriverManager.getConnection(server.url(database), p);
    }

    /** Creates {@code dbtools_system} when missing and applies its migrations. */
    public static void ensureSystemDatabase(DbServer server) throws SQLException {
        try (Connection c = admin(server, DbServer.MAINTENANCE_DATABASE); Statement st = c.createStatement()) {
            boolean exists;
            try (var rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + SYSTEM_DATABASE + "'")) {
                exists = rs.next();
            }
            if (!exists) {
                st.execute("CREATE DATABASE " + SYSTEM_DATABASE);
            }
        }
    }

    /** Identifiers built from validated slugs only; quoting still guards against surprises. */
    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
