package io.dbtools.policies.testing;

import io.dbtools.plugin.CollectorSelection;
import io.dbtools.plugin.SecretRef;
import io.dbtools.plugin.Target;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipFile;

/**
 * Real PostgreSQL servers for the policy tests (zonky embedded): the shared one from zonky's default
 * binaries (PostgreSQL 14, which Debian's pg_dump 15 can dump), and others of a given major from the
 * binaries jar the build copied into {@code target/pg-binaries}. Each has a login role that owns
 * database {@code app} and may replicate, authenticated by SCRAM for real; only the test's superuser
 * keeps trust.
 */
public final class TestPg {

    public static final String USER = "dbtools_maint";
    public static final String PASSWORD = "maint-Pass-5q";
    private static EmbeddedPostgres shared;

    private TestPg() {}

    public static synchronized EmbeddedPostgres get() {
        if (shared == null) {
            shared = start(null);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> close(shared)));
        }
        return shared;
    }

    /** A server from the binaries of {@code major} (copied by the build), closed by the caller. */
    public static EmbeddedPostgres start(int major) {
        return start(binaries(major));
    }

    private static EmbeddedPostgres start(PgBinaryResolver binaries) {
        try {
            Path data = Files.createTempDirectory("dbtools-policies-pg-");
            var builder = EmbeddedPostgres.builder().setDataDirectory(data)
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setServerConfig("max_wal_senders", "4");
            if (binaries != null) builder.setPgBinaryResolver(binaries);
            EmbeddedPostgres pg = builder.start();
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                st.execute("CREATE ROLE " + USER + " LOGIN REPLICATION PASSWORD '" + PASSWORD + "'");
                st.execute("CREATE DATABASE app OWNER " + USER);
                Files.writeString(data.resolve("pg_hba.conf"), """
                        host all postgres 127.0.0.1/32 trust
                        host all postgres ::1/128 trust
                        host all all 127.0.0.1/32 scram-sha-256
                        host all all ::1/128 scram-sha-256
                        host replication all 127.0.0.1/32 scram-sha-256
                        host replication all ::1/128 scram-sha-256
                        local all all trust
                        """);
                st.execute("SELECT pg_reload_conf()");
            }
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void close(EmbeddedPostgres pg) {
        try {
            pg.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Connection superuser(EmbeddedPostgres pg, String database) throws SQLException {
        return pg.getDatabase("postgres", database).getConnection();
    }

    /** The owner role of database {@code app} on the shared server, over TCP with its password. */
    public static Target target() {
        return target(get(), "app", PASSWORD);
    }

    public static Target target(EmbeddedPostgres pg, String database, String password) {
        return new Target("pg-" + pg.getPort(), "acme", "pg-" + pg.getPort(), "postgres", "localhost", pg.getPort(), database,
                Target.Credentials.password(USER, SecretRef.literal(password)),
                new Target.Tls("disable", null, null, null, false), CollectorSelection.DEFAULTS, Map.of(), Map.of());
    }

    /** A target of another engine, for the paths that do not connect. */
    public static Target target(String engine, String database) {
        return new Target(engine + "-1", "acme", engine + "-1", engine, "localhost", 1, database,
                Target.Credentials.password("ops", SecretRef.literal("unused-Secret-9")), Target.Tls.PREFER,
                CollectorSelection.DEFAULTS, Map.of(), Map.of());
    }

    private static PgBinaryResolver binaries(int major) {
        String dir = System.getProperty("dbtools.pg.binaries");
        if (dir == null) throw new IllegalStateException("system property dbtools.pg.binaries is not set: run the tests through Maven");
        Path jar = Path.of(dir, "postgres-" + major + ".jar");
        if (!Files.isRegularFile(jar)) throw new IllegalStateException(jar + " is missing: the build copies it (maven-dependency-plugin)");
        return (system, architecture) -> {
            String name = ("postgres-" + system + "-" + architecture + ".txz").toLowerCase(Locale.ROOT);
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                var entry = zip.getEntry(name);
                if (entry == null) throw new IOException(jar + " has no " + name);
                try (var in = zip.getInputStream(entry)) {
                    return new ByteArrayInputStream(in.readAllBytes());
                }
            }
        };
    }
}
