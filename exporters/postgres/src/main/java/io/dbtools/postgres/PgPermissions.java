package io.dbtools.postgres;

import io.dbtools.plugin.ServerInfo;
import io.dbtools.plugin.Target;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Names each grant or prerequisite monitoring needs and the role lacks. */
final class PgPermissions {

    private PgPermissions() {}

    static List<String> missing(Connection c, ServerInfo server, Target target) throws SQLException {
        List<String> missing = new ArrayList<>();
        if (!"postgres".equals(server.flavor())) {
            return missing; // CockroachDB: crdb_internal is readable by any SQL user with VIEWACTIVITY; checked by its collectors.
        }
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("""
                        SELECT r.rolsuper OR pg_has_role(current_user, 'pg_monitor', 'USAGE') AS monitor,
                               EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements') AS statements
                        FROM pg_roles r WHERE r.rolname = current_user""")) {
            rs.next();
            if (!rs.getBoolean("monitor")) {
                missing.add("pg_monitor");
            }
            boolean wantsStatements = !target.collectors().exclude().contains("pg_stat_statements")
                    && (target.collectors().include().contains("pg_stat_statements")
                            || target.collectors().only().contains("pg_stat_statements"));
            if (wantsStatements && !rs.getBoolean("statements")) {
                missing.add("pg_stat_statements extension (CREATE EXTENSION pg_stat_statements in database "
                        + (target.database() == null ? "postgres" : target.database()) + ")");
            }
        }
        return missing;
    }
}
