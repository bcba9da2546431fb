package io.dbtools.mssql;

import static io.dbtools.mssql.RecordedRows.Column.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.plugin.ServerInfo;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MsPermissionsTest {

    /** One HAS_PERMS_BY_NAME row as the server would answer it (constructed: each case is a grant set). */
    private static ResultSet grants(int serverState, int performanceState, int anyDefinition, int msdb) throws SQLException {
        var rs = RecordedRows.resultSet(List.of(Map.of("view_server_state", "" + serverState,
                        "view_server_performance_state", "" + performanceState, "view_any_definition", "" + anyDefinition,
                        "msdb_backupset", "" + msdb, "msdb_sysjobhistory", "" + msdb, "msdb_sysjobs", "" + msdb)),
                of("view_server_state", Types.INTEGER), of("view_server_performance_state", Types.INTEGER),
                of("view_any_definition", Types.INTEGER), of("msdb_backupset", Types.INTEGER),
                of("msdb_sysjobhistory", Types.INTEGER), of("msdb_sysjobs", Types.INTEGER));
        rs.next();
        return rs;
    }

    private static List<String> missing(ServerInfo s, ResultSet rs) throws SQLException {
        return MsPermissions.missing(rs, s, Servers.target(Map.of()));
    }

    @Test
    void only_sql_server_2022_is_asked_about_view_server_performance_state() {
        assertFalse(MsPermissions.sql(Servers.SQL2019).contains("PERFORMANCE STATE"));
        assertTrue(MsPermissions.sql(Servers.SQL2022).contains("'VIEW SERVER PERFORMANCE STATE'"));
    }

    @Test
    void on_2022_the_narrower_performance_state_grant_is_enough() throws SQLException {
        assertEquals(List.of(), missing(Servers.SQL2022, grants(0, 1, 1, 1)));
        assertEquals(List.of("VIEW SERVER PERFORMANCE STATE (or VIEW SERVER STATE)"), missing(Servers.SQL2022, grants(0, 0, 1, 1)));
    }

    @Test
    void before_2022_view_server_state_is_named_when_missing() throws SQLException {
        assertEquals(List.of("VIEW SERVER STATE"), missing(Servers.SQL2016, grants(0, 0, 1, 1)));
    }

    @Test
    void msdb_reads_and_view_any_definition_are_named_for_the_collectors_that_need_them() throws SQLException {
        var m = missing(Servers.SQL2019, grants(1, 1, 0, 0)); // SQL2019 fixture server has Always On enabled
        assertEquals(List.of("VIEW ANY DEFINITION (availability group names and replicas)", "SELECT on msdb.dbo.backupset",
                "SELECT on msdb.dbo.sysjobhistory and msdb.dbo.sysjobs"), m);
        assertEquals(List.of("SELECT on msdb.dbo.backupset", "SELECT on msdb.dbo.sysjobhistory and msdb.dbo.sysjobs"),
                missing(Servers.SQL2016, grants(1, 1, 0, 0)), "no Always On, no need to read AG names");
    }

    @Test
    void azure_sql_database_asks_only_for_view_database_state_and_never_msdb() throws SQLException {
        String sql = MsPermissions.sql(Servers.AZURE_SQL_DATABASE);
        assertTrue(sql.contains("VIEW DATABASE STATE"));
        assertFalse(sql.contains("msdb"));
        var rs = RecordedRows.resultSet(List.of(Map.of("view_database_state", "0")), of("view_database_state", Types.INTEGER));
        rs.next();
        assertEquals(List.of("VIEW DATABASE STATE"), missing(Servers.AZURE_SQL_DATABASE, rs));
    }
}
