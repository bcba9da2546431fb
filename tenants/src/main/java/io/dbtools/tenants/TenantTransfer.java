package io.dbtools.tenants;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tenant backup, restore and move with {@code pg_dump}/{@code pg_restore} (custom format). A
 * restore recreates the tenant's database owned by the tenant's role, locked down like a freshly
 * provisioned one; a move restores onto another server and then repoints the registry, leaving
 * the old database in place until an operator drops it.
 */
public final class TenantTransfer {

    private static final Logger log = LoggerFactory.getLogger(TenantTransfer.class);

    private final DbServer home;
    private final TenantRegistry registry;
    private final SecretBox secrets;
    private final Path binDir;

    /** @param binDir where pg_dump and pg_restore are, or null to use PATH */
    public TenantTransfer(DbServer home, TenantRegistry registry, SecretBox secrets, Path binDir) {
        this.home = home;
        this.registry = registry;
        this.secrets = secrets;
        this.binDir = binDir;
    }

    /** The server a tenant's database lives on now: the registry URL's host and port, with the home server's admin login. */
    DbServer serverOf(Tenant t) {
        DbServer parsed = DbServer.parse(t.dbUrl(), home.adminUser(), home.adminPassword());
        return parsed.host().equals(home.host()) && parsed.port() == home.port() ? home : parsed;
    }

    public void backup(Tenant t, Path file) throws IOException {
        DbServer server = serverOf(t);
        run(server, List.of(tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
                "--host=" + server.host(), "--port=" + server.port(), "--username=" + server.adminUser(),
                "--dbname=" + new Slug(t.slug()).databaseName(), "--file=" + file.toAbsolutePath()));
        log.info("tenant {} backed up to {} ({} bytes)", t.slug(), file, Files.size(file));
    }

    /** Replaces the tenant's database on {@code target} with the dump's content. */
    public void restore(Tenant t, Path file, DbServer target) throws IOException, SQLException {
        Slug slug = new Slug(t.slug());
        String db = Databases.quote(slug.databaseName());
        String role = Databases.quote(slug.roleName());
        String password = secrets.decrypt(t.dbPasswordEnc());
        try (Connection c = Databases.admin(target, DbServer.MAINTENANCE_DATABASE); Statement st = c.createStatement()) {
            boolean roleExists;
            try (var rs = st.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + slug.roleName() + "'")) {
                roleExists = rs.next();
            }
            st.execute((roleExists ? "ALTER ROLE " + role + " LOGIN" : "CREATE ROLE " + role + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE")
                    + " PASSWORD '" + password + "'");
            st.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            st.execute("CREATE DATABASE " + db + " OWNER " + role);
            st.execute("REVOKE ALL ON DATABASE " + db + " FROM PUBLIC");
        }
        try (Connection c = Databases.admin(target, slug.databaseName()); Statement st = c.createStatement()) {
            st.execute("ALTER SCHEMA public OWNER TO " + role);
            st.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC");
        }
        // --role: every restored object is created by, and so owned by, the tenant role
        run(target, List.of(tool("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error",
                "--role=" + slug.roleName(), "--host=" + target.host(), "--port=" + target.port(),
                "--username=" + target.adminUser(), "--dbname=" + slug.databaseName(), file.toAbsolutePath().toString()));
        log.info("tenant {} restored from {} onto {}", t.slug(), file, target);
    }

    /**
     * Copies the tenant to {@code target} and repoints the registry. The tenant is suspended while
     * it is copied, so nothing written to the old database is lost, and gets its status back after.
     */
    public Tenant move(Tenant t, DbServer target) throws IOException, SQLException {
        if (t.status() == Tenant.Status.DELETED || t.status() == Tenant.Status.PROVISIONING) {
            throw new IllegalStateException("tenant " + t.slug() + " is " + t.status().label() + " and cannot be moved");
        }
        Path dump = Files.createTempFile("dbtools-move-" + t.slug() + "-", ".dump");
        registry.setStatus(t.id(), Tenant.Status.SUSPENDED);
        try {
            backup(t, dump);
            restore(t, dump, target);
            registry.setDbUrl(t.id(), target.url(new Slug(t.slug()).databaseName()));
        } finally {
            registry.setStatus(t.id(), t.status());
            Files.deleteIfExists(dump);
        }
        log.info("tenant {} moved to {}; the old database on {} is kept until dropped by hand", t.slug(), target, serverOf(t));
        return registry.byId(t.id()).orElseThrow();
    }

    private String tool(String name) {
        if (binDir != null) {
            return binDir.resolve(name).toString();
        }
        return name;
    }

    private static void run(DbServer server, List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
        if (server.adminPassword() != null) {
            pb.environment().put("PGPASSWORD", server.adminPassword());
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IOException(command.get(0) + " not found: install the PostgreSQL client tools "
                    + "(apt-get install postgresql-client) or set DBTOOLS_PG_BIN", e);
        }
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(30, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish within 30 minutes");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(Path.of(command.get(0)).getFileName() + " failed (exit " + p.exitValue() + "): " + output.strip());
        }
    }
}
