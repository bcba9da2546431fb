package io.dbtools.mssql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.dbtools.plugin.Collector;
import io.dbtools.plugin.ConnectException;
import io.dbtools.plugin.Deadline;
import io.dbtools.plugin.ServerInfo;
import io.dbtools.plugin.Target;
import io.dbtools.plugin.TargetSession;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One SQL Server target: a small Hikari pool created on first use. Pool creation tries once and fails at once,
 * so a dead server answers {@code dbtools_up 0} without waiting out a pool timeout; a pool whose server went away
 * is dropped and rebuilt on a later scrape.
 */
final class MsSession implements TargetSession<MsSource> {

    private static final Duration IDENTITY_TTL = Duration.ofMinutes(5);

    private final Target target;
    private final List<Collector<MsSource>> collectors;
    private final Clock clock;
    private HikariDataSource pool;
    private MsSource source;
    private ServerInfo server;
    private Instant identifiedAt = Instant.MIN;

    MsSession(Target target, List<Collector<MsSource>> collectors, Clock clock) {
        this.target = target;
        this.collectors = collectors;
        this.clock = clock;
    }

    @Override
    public synchronized ServerInfo identify(Deadline deadline) throws ConnectException {
        try {
            if (pool == null) {
                pool = createPool(deadline);
                source = new PooledSource(pool);
            }
            try (Connection c = pool.getConnection()) {
                if (server == null || identifiedAt.plus(IDENTITY_TTL).isBefore(clock.instant())) {
                    server = MsIdentity.read(c);
                    identifiedAt = clock.instant();
                }
            }
            return server;
        } catch (SQLException | RuntimeException e) {
            closePool();
            throw MsErrors.classify(e);
        }
    }

    private HikariDataSource createPool(Deadline deadline) {
        Duration connectTimeout = deadline.remaining().compareTo(Duration.ofSeconds(5)) < 0
                ? deadline.remaining() : Duration.ofSeconds(5);
        HikariConfig config = new HikariConfig();
        config.setPoolName("dbtools-" + target.name());
        config.setJdbcUrl(MsConnections.url(target));
        config.setDataSourceProperties(MsConnections.properties(target, connectTimeout));
        config.setMaximumPoolSize(target.intOption("pool_max_connections", 2));
        config.setMinimumIdle(0);
        config.setIdleTimeout(Duration.ofSeconds(target.intOption("pool_idle_timeout_seconds", 180)).toMillis());
        config.setMaxLifetime(Duration.ofMinutes(30).toMillis());
        config.setConnectionTimeout(Math.max(250, connectTimeout.toMillis()));
        config.setInitializationFailTimeout(1);
        // Monitoring must never queue behind a blocker (msdb history, catalog views): give up on a lock after a second.
        config.setConnectionInitSql("SET LOCK_TIMEOUT " + target.intOption("lock_timeout_ms", 1000));
        config.setAutoCommit(true);
        return new HikariDataSource(config);
    }

    @Override
    public MsSource source() {
        return source;
    }

    @Override
    public List<Collector<MsSource>> collectors() {
        return collectors;
    }

    private void closePool() {
        if (pool != null) {
            pool.close();
        }
        pool = null;
        source = null;
        server = null;
    }

    @Override
    public synchronized void close() {
        closePool();
    }
}
