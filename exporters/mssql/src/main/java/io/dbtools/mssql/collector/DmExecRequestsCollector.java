package io.dbtools.mssql.collector;

import io.dbtools.mssql.MsSource;
import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.CoreMetrics;
import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.plugin.ServerInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code sys.dm_exec_requests}: the requests running now, one row each (a few hundred at most), folded here into
 * blocked sessions, head blockers, the longest lock wait and the oldest running request.
 */
public final class DmExecRequestsCollector extends MsCollector {

    private static final String SQL = Sql.load("dm_exec_requests.sql");

    record Request(int sessionId, int blockingSessionId, double waitMs, double elapsedMs) {}

    /** What the requests add up to. */
    record Summary(int requests, int blocked, int headBlockers, double longestWaitSeconds, double oldestSeconds) {

        static Summary of(List<Request> requests) {
            Set<Integer> blockedSessions = new HashSet<>();
            Set<Integer> blockers = new HashSet<>();
            double longestWait = 0;
            double oldest = 0;
            for (Request r : requests) {
                // Negative blocker ids mean an orphaned distributed transaction or a latch, not another session.
                if (r.blockingSessionId() > 0 && r.blockingSessionId() != r.sessionId()) {
                    blockedSessions.add(r.sessionId());
                    blockers.add(r.blockingSessionId());
                    longestWait = Math.max(longestWait, r.waitMs() / 1000);
                }
                oldest = Math.max(oldest, r.elapsedMs() / 1000);
            }
            // A head blocker blocks others and is not blocked itself (it may be idle with an open transaction).
            blockers.removeAll(blockedSessions);
            return new Summary(requests.size(), blockedSessions.size(), blockers.size(), longestWait, oldest);
        }
    }

    public DmExecRequestsCollector() {
        super(CollectorInfo.everyScrape("dm_exec_requests",
                "running requests: blocked sessions, head blockers, longest lock wait, oldest running request"));
    }

    @Override
    public String sql(ServerInfo server) {
        return SQL;
    }

    @Override
    public void collect(MsSource source, ScrapeContext ctx, MetricSink sink) throws Exception {
        List<Request> requests = new ArrayList<>();
        source.query(ctx, sql(ctx.server()), rs -> requests.add(new Request(rs.getInt("session_id"),
                rs.getInt("blocking_session_id"), rs.getDouble("wait_time"), rs.getDouble("total_elapsed_time"))));
        Summary s = Summary.of(requests);
        sink.gauge("dbtools_mssql_requests", "User requests running or waiting now.", s.requests());
        sink.gauge(CoreMetrics.BLOCKED_SESSIONS, "Sessions waiting on a lock held by another session (normalized).", s.blocked());
        sink.gauge("dbtools_mssql_head_blockers", "Sessions that block others while not blocked themselves.", s.headBlockers());
        sink.gauge("dbtools_mssql_blocked_wait_longest_seconds", "Longest current wait of a blocked session.",
                s.longestWaitSeconds());
        sink.gauge(CoreMetrics.OLDEST_QUERY_SECONDS, "Age of the longest-running query (normalized across engines).",
                s.oldestSeconds());
    }
}
