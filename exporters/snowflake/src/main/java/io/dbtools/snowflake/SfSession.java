package io.dbtools.snowflake;

import io.dbtools.plugin.Collector;
import io.dbtools.plugin.ConnectException;
import io.dbtools.plugin.Deadline;
import io.dbtools.plugin.ServerInfo;
import io.dbtools.plugin.Target;
import io.dbtools.plugin.TargetSession;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One Snowflake target: a session opened on first use and kept. The identity is re-read only every few
 * minutes, so the frequent scrapes between collector refreshes cost Snowflake nothing; a session the server
 * dropped is reopened on the next scrape.
 */
final class SfSession implements TargetSession<SfSource> {

    static final Duration IDENTITY_TTL = Duration.ofMinutes(5);

    private final Target target;
    private final List<Collector<SfSource>> collectors;
    private final SfAccount.Opener opener;
    private final Clock clock;
    private final SfSource source = new SfSource(this::run);
    private SfAccount account;
    private ServerInfo server;
    private Instant identifiedAt = Instant.MIN;

    SfSession(Target target, List<Collector<SfSource>> collectors, SfAccount.Opener opener, Clock clock) {
        this.target = target;
        this.collectors = collectors;
        this.opener = opener;
        this.clock = clock;
    }

    @Override
    public synchronized ServerInfo identify(Deadline deadline) throws ConnectException {
        if (account != null && server != null && identifiedAt.plus(IDENTITY_TTL).isAfter(clock.instant())) {
            return server;
        }
        try {
            if (account == null) {
                // Leave a quarter of the budget: the driver retries a refused connection until its login
                // timeout, and should give up (and say why) before the scrape deadline cuts it off.
                account = opener.open(target, deadline.remaining().multipliedBy(3).dividedBy(4));
            }
            server = account.identify(deadline.remainingSecondsAtLeastOne());
            identifiedAt = clock.instant();
            return server;
        } catch (SQLException | RuntimeException e) {
            drop();
            throw SfErrors.classify(e);
        }
    }

    private synchronized void run(String sql, int timeoutSeconds, SfSource.RowHandler rows) throws SQLException {
        if (account == null) throw new SQLException("no Snowflake session: the target was not identified");
        try {
            account.run(sql, timeoutSeconds, rows);
        } catch (SQLException e) {
            if (SfErrors.connectionLost(e)) drop();
            throw e;
        }
    }

    @Override
    public SfSource source() {
        return source;
    }

    @Override
    public List<Collector<SfSource>> collectors() {
        return collectors;
    }

    private void drop() {
        if (account != null) account.close();
        account = null;
        server = null;
    }

    @Override
    public synchronized void close() {
        drop();
    }
}
