package io.dbtools.policies;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbtools.plugin.Deadline;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * An operator's SQL script on a PostgreSQL target, bounded by the smaller of its own timeout and the
 * job's; in one transaction by default, so a failing statement leaves nothing half done. The result
 * counts rows per statement; it does not copy result data into the execution history.
 */
final class PgScript {

    private PgScript() {}

    static void run(Run outer) throws PolicyFailure, SQLException {
        JsonNode o = outer.options();
        Duration own = Duration.ofSeconds(o.path("timeout_seconds").asLong(300));
        Run run = own.compareTo(outer.deadline().remaining()) < 0
                ? new Run(outer.type(), o, outer.target(), Deadline.after(own, outer.clock()), outer.clock(), outer.tools(), outer.result())
                : outer;
        boolean transaction = o.path("transaction").asBoolean(true);
        ObjectNode result = run.result();
        result.put("database", run.pgDatabase());
        result.put("transaction", transaction);
        try (Connection c = PgConnector.open(run.target(), run.pgDatabase(), PgBackup.cap(run.deadline().remaining()))) {
            c.setAutoCommit(!transaction);
            try (Statement st = c.createStatement()) {
                Sql.boundBy(run, st);
                ArrayNode statements = result.putArray("statements");
                boolean isResultSet = st.execute(o.path("script").asText());
                while (true) {
                    if (isResultSet) {
                        long rows = 0;
                        try (var rs = st.getResultSet()) {
                            while (rs.next()) rows++;
                        }
                        statements.addObject().put("rows_returned", rows);
                    } else {
                        int updated = st.getUpdateCount();
                        if (updated == -1) break;
                        statements.addObject().put("rows_affected", updated);
                    }
                    isResultSet = st.getMoreResults();
                }
                if (transaction) c.commit();
            } catch (SQLException e) {
                if (transaction) c.rollback();
                if (Sql.QUERY_CANCELED.equals(e.getSQLState())) {
                    throw PolicyFailure.timedOut("the script did not finish within " + (run == outer ? "the job's timeout" : own.toSeconds()
                            + " s (timeout_seconds)") + (transaction ? "; its transaction was rolled back" : ""), result);
                }
                throw PolicyFailure.failed("the script failed" + (transaction ? " and was rolled back" : "") + ": " + e.getMessage(), result);
            }
        }
    }
}
