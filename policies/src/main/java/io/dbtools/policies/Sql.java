package io.dbtools.policies;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Statements bounded by the run's deadline: statement_timeout is set to what is left before each one. */
final class Sql {

    /** query_canceled: what PostgreSQL answers when statement_timeout fires. */
    static final String QUERY_CANCELED = "57014";

    private Sql() {}

    static void execute(Run run, Connection c, String sql, String what) throws SQLException, PolicyFailure {
        try (Statement st = c.createStatement()) {
            boundBy(run, st);
            st.execute(sql);
        } catch (SQLException e) {
            if (QUERY_CANCELED.equals(e.getSQLState())) throw run.timedOut(what);
            throw e;
        }
    }

    /** statement_timeout for the session and the driver's own timeout as a backstop for a server that stops answering. */
    static void boundBy(Run run, Statement st) throws SQLException {
        long ms = Math.max(1, run.deadline().remaining().toMillis());
        st.execute("SET statement_timeout = " + ms);
        st.setQueryTimeout((int) Math.max(1, ms / 1000 + 5));
    }
}
