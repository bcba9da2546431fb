package io.dbtools.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A real hot standby of the shared {@link TestPostgres} server, streaming from it: a non-exclusive base
 * backup (PostgreSQL 14's {@code pg_start_backup}/{@code pg_stop_backup}) copied file by file, started with
 * {@code standby.signal} and a {@code primary_conninfo}.
 */
public final class TestStandby {

    public static final String APPLICATION_NAME = "dbtools_standby";
    private static final Set<String> NOT_COPIED = Set.of("postmaster.pid", "postmaster.opts", "epg-lock");

    private TestStandby() {}

    /** Starts a standby; the caller closes it. */
    public static EmbeddedPostgres start() {
        EmbeddedPostgres primary = TestPostgres.get();
        try {
            Path primaryData = dataDirectory(primary);
            Path copy = Files.createTempDirectory("dbtools-standby-");
            try (Connection c = TestPostgres.superuser("postgres"); Statement st = c.createStatement()) {
                st.execute("SELECT pg_start_backup('dbtools-standby', true, false)");
                copyTree(primaryData, copy);
                try (ResultSet rs = st.executeQuery("SELECT labelfile FROM pg_stop_backup(false, true)")) {
                    rs.next();
                    Files.writeString(copy.resolve("backup_label"), rs.getString(1));
                }
            }
            Files.createFile(copy.resolve("standby.signal"));
            Files.writeString(copy.resolve("postgresql.auto.conf"), "primary_conninfo = 'host=127.0.0.1 port=" + primary.getPort()
                    + " user=postgres application_name=" + APPLICATION_NAME + "'\n");
            return EmbeddedPostgres.builder()
                    .setDataDirectory(copy)
                    .setCleanDataDirectory(false)
                    .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                    .setServerConfig("hot_standby", "on")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path dataDirectory(EmbeddedPostgres pg) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SHOW data_directory")) {
            rs.next();
            return Path.of(rs.getString(1));
        }
    }

    /** Copies a live data directory; files that vanish while copying (temporary ones) are skipped. */
    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path rel = from.relativize(p);
                if (rel.getNameCount() == 1 && NOT_COPIED.contains(rel.toString())) continue;
                Path target = to.resolve(rel.toString());
                try {
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                } catch (java.nio.file.NoSuchFileException vanished) {
                    // temporary statistics or WAL files removed during the copy: the backup does not need them
                }
            }
        }
    }
}
