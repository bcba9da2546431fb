package io.dbtools.mssql.collector;

import io.dbtools.mssql.MsServer;
import io.dbtools.mssql.MsSource;
import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.plugin.ServerInfo;
import java.time.Duration;

/**
 * {@code msdb.dbo.sysjobhistory}: SQL Agent job outcomes, for the N enabled jobs with the most failures in the last
 * 24 hours (option {@code agent_jobs_top_n}, default 50). Job history is what Agent kept (1000 rows by default).
 */
public final class SysjobhistoryCollector extends MsCollector {

    private static final String SQL = Sql.load("sysjobhistory.sql");
    static final int DEFAULT_TOP_N = 50;
    /** sysjobhistory.run_status: 0 failed, 1 succeeded, 2 retry, 3 canceled, 4 in progress. */
    private static final int SUCCEEDED = 1;

    public SysjobhistoryCollector() {
        super(new CollectorInfo("sysjobhistory", "SQL Agent jobs: last outcome and failures in the last 24 hours",
                true, Duration.ofMinutes(1)));
    }

    @Override
    public boolean supports(ServerInfo server) {
        return MsServer.hasServerScope(server);
    }

    @Override
    public String sql(ServerInfo server) {
        return SQL;
    }

    /** The limit is an integer the target was validated with, formatted into the text (TOP needs no parameter then). */
    String sql(ServerInfo server, int topN) {
        return sql(server).replace("/*TOP_N*/50", String.valueOf(Math.max(1, topN)));
    }

    @Override
    public void collect(MsSource source, ScrapeContext ctx, MetricSink sink) throws Exception {
        int topN = ctx.target().intOption("agent_jobs_top_n", DEFAULT_TOP_N);
        source.query(ctx, sql(ctx.server(), topN), rs -> {
            String job = rs.getString("job_name");
            int last = rs.getInt("last_run_status");
            if (!rs.wasNull()) {
                sink.gauge("dbtools_mssql_agent_job_last_run_succeeded", "1 when the job's last completed run succeeded.",
                        last == SUCCEEDED ? 1 : 0, "job", job);
            }
            sink.gauge("dbtools_mssql_agent_job_failures_24h", "Failed runs of the job in the last 24 hours.",
                    rs.getDouble("failures_24h"), "job", job);
        });
    }
}
