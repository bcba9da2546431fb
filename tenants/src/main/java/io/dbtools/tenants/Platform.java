package io.dbtools.tenants;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every DbTools command that touches tenants needs, read from the environment:
 * the PostgreSQL server (DBTOOLS_DB_URL/_USER/_PASSWORD, or an embedded one under
 * DBTOOLS_DATA_DIR), the migrated system database, the secret key and the tenant registry.
 */
public final class Platform implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Platform.class);

    /** The embedded PostgreSQL's port unless DBTOOLS_PG_PORT says otherwise. */
    public static final String DEFAULT_LOCAL_PORT = "54320";

    private final LocalPostgres local;
    private final DbServer server;
    private final HikariDataSource system;
    private final SecretBox secrets;
    private final TenantRegistry registry;

    public Platform(LocalPostgres local, DbServer server, HikariDataSource system, SecretBox secrets, Clock clock) {
        this.local = local;
        this.server = server;
        this.system = system;
        this.secrets = secrets;
        this.registry = new TenantRegistry(system, clock);
    }

    public static Platform fromEnvironment(Map<String, String> env, Clock clock) throws SQLException {
        return fromEnvironment(env, clock, null);
    }

    /** @param metricRegistry a Micrometer registry for the system pool's metrics, or null */
    public static Platform fromEnvironment(Map<String, String> env, Clock clock, Object metricRegistry) throws SQLException {
        SecureRandom random = new SecureRandom();
        Path dataDir = Path.of(env.getOrDefault("DBTOOLS_DATA_DIR", ".dbtools-data"));
        LocalPostgres local = null;
        DbServer server;
        String url = env.get("DBTOOLS_DB_URL");
        if (url != null && !url.isBlank()) {
            server = DbServer.parse(url, env.getOrDefault("DBTOOLS_DB_USER", "postgres"), env.get("DBTOOLS_DB_PASSWORD"));
        } else {
            // A fixed port: the registry stores each tenant database's URL, which must still work after a restart.
            local = LocalPostgres.start(dataDir.resolve("pg"), Integer.parseInt(env.getOrDefault("DBTOOLS_PG_PORT", DEFAULT_LOCAL_PORT)));
            server = local.server();
            log.info("using the embedded PostgreSQL in {} on port {}", dataDir.resolve("pg"), server.port());
        }
        Path keyFile = Path.of(env.getOrDefault("DBTOOLS_SECRET_KEY_FILE", dataDir.resolve("secret.key").toString()));
        SecretKeys.Loaded key = SecretKeys.load(env.get("DBTOOLS_SECRET_KEY"), keyFile, random);
        log.info("secret key from {}", key.source());
        return open(local, server, new SecretBox(key.key(), random), clock, metricRegistry);
    }

    /** Creates and migrates dbtools_system when needed, then opens its pool. */
    public static Platform open(LocalPostgres local, DbServer server, SecretBox secrets, Clock clock) throws SQLException {
        return open(local, server, secrets, clock, null);
    }

    public static Platform open(LocalPostgres local, DbServer server, SecretBox secrets, Clock clock, Object metricRegistry)
            throws SQLException {
        Databases.ensureSystemDatabase(server);
        HikariDataSource system = Databases.pool("dbtools-system", server.url(Databases.SYSTEM_DATABASE),
                server.adminUser(), server.adminPassword(), 8, metricRegistry);
        Migrations.system(system);
        return new Platform(local, server, system, secrets, clock);
    }

    public DbServer server() {
        return server;
    }

    public HikariDataSource system() {
        return system;
    }

    public SecretBox secrets() {
        return secrets;
    }

    public TenantRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        system.close();
        if (local != null) {
            local.close();
        }
    }
}
