package io.dbtools.postgres;

import io.dbtools.plugin.Cancellation;
import io.dbtools.plugin.ScrapeContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * What PostgreSQL collectors query through: the target's pool, with every query bounded by the scrape
 * deadline; and, for the per-database views, the other databases the target's {@code databases} option lists.
 */
public final class PgSource implements PgQueries {

    @FunctionalInterface
    public interface RowHandler {
        void row(ResultSet rs) throws SQLException;
    }

    private final Supplier<DataSource> dataSource;
    private final String database;
    private final List<String> otherDatabases;
    private final Function<String, DataSource> otherPools;

    /** A source for one database and nothing else. */
    public PgSource(DataSource dataSource, String database) {
        this(dataSource, database, List.of(), db -> {
            throw new IllegalStateException("no pool for database " + db);
        });
    }

    /**
     * @param otherDatabases further databases the per-database collectors read, besides {@code database}
     * @param otherPools a pool for each of them, created on first use
     */
    public PgSource(DataSource dataSource, String database, List<String> otherDatabases, Function<String, DataSource> otherPools) {
        this(() -> dataSource, database, otherDatabases, otherPools);
    }

    private PgSource(Supplier<DataSource> dataSource, String database, List<String> otherDatabases,
            Function<String, DataSource> otherPools) {
        this.dataSource = dataSource;
        this.database = database;
        this.otherDatabases = List.copyOf(otherDatabases);
        this.otherPools = otherPools;
    }

    /** The database this source's queries run in. */
    public String database() {
        return database;
    }

    /**
     * This database first, then each other database the target lists: for views such as
     * {@code pg_stat_user_tables} that only show the database a connection is in. The other databases'
     * pools are made when first queried, so one that cannot be reached fails only its own queries.
     */
    public List<PgSource> perDatabase() {
        List<PgSource> all = new ArrayList<>();
        all.add(this);
        for (String db : otherDatabases) {
            all.add(new PgSource(() -> otherPools.apply(db), db, List.of(), otherPools));
        }
        return all;
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
    @Override
    public void query(ScrapeContext context, String sql, RowHandler rows, long... parameters) throws SQLException {
        if (context.cancellation().cancelled() || context.deadline().expired()) {
            throw new SQLException("scrape deadline passed before the query ran", "57014");
        }
        try (Connection c = dataSource.get().getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                st.setLong(i + 1, parameters[i]);
            }
            // Stopped by the scraper when the deadline passes (a cancel request, like a query timeout, but
            // without arming the driver's timer for every query); statement_timeout stays as the backstop.
            try (Cancellation.Registration running = context.cancellation().register(st::cancel);
                    ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.row(rs);
                }
            }
        }
    }
}
