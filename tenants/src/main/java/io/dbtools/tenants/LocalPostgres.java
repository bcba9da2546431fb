package io.dbtools.tenants;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The default database when DBTOOLS_DB_URL is not set: an embedded PostgreSQL (zonky) whose data
 * directory survives restarts, so tenants and tokens are still there next time.
 */
public final class LocalPostgres implements AutoCloseable {

    private final EmbeddedPostgres pg;

    private LocalPostgres(EmbeddedPostgres pg) {
        this.pg = pg;
    }

    /** @param port 0 for any free port */
    public static LocalPostgres start(Path dataDirectory, int port) {
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres.Builder b = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    // one small pool per tenant: room for a few hundred tenants' connections
                    .setServerConfig("max_connections", "300");
            if (port > 0) {
                b.setPort(port);
            }
            return new LocalPostgres(b.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    /** The superuser login zonky sets up (trust authentication on localhost). */
    public DbServer server() {
        return new DbServer("localhost", pg.getPort(), "postgres", null, "");
    }

    @Override
    public void close() {
        try {
            pg.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
