package io.dbtools.postgres.collector;

import io.dbtools.plugin.Collector;
import io.dbtools.plugin.CollectorInfo;
import io.dbtools.plugin.ScrapeContext;
import io.dbtools.plugin.ServerInfo;
import io.dbtools.postgres.PgSource;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Base of the PostgreSQL collectors: holds the info; subclasses add a version gate where needed. Only a
 * PostgreSQL server runs them: CockroachDB answers many {@code pg_catalog} views with empty or made-up rows,
 * so it has collectors of its own ({@link CrdbCollector}).
 */
abstract class PgCollector implements Collector<PgSource> {

    private final CollectorInfo info;

    PgCollector(CollectorInfo info) {
        this.info = info;
    }

    @Override
    public final CollectorInfo info() {
        return info;
    }

    @Override
    public boolean supports(ServerInfo server) {
        return "postgres".equals(server.flavor());
    }

    /** A top-N limit from the target's options; a bad value names the option instead of failing obscurely. */
    static int topN(ScrapeContext ctx, String option, int fallback) {
        int n;
        try {
            n = ctx.target().intOption(option, fallback);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + option + " must be a whole number", e);
        }
        if (n < 0) throw new IllegalArgumentException("option " + option + " must not be negative");
        return n;
    }

    @FunctionalInterface
    interface DatabaseRowHandler {
        void row(String datname, ResultSet rs) throws SQLException;
    }

    /**
     * Runs a per-database query (e.g. on {@code pg_stat_user_tables}) in the target's database and in every
     * database its {@code databases} option lists. A database that fails does not stop the others; the
     * first failure is thrown at the end, naming the database.
     */
    static void eachDatabase(PgSource pg, ScrapeContext ctx, String sql, DatabaseRowHandler rows, long... parameters)
            throws SQLException {
        SQLException failure = null;
        for (PgSource db : pg.perDatabase()) {
            try {
                db.query(ctx, sql, rs -> rows.row(db.database(), rs), parameters);
            } catch (SQLException | RuntimeException e) {
                SQLException named = new SQLException("database " + db.database() + ": " + e.getMessage(), e);
                if (failure == null) failure = named;
                else failure.addSuppressed(named);
            }
        }
        if (failure != null) throw failure;
    }

    /** A nullable numeric column: null when the server has no value (e.g. a time that has not happened yet). */
    static Double nullable(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }
}
