package io.dbtools.snowflake;

import io.dbtools.plugin.ScrapeContext;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * What Snowflake collectors query through. Every query gets the scrape's remaining time as its
 * timeout, so a slow ACCOUNT_USAGE scan is cancelled server-side instead of running on (and billing)
 * after the scrape gave up.
 */
public final class SfSource {

    @FunctionalInterface
    public interface RowHandler {
        void row(ResultSet rs) throws SQLException;
    }

    /** Runs one statement with a timeout in seconds and hands every row over; a JDBC connection in production. */
    @FunctionalInterface
    public interface Queries {
        void run(String sql, int timeoutSeconds, RowHandler rows) throws SQLException;
    }

    private final Queries queries;

    public SfSource(Queries queries) {
        this.queries = queries;
    }

    public void query(ScrapeContext context, String sql, RowHandler rows) throws SQLException {
        queries.run(sql, context.deadline().remainingSecondsAtLeastOne(), rows);
    }
}
