package io.dbtools.postgres;

import com.zaxxer.hikari.HikariConfig;
import java.util.concurrent.ScheduledExecutorService;
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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * One PostgreSQL target: a small Hikari pool created on first use. Pool creation tries once and
 * fails at once, so a dead server answers {@code dbtools_up 0} without waiting out a pool timeout;
 * a pool whose server went away is dropped and rebuilt on a later scrape.
 */
final class PgSession implements TargetSession<PgSource> {

    private static final Duration IDENTITY_TTL = Duration.ofMinutes(5);
    /** First pause before another database that could not be reached is tried again; doubles up to the maximum. */
    static final Duration OTHER_DATABASE_RETRY = Duration.ofMinutes(1);
    static final Duration OTHER_DATABASE_RETRY_MAX = Duration.ofMinutes(16);

    private final Target target;
    private final List<Collector<PgSource>> collectors;
    private final Clock clock;
    private HikariDataSource pool;
    /** Pools of the other databases the {@code databases} option lists, one connection each, made on first use. */
    private final Map<String, HikariDataSource> otherPools = new ConcurrentHashMap<>();
    /** Other databases whose last connection failed, and when to try again. */
    private final Map<String, Unreachable> unreachable = new ConcurrentHashMap<>();
    private PgSource source;
    private ServerInfo server;
    private Instant identifiedAt = Instant.MIN;

    private final ScheduledExecutorService housekeeping;

    PgSession(Target target, List<Collector<PgSource>> collectors, Clock clock, ScheduledExecutorService housekeeping) {
        this.housekeeping = housekeeping;
        this.target = target;
        this.collectors = collectors;
        this.clock = clock;
    }

    @Override
    public synchronized ServerInfo identify(Deadline deadline) throws ConnectException {
        try {
            if (pool == null) {
                pool = createPool(PgConnections.database(target), target.intOption("pool_max_connections", 2),
                        connectTimeout(deadline));
                source = new PgSource(pool, PgConnections.database(target), PgConnections.otherDatabases(target), this::otherPool);
            }
            try (Connection c = pool.getConnection()) {
                if (server == null || identifiedAt.plus(IDENTITY_TTL).isBefore(clock.instant())) {
                    server = PgIdentity.read(c);
                    identifiedAt = clock.instant();
                }
            }
            return server;
        } catch (SQLException | RuntimeException e) {
            closePool();
            throw PgErrors.classify(e);
        }
    }

    private static Duration connectTimeout(Deadline deadline) {
        return deadline.remaining().compareTo(Duration.ofSeconds(5)) < 0 ? deadline.remaining() : Duration.ofSeconds(5);
    }

    private record Unreachable(Instant retryAt, Duration pause, String error) {}

    /**
     * A pool for another listed database, made on first use. One that cannot be reached (dropped, renamed,
     * no CONNECT grant) is not tried again for a minute, then two, up to sixteen: every per-database
     * collector of every scrape would otherwise wait on a failing login and leave a FATAL line in the
     * server's log. Synchronized with {@link #close()} so a collector finishing late cannot leave a pool behind.
     */
    private synchronized DataSource otherPool(String database) {
        if (pool == null) throw new IllegalStateException("the session of target " + target.name() + " is closed");
        HikariDataSource existing = otherPools.get(database);
        if (existing != null) return existing;
        Instant now = clock.instant();
        Unreachable last = unreachable.get(database);
        if (last != null && now.isBefore(last.retryAt())) {
            throw new IllegalStateException("not connected; tried again at " + last.retryAt() + " (" + last.error() + ")");
        }
        try {
            HikariDataSource made = createPool(database, 1, Duration.ofSeconds(5));
            otherPools.put(database, made);
            unreachable.remove(database);
            return made;
        } catch (RuntimeException e) {
            Duration pause = last == null ? OTHER_DATABASE_RETRY
                    : last.pause().multipliedBy(2).compareTo(OTHER_DATABASE_RETRY_MAX) > 0 ? OTHER_DATABASE_RETRY_MAX : last.pause().multipliedBy(2);
            unreachable.put(database, new Unreachable(now.plus(pause), pause, PgErrors.classify(e).getMessage()));
            throw e;
        }
    }

    private HikariDataSource createPool(String database, int maxConnections, Duration connectTimeout) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("dbtools-" + target.name() + (database.equals(PgConnections.database(target)) ? "" : "-" + database));
        config.setJdbcUrl(PgConnections.url(target, database));
        config.setDataSourceProperties(PgConnections.properties(target, connectTimeout));
        config.setMaximumPoolSize(maxConnections);
        config.setMinimumIdle(0);
        config.setIdleTimeout(Duration.ofSeconds(target.intOption("pool_idle_timeout_seconds", 180)).toMillis());
        config.setMaxLifetime(Duration.ofMinutes(30).toMillis());
        config.setConnectionTimeout(Math.max(250, connectTimeout.toMillis()));
        config.setInitializationFailTimeout(1);
        config.setReadOnly(true);
        config.setAutoCommit(true);
        config.setScheduledExecutor(housekeeping);
        return new HikariDataSource(config);
    }

    @Override
    public PgSource source() {
        return source;
    }

    @Override
    public List<Collector<PgSource>> collectors() {
        return collectors;
    }

    private void closePool() {
        if (pool != null) {
            pool.close();
        }
        otherPools.values().forEach(HikariDataSource::close);
        otherPools.clear();
        unreachable.clear(); // a new session to the server starts afresh
        pool = null;
        source = null;
        server = null;
    }

    @Override
    public synchronized void close() {
        closePool();
    }
}
