package io.dbtools.postgres;

import io.dbtools.exporter.testing.Targets;
import io.dbtools.plugin.CollectorSelection;
import io.dbtools.plugin.SecretRef;
import io.dbtools.plugin.Target;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * A real PostgreSQL for the tests, embedded from Maven (zonky), started once per test JVM, with a
 * monitoring role that has exactly the grants DbTools documents ({@code pg_monitor}), pg_stat_statements
 * loaded, WAL archiving on (to a no-op command, so {@code pg_stat_archiver} moves) and replication
 * connections allowed for the superuser (so tests can stream WAL like a standby).
 */
public final class TestPostgres {

    public static final String MONITOR_USER = "dbtools_monitor";
    public static final String MONITOR_PASSWORD = "monitor-pass-7x";
    private static EmbeddedPostgres pg;

    private TestPostgres() {}

    /** The shared server: the zonky default binaries (PostgreSQL 14). */
    public static synchronized EmbeddedPostgres get() {
        if (pg == null) {
            pg = start(null);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
        }
        return pg;
    }

    /**
     * Starts and prepares a server: from the given binaries, or zonky's default ones when null. The caller
     * closes it (except the shared one from {@link #get()}).
     */
    public static EmbeddedPostgres start(PgBinaryResolver binaries) {
        try {
            Path data = Files.createTempDirectory("dbtools-pg-");
            var builder = EmbeddedPostgres.builder()
                    .setDataDirectory(data)
                    .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                    .setServerConfig("track_io_timing", "on")
                    .setServerConfig("archive_mode", "on")
                    .setServerConfig("archive_command", "true")
                    .setServerConfig("max_wal_senders", "5")
                    // PostgreSQL 12 and 13 still store md5 by default; pg_hba below asks for SCRAM.
                    .setServerConfig("password_encryption", "scram-sha-256");
            if (binaries != null) builder.setPgBinaryResolver(binaries);
            EmbeddedPostgres server = builder.start();
            try (Connection c = server.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                st.execute("CREATE ROLE " + MONITOR_USER + " LOGIN PASSWORD '" + MONITOR_PASSWORD + "'");
                st.execute("GRANT pg_monitor TO " + MONITOR_USER);
                st.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
                st.execute("CREATE DATABASE app");
                // Password checks are real: only the superuser the tests use keeps trust auth.
                Files.writeString(data.resolve("pg_hba.conf"), """
                        host all postgres 127.0.0.1/32 trust
                        host all postgres ::1/128 trust
                        host replication postgres 127.0.0.1/32 trust
                        host replication postgres ::1/128 trust
                        host all all 127.0.0.1/32 scram-sha-256
                        host all all ::1/128 scram-sha-256
                        local all all trust
                        """);
                st.execute("SELECT pg_reload_conf()");
            }
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Connection superuser(String database) throws SQLException {
        return get().getDatabase("postgres", database).getConnection();
    }

    /** A target for the monitoring role on database {@code postgres}. */
    public static Target target(String name) {
        return target(name, get().getPort(), CollectorSelection.DEFAULTS, Map.of());
    }

    /** A target for the monitoring role on database {@code postgres} of the server on {@code port}. */
    public static Target target(String name, int port, CollectorSelection collectors, Map<String, String> options) {
        Target base = Targets.of(name, "postgres", "localhost", port, "postgres", MONITOR_USER, MONITOR_PASSWORD);
        return new Target(base.name(), base.tenant(), base.server(), base.engine(), base.host(), base.port(), base.database(),
                Target.Credentials.password(MONITOR_USER, SecretRef.literal(MONITOR_PASSWORD)), base.tls(), collectors,
                options, base.labels());
    }
}
