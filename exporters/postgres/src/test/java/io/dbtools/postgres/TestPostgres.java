package io.dbtools.postgres;

import io.dbtools.exporter.testing.Targets;
import io.dbtools.plugin.Target;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL for the tests, embedded from Maven (zonky), started once per test JVM, with a
 * monitoring role that has exactly the grants DbTools documents ({@code pg_monitor}).
 */
public final class TestPostgres {

    public static final String MONITOR_USER = "dbtools_monitor";
    public static final String MONITOR_PASSWORD = "monitor-pass-7x";
    private static EmbeddedPostgres pg;

    private TestPostgres() {}

    public static synchronized EmbeddedPostgres get() {
        if (pg == null) {
            try {
                java.nio.file.Path data = java.nio.file.Files.createTempDirectory("dbtools-pg-");
                pg = EmbeddedPostgres.builder()
                        .setDataDirectory(data)
                        .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                        .setServerConfig("track_io_timing", "on")
                        .start();
                try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                    st.execute("CREATE ROLE " + MONITOR_USER + " LOGIN PASSWORD '" + MONITOR_PASSWORD + "'");
                    st.execute("GRANT pg_monitor TO " + MONITOR_USER);
                    st.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
                    st.execute("CREATE DATABASE app");
                    // Password checks are real: only the superuser the tests use keeps trust auth.
                    java.nio.file.Files.writeString(data.resolve("pg_hba.conf"), """
                            host all postgres 127.0.0.1/32 trust
                            host all postgres ::1/128 trust
                            host all all 127.0.0.1/32 scram-sha-256
                            host all all ::1/128 scram-sha-256
                            local all all trust
                            """);
                    st.execute("SELECT pg_reload_conf()");
                }
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        pg.close();
                    } catch (IOException ignored) {
                        // the JVM is going away
                    }
                }));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        return pg;
    }

    public static Connection superuser(String database) throws SQLException {
        return get().getDatabase("postgres", database).getConnection();
    }

    /** A target for the monitoring role on database {@code postgres}. */
    public static Target target(String name) {
        return Targets.of(name, "postgres", "localhost", get().getPort(), "postgres", MONITOR_USER, MONITOR_PASSWORD);
    }
}
