package io.dbtools.mssql;

import io.dbtools.plugin.ScrapeContext;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * What SQL Server collectors query through. The pool-backed {@link PooledSource} is the only production
 * implementation; tests answer with recorded result sets, so collectors' row mapping runs on real
 * {@link ResultSet}s either way.
 */
public interface MsSource {

    @FunctionalInterface
    interface RowHandler {
        void row(ResultSet rs) throws SQLException;
    }

    /** Runs one query and hands every row to the handler; the query is cancelled at the scrape deadline. */
    void query(ScrapeContext context, String sql, RowHandler rows) throws SQLException;
}
