package io.dbtools.mssql;

import static io.dbtools.mssql.RecordedRows.Column.renamed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Types;
import org.junit.jupiter.api.Test;

class MsServerTest {

    /** The recorded 2022 RTM-CU11 row: sql_version, engine_edition, sku and is_hadr_enabled are SERVERPROPERTY values. */
    @Test
    void the_recorded_2022_server_properties_identify_sql_server_16() throws Exception {
        var rs = RecordedRows.resultSet(RecordedRows.json("server_properties-2022-RTM-CU11.telegraf-query.json"),
                renamed("product_version", Types.NVARCHAR, "sql_version"), renamed("engine_edition", Types.INTEGER, "engine_edition"),
                renamed("edition", Types.NVARCHAR, "sku"), renamed("hadr_enabled", Types.INTEGER, "is_hadr_enabled"));
        rs.next();
        var server = MsIdentity.fromRow(rs);
        assertEquals(MsServer.FLAVOR, server.flavor());
        assertEquals("16.0.4105.2", server.versionText());
        assertEquals(16, server.version().major());
        assertEquals("Developer Edition (64-bit)", server.edition());
        assertFalse(MsServer.hadrEnabled(server));
        assertNull(MssqlPlugin.unsupported(server));
    }

    @Test
    void sql_server_2014_is_refused_as_unsupported_but_azure_reporting_version_12_is_not() {
        var sql2014 = MsServer.of("12.0.6024.0", 3, "Enterprise Edition (64-bit)", false);
        assertTrue(MssqlPlugin.unsupported(sql2014).contains("2014"), MssqlPlugin.unsupported(sql2014));
        assertNull(MssqlPlugin.unsupported(Servers.AZURE_SQL_DATABASE));
        assertNull(MssqlPlugin.unsupported(Servers.MANAGED_INSTANCE));
        assertNull(MssqlPlugin.unsupported(Servers.SQL2016));
    }

    @Test
    void azure_editions_count_as_the_newest_engine_for_version_gates() {
        assertTrue(MsServer.atLeast(Servers.AZURE_SQL_DATABASE, 16));
        assertTrue(MsServer.atLeast(Servers.MANAGED_INSTANCE, 16));
        assertFalse(MsServer.atLeast(Servers.SQL2019, 16));
        assertFalse(MsServer.hasServerScope(Servers.AZURE_SQL_DATABASE));
        assertTrue(MsServer.hasServerScope(Servers.MANAGED_INSTANCE));
    }
}
