package io.dbtools.mssql;

import io.dbtools.plugin.ServerInfo;
import io.dbtools.plugin.Version;
import java.util.Map;

/**
 * What kind of SQL Server a {@link ServerInfo} describes, for version gates. Azure SQL Database and Managed
 * Instance report a frozen ProductVersion (12.0.2000.8) while running the newest engine, so gates ask
 * {@link #atLeast} rather than the raw version.
 */
public final class MsServer {

    public static final String FLAVOR = "mssql";
    public static final String AZURE_SQL_DATABASE = "azure_sql_database";
    public static final String MANAGED_INSTANCE = "azure_sql_managed_instance";
    /** SERVERPROPERTY('EngineEdition'): 5 = Azure SQL Database, 8 = Azure SQL Managed Instance. */
    static final int EDITION_AZURE_SQL_DATABASE = 5;
    static final int EDITION_MANAGED_INSTANCE = 8;

    private MsServer() {}

    /** Builds the server description from SERVERPROPERTY values. */
    public static ServerInfo of(String productVersion, int engineEdition, String edition, boolean hadrEnabled) {
        String flavor = switch (engineEdition) {
            case EDITION_AZURE_SQL_DATABASE -> AZURE_SQL_DATABASE;
            case EDITION_MANAGED_INSTANCE -> MANAGED_INSTANCE;
            default -> FLAVOR;
        };
        return new ServerInfo(flavor, Version.parse(productVersion), productVersion, edition == null ? "" : edition,
                Map.of("engine_edition", String.valueOf(engineEdition), "hadr_enabled", hadrEnabled ? "1" : "0"));
    }

    public static boolean isAzureSqlDatabase(ServerInfo s) {
        return AZURE_SQL_DATABASE.equals(s.flavor());
    }

    /** Server-scoped DMVs, sys.master_files and msdb exist everywhere except Azure SQL Database. */
    public static boolean hasServerScope(ServerInfo s) {
        return !isAzureSqlDatabase(s);
    }

    /** True for boxed SQL Server of that major version or later, and always for Azure (evergreen). */
    public static boolean atLeast(ServerInfo s, int major) {
        return !FLAVOR.equals(s.flavor()) || s.version().major() >= major;
    }

    public static boolean hadrEnabled(ServerInfo s) {
        return "1".equals(s.extra().get("hadr_enabled"));
    }

    /** Major version → marketing year, for messages and docs. */
    static String year(int major) {
        return switch (major) {
            case 11 -> "2012";
            case 12 -> "2014";
            case 13 -> "2016";
            case 14 -> "2017";
            case 15 -> "2019";
            case 16 -> "2022";
            case 17 -> "2025";
            default -> "major version " + major;
        };
    }
}
