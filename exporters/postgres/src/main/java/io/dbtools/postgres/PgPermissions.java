package io.dbtools.postgres;

import io.dbtools.plugin.ServerInfo;
import io.dbtools.plugin.Target;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Names each grant or prerequisite monitoring needs and the role lacks. */
final class PgPermissions {

    private PgPermissions() {}

    /** CockroachDB's monitoring privileges, with the grant that gives each and what needs it. */
    static final String VIEWACTIVITY = "VIEWACTIVITY system privilege (or VIEWACTIVITYREDACTED): "
            + "GRANT SYSTEM VIEWACTIVITY TO <user>; for other users' sessions, lock waits, contention and statement statistics";
    static final String VIEWCLUSTERMETADATA = "VIEWCLUSTERMETADATA system privilege: "
            + "GRANT SYSTEM VIEWCLUSTERMETADATA TO <user>; for node liveness, ranges and stores";

    /**
     * System privileges the current CockroachDB user holds, directly or through a role it belongs to (SHOW
     * SYSTEM GRANTS needs no privilege itself); members of admin hold them all. The legacy role options of the
     * same names (ALTER ROLE ... VIEWACTIVITY) are not seen here.
     */
    static final String CRDB_PRIVILEGES = """
            SELECT privilege_type FROM [SHOW SYSTEM GRANTS] WHERE pg_has_role(current_user, grantee, 'MEMBER')
            UNION ALL
            SELECT 'ALL' AS privilege_type WHERE pg_has_role(current_user, 'admin', 'MEMBER')""";

    static List<String> missing(Connection c, ServerInfo server, Target target) throws SQLException {
        if ("cockroachdb".equals(server.flavor())) {
            Set<String> privileges = new HashSet<>();
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(CRDB_PRIVILEGES)) {
                while (rs.next()) privileges.add(rs.getString("privilege_type"));
            }
            return crdbMissing(privileges);
        }
        List<String> missing = new ArrayList<>();
        if (!"postgres".equals(server.flavor())) {
            return missing;
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

    /** Pure, so it is testable from recorded grants: which CockroachDB privileges the collectors need and the user lacks. */
    static List<String> crdbMissing(Collection<String> privileges) {
        Set<String> held = new HashSet<>();
        for (String p : privileges) held.add(p.toUpperCase(java.util.Locale.ROOT));
        if (held.contains("ALL")) return List.of();
        List<String> missing = new ArrayList<>();
        if (!held.contains("VIEWACTIVITY") && !held.contains("VIEWACTIVITYREDACTED")) missing.add(VIEWACTIVITY);
        if (!held.contains("VIEWCLUSTERMETADATA")) missing.add(VIEWCLUSTERMETADATA);
        return missing;
    }
}
