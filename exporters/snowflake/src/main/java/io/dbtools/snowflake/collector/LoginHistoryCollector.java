package io.dbtools.snowflake.collector;

import io.dbtools.plugin.MetricSink;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.snowflake.SfOptions;
import io.dbtools.snowflake.SfSource;
import java.time.Clock;

/**
 * {@code ACCOUNT_USAGE.LOGIN_HISTORY}: logins by reported client type and result, and failed logins by error
 * code, over the usage window. Both groupings keep the top {@code login_top_n} values and sum the rest as
 * {@code other}; the client type is whatever the client reports, so it is not a closed set.
 */
public final class LoginHistoryCollector extends SfCollector {

    public static final String NAME = "login_history";
    static final String CLIENTS_SQL_RESOURCE = "login_history_clients.sql";
    static final String ERRORS_SQL_RESOURCE = "login_history_errors.sql";
    private final String clientsSql;
    private final String errorsSql;

    public LoginHistoryCollector(SfOptions options, Clock clock) {
        super(NAME, "logins by client type and result, failures by error code (LOGIN_HISTORY)", options, clock);
        this.clientsSql = Sql.load(CLIENTS_SQL_RESOURCE, options.sqlParameters());
        this.errorsSql = Sql.load(ERRORS_SQL_RESOURCE, options.sqlParameters());
    }

    @Override
    void read(SfSource sf, ScrapeContext ctx, MetricSink sink) throws Exception {
        Latest latest = new Latest();
        String help = "Login attempts in the usage window by reported client type and result.";
        sf.query(ctx, clientsSql, rs -> {
            String client = label(rs, "CLIENT_TYPE");
            gauge(sink, "dbtools_snowflake_logins", help, number(rs, "SUCCEEDED"), 1, "client_type", client, "result", "success");
            gauge(sink, "dbtools_snowflake_logins", help, number(rs, "FAILED"), 1, "client_type", client, "result", "failure");
            latest.offer(number(rs, "LATEST_EVENT_EPOCH"));
        });
        sf.query(ctx, errorsSql, rs -> gauge(sink, "dbtools_snowflake_login_failures",
                "Failed logins in the usage window by Snowflake error code (e.g. 390100 wrong password, 390144 invalid JWT).",
                number(rs, "FAILED"), 1, "error_code", label(rs, "ERROR_CODE_LABEL")));
        latest.emit(sink, "dbtools_snowflake_login_latest_timestamp_seconds",
                "EVENT_TIMESTAMP of the newest LOGIN_HISTORY row in the window.");
    }
}
