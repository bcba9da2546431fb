package io.dbtools.snowflake;

import io.dbtools.plugin.Collector;
import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.ConnectionCheck;
import io.dbtools.plugin.EnginePlugin;
import io.dbtools.plugin.ServerInfo;
import io.dbtools.plugin.Target;
import io.dbtools.plugin.TargetSession;
import io.dbtools.snowflake.collector.SfCollectors;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Snowflake: account-level usage (credits, warehouse load, queries, storage, logins, data transfer) from the
 * SNOWFLAKE.ACCOUNT_USAGE views. Those views lag by 45 minutes to 3 hours, so every collector is cached and
 * refreshed every {@code refresh_seconds} (30 minutes by default), and each exposes its data's own timestamp.
 */
public final class SnowflakePlugin implements EnginePlugin {

    private final Clock clock;
    private final SfAccount.Opener opener;

    /** Used by {@link java.util.ServiceLoader}. */
    public SnowflakePlugin() {
        this(Clock.systemUTC());
    }

    public SnowflakePlugin(Clock clock) {
        this(clock, JdbcAccount::open);
    }

    SnowflakePlugin(Clock clock, SfAccount.Opener opener) {
        this.clock = clock;
        this.opener = opener;
    }

    @Override
    public String id() {
        return "snowflake";
    }

    @Override
    public Set<String> engines() {
        return Set.of("snowflake");
    }

    @Override
    public int defaultPort(String engine) {
        return 443;
    }

    @Override
    public List<CollectorInfo> collectors() {
        return SfCollectors.all(SfOptions.DEFAULTS, clock).stream().map(Collector::info).toList();
    }

    /**
     * Collectors are built per target: window, limits and refresh interval are target options. A bad option
     * does not throw here: the session reports it as a configuration failure on every scrape.
     */
    @Override
    public TargetSession<SfSource> open(Target target) {
        SfOptions options;
        try {
            options = SfOptions.of(target);
        } catch (IllegalArgumentException e) {
            return new SfSession(target, List.of(), (t, timeout) -> { throw e; }, clock);
        }
        return new SfSession(target, SfCollectors.all(options, clock), opener, clock);
    }

    @Override
    public ConnectionCheck testConnection(Target target, Duration deadline) {
        long start = System.nanoTime();
        var by = io.dbtools.plugin.Deadline.after(deadline, clock);
        try {
            SfOptions.of(target); // a bad option is a configuration failure now, not a surprise at the first scrape
            try (SfAccount account = opener.open(target, by.remaining().multipliedBy(3).dividedBy(4))) {
                ServerInfo server = account.identify(by.remainingSecondsAtLeastOne());
                List<String> missing = SfPermissions.missing(account, server, target, by.remainingSecondsAtLeastOne());
                return new ConnectionCheck.Ok(server, missing, took(start));
            }
        } catch (SQLException | RuntimeException e) {
            var classified = SfErrors.classify(e);
            return new ConnectionCheck.Failed(classified.kind(), classified.getMessage(), took(start));
        }
    }

    private static Duration took(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
