package io.dbtools.mssql;

import io.dbtools.plugin.ServerInfo;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Reads what a server is from SERVERPROPERTY; needs no permission beyond a login. */
final class MsIdentity {

    static final String SQL = """
            SELECT CAST(SERVERPROPERTY('ProductVersion') AS nvarchar(128)) AS product_version,
                   CAST(SERVERPROPERTY('EngineEdition') AS int) AS engine_edition,
                   CAST(SERVERPROPERTY('Edition') AS nvarchar(128)) AS edition,
                   CAST(ISNULL(SERVERPROPERTY('IsHadrEnabled'), 0) AS int) AS hadr_enabled""";

    private MsIdentity() {}

    static ServerInfo read(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(SQL)) {
            rs.next();
            return fromRow(rs);
        }
    }

    /** Also used by tests on recorded SERVERPROPERTY rows. */
    static ServerInfo fromRow(ResultSet rs) throws SQLException {
        return MsServer.of(rs.getString("product_version"), rs.getInt("engine_edition"), rs.getString("edition"),
                rs.getInt("hadr_enabled") == 1);
    }
}
