package io.dbtools.postgres;

import io.dbtools.plugin.ScrapeContext;
import java.sql.SQLException;

/**
 * What a collector needs of its source to run a query: {@link PgSource} on a live server; recorded result sets
 * in the tests of engines that cannot run there (CockroachDB).
 */
public interface PgQueries {

    /** Runs one query, integer parameters bound in order, and hands every row to the handler. */
    void query(ScrapeContext context, String sql, PgSource.RowHandler rows, long... parameters) throws SQLException;
}
