package io.dbtools.postgres;

import io.dbtools.plugin.ScrapeContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/** What PostgreSQL collectors query through: the target's pool, with every query bounded by the scrape deadline. */
public final class PgSource {

    @FunctionalInterface
    public interface RowHandler {
        void row(ResultSet rs) throws SQLException;
    }

    private final DataSource dataSource;

    public PgSource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Runs one query and hands every row to the handler; the query is cancelled at the deadline. Always a
     * prepared statement: after a few scrapes the driver keeps it prepared on the server (per pooled
     * connection), so PostgreSQL stops parsing and planning the collector's SQL on every scrape — most of
     * the server CPU a scrape costs, since the monitoring views themselves are cheap to read.
     */
    public void query(ScrapeContext context, String sql, RowHandler rows) throws SQLException {
        query(context, sql, rows, new long[0]);
    }

    /** As {@link #query(ScrapeContext, String, RowHandler)}, with integer parameters bound in order (top-N limits). */
    public void query(ScrapeContext context, String sql, RowHandler rows, long... parameters) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            st.setQueryTimeout(context.deadline().remainingSecondsAtLeastOne());
            for (int i = 0; i < parameters.length; i++) {
                st.setLong(i + 1, parameters[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.row(rs);
                }
            }
        }
    }
}
