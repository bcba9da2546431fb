package io.dbtools.mssql;

import io.dbtools.plugin.ServerInfo;
import io.dbtools.plugin.Target;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Names each grant monitoring needs and the login lacks. On SQL Server 2022 the narrower VIEW SERVER PERFORMANCE
 * STATE covers every DMV the collectors read, so either it or VIEW SERVER STATE is enough; older versions need
 * VIEW SERVER STATE. Azure SQL Database has no server scope: VIEW DATABASE STATE in the monitored database.
 */
final class MsPermissions {

    private MsPermissions() {}

    /** One row, one 0/1 column per grant; pure so each version's text is testable. */
    static String sql(ServerInfo server) {
        if (MsServer.isAzureSqlDatabase(server)) {
            return "SELECT HAS_PERMS_BY_NAME(DB_NAME(), 'DATABASE', 'VIEW DATABASE STATE') AS view_database_state";
        }
        String performanceState = MsServer.atLeast(server, 16)
                ? "HAS_PERMS_BY_NAME(NULL, NULL, 'VIEW SERVER PERFORMANCE STATE')"
                : "HAS_PERMS_BY_NAME(NULL, NULL, 'VIEW SERVER STATE')";
        return "SELECT HAS_PERMS_BY_NAME(NULL, NULL, 'VIEW SERVER STATE') AS view_server_state,\n"
                + "       " + performanceState + " AS view_server_performance_state,\n"
                + "       HAS_PERMS_BY_NAME(NULL, NULL, 'VIEW ANY DEFINITION') AS view_any_definition,\n"
                + "       HAS_PERMS_BY_NAME('msdb.dbo.backupset', 'OBJECT', 'SELECT') AS msdb_backupset,\n"
                + "       HAS_PERMS_BY_NAME('msdb.dbo.sysjobhistory', 'OBJECT', 'SELECT') AS msdb_sysjobhistory,\n"
                + "       HAS_PERMS_BY_NAME('msdb.dbo.sysjobs', 'OBJECT', 'SELECT') AS msdb_sysjobs";
    }

    static List<String> missing(Connection c, ServerInfo server, Target target) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql(server))) {
            rs.next();
            return missing(rs, server, target);
        }
    }

    static List<String> missing(ResultSet rs, ServerInfo server, Target target) throws SQLException {
        List<String> missing = new ArrayList<>();
        if (MsServer.isAzureSqlDatabase(server)) {
            if (rs.getInt("view_database_state") != 1) missing.add("VIEW DATABASE STATE");
            return missing;
        }
        boolean serverState = rs.getInt("view_server_state") == 1;
        boolean performanceState = rs.getInt("view_server_performance_state") == 1;
        if (!serverState && !performanceState) {
            missing.add(MsServer.atLeast(server, 16) ? "VIEW SERVER PERFORMANCE STATE (or VIEW SERVER STATE)" : "VIEW SERVER STATE");
        }
        if (MsServer.hadrEnabled(server) && rs.getInt("view_any_definition") != 1 && runs(target, "dm_hadr_database_replica_states")) {
            missing.add("VIEW ANY DEFINITION (availability group names and replicas)");
        }
        if (runs(target, "backupset") && rs.getInt("msdb_backupset") != 1) {
            missing.add("SELECT on msdb.dbo.backupset");
        }
        if (runs(target, "sysjobhistory") && (rs.getInt("msdb_sysjobhistory") != 1 || rs.getInt("msdb_sysjobs") != 1)) {
            missing.add("SELECT on msdb.dbo.sysjobhistory and msdb.dbo.sysjobs");
        }
        return missing;
    }

    private static boolean runs(Target target, String collector) {
        var s = target.collectors();
        if (s.exclude().contains(collector)) return false;
        return s.only().isEmpty() || s.only().contains(collector);
    }
}
