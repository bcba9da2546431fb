package io.dbtools.policies;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The T-SQL a SQL Server policy runs, generated from its (validated, defaults filled) option set.
 * Deterministic for a given option set and database, so it is checked as text; run times and file
 * names are computed by the script on the server. Public so the control API can show what a policy
 * would run.
 */
public final class MssqlScripts {

    private MssqlScripts() {}

    /** The script for {@code type} with the {@code mssql} option set {@code options}, on database {@code database}. */
    public static String generate(String type, JsonNode options, String database) {
        return switch (type) {
            case "backup" -> backup(options, database);
            case "index_maintenance" -> indexMaintenance(options, database);
            case "integrity_check" -> integrityCheck(options, database);
            case "custom_script" -> customScript(options, database);
            default -> throw new IllegalArgumentException("unknown policy type " + type);
        };
    }

    /**
     * BACKUP DATABASE / LOG into {@code destination\<database>\}, one file per run named by type and
     * UTC time; retention deletes this database's files of the same kind through xp_delete_file,
     * which only deletes SQL Server backup files, in that folder only.
     */
    public static String backup(JsonNode o, String database) {
        String kind = o.path("backup_type").asText("full");
        String extension = switch (kind) {
            case "log" -> "trn";
            case "differential" -> "dif";
            default -> "bak";
        };
        // a database name may hold characters Windows refuses in a path
        String fileName = database.replaceAll("[\\\\/:*?\"<>|]", "_");
        String folder = o.path("destination").asText().replaceAll("[\\\\/]+$", "") + "\\" + fileName;
        List<String> with = new ArrayList<>();
        if (kind.equals("differential")) with.add("DIFFERENTIAL");
        with.add(o.path("compression").asBoolean(true) ? "COMPRESSION" : "NO_COMPRESSION");
        with.add(o.path("checksum").asBoolean(true) ? "CHECKSUM" : "NO_CHECKSUM");
        if (o.path("copy_only").asBoolean(false)) with.add("COPY_ONLY");
        with.add("INIT");
        with.add("STATS = 10");
        int retention = o.path("retention_days").asInt(0);
        StringBuilder s = new StringBuilder();
        s.append("-- DbTools backup policy: ").append(kind).append(" backup of ").append(bracket(database)).append('\n');
        s.append("SET NOCOUNT ON;\n");
        s.append("DECLARE @folder nvarchar(4000) = ").append(literal(folder)).append(";\n");
        s.append("DECLARE @file nvarchar(4000) = @folder + N'\\' + ").append(literal(fileName + "_" + kind.toUpperCase(Locale.ROOT) + "_"))
                .append(" + FORMAT(SYSUTCDATETIME(), 'yyyyMMdd_HHmmss') + ").append(literal("." + extension)).append(";\n");
        s.append("EXECUTE master.dbo.xp_create_subdir @folder;\n");
        s.append(kind.equals("log") ? "BACKUP LOG " : "BACKUP DATABASE ").append(bracket(database)).append(" TO DISK = @file\n");
        s.append("    WITH ").append(String.join(", ", with)).append(";\n");
        if (o.path("verify").asBoolean(false)) {
            s.append("RESTORE VERIFYONLY FROM DISK = @file").append(o.path("checksum").asBoolean(true) ? " WITH CHECKSUM" : "").append(";\n");
        }
        if (retention > 0) {
            s.append("-- retention: ").append(kind).append(" backups of this database older than ").append(retention).append(" days\n");
            s.append("DECLARE @cutoff datetime = DATEADD(day, -").append(retention).append(", GETDATE());\n");
            s.append("EXECUTE master.dbo.xp_delete_file 0, @folder, N'").append(extension).append("', @cutoff, 0;\n");
        }
        return s.toString();
    }

    /**
     * Every index of at least min_page_count pages whose fragmentation (sys.dm_db_index_physical_stats,
     * LIMITED) reaches the reorganise threshold: REBUILD from the rebuild threshold, REORGANIZE below
     * it; then UPDATE STATISTICS on tables that were only reorganised (a rebuild refreshes its own).
     */
    public static String indexMaintenance(JsonNode o, String database) {
        double reorganize = o.path("reorganize_threshold_percent").asDouble(5);
        double rebuild = o.path("rebuild_threshold_percent").asDouble(30);
        long minPages = o.path("min_page_count").asLong(1000);
        List<String> rebuildWith = new ArrayList<>();
        if (o.path("online").asBoolean(false)) rebuildWith.add("ONLINE = ON");
        int maxdop = o.path("maxdop").asInt(0);
        if (maxdop > 0) rebuildWith.add("MAXDOP = " + maxdop);
        boolean statistics = o.path("update_statistics").asBoolean(true);
        TableFilter filter = TableFilter.of(o);

        StringBuilder s = new StringBuilder();
        s.append("-- DbTools index maintenance policy: reorganize from ").append(num(reorganize)).append("%, rebuild from ")
                .append(num(rebuild)).append("% fragmentation, indexes of ").append(minPages).append("+ pages\n");
        s.append("USE ").append(bracket(database)).append(";\n");
        s.append("SET NOCOUNT ON;\n");
        s.append("DECLARE @schema sysname, @table sysname, @index sysname, @fragmentation float, @sql nvarchar(max);\n");
        s.append("DECLARE @reorganized TABLE (schema_name sysname, table_name sysname, PRIMARY KEY (schema_name, table_name));\n");
        s.append("DECLARE index_work CURSOR LOCAL FAST_FORWARD FOR\n");
        // one row per index: a partitioned index counts its pages together and its worst partition's fragmentation
        s.append("    SELECT s.name, t.name, i.name, MAX(ps.avg_fragmentation_in_percent)\n");
        s.append("    FROM sys.dm_db_index_physical_stats(DB_ID(), NULL, NULL, NULL, 'LIMITED') AS ps\n");
        s.append("    JOIN sys.indexes AS i ON i.object_id = ps.object_id AND i.index_id = ps.index_id\n");
        s.append("    JOIN sys.tables AS t ON t.object_id = ps.object_id\n");
        s.append("    JOIN sys.schemas AS s ON s.schema_id = t.schema_id\n");
        s.append("    WHERE i.type IN (1, 2) AND ps.alloc_unit_type_desc = N'IN_ROW_DATA' AND ps.index_level = 0\n");
        s.append("      AND i.is_disabled = 0 AND i.is_hypothetical = 0 AND t.is_ms_shipped = 0\n");
        if (!filter.include().isEmpty()) {
            s.append("      AND (").append(likeAny(filter.include())).append(")\n");
        }
        if (!filter.exclude().isEmpty()) {
            s.append("      AND NOT (").append(likeAny(filter.exclude())).append(")\n");
        }
        s.append("    GROUP BY s.name, t.name, i.name\n");
        s.append("    HAVING SUM(ps.page_count) >= ").append(minPages).append('\n');
        s.append("       AND MAX(ps.avg_fragmentation_in_percent) >= ").append(num(reorganize)).append('\n');
        s.append("    ORDER BY MAX(ps.avg_fragmentation_in_percent) DESC;\n");
        s.append("OPEN index_work;\n");
        s.append("FETCH NEXT FROM index_work INTO @schema, @table, @index, @fragmentation;\n");
        s.append("WHILE @@FETCH_STATUS = 0\n");
        s.append("BEGIN\n");
        s.append("    IF @fragmentation >= ").append(num(rebuild)).append('\n');
        s.append("        SET @sql = N'ALTER INDEX ' + QUOTENAME(@index) + N' ON ' + QUOTENAME(@schema) + N'.' + QUOTENAME(@table) + N' REBUILD");
        if (!rebuildWith.isEmpty()) s.append(" WITH (").append(String.join(", ", rebuildWith)).append(")");
        s.append(";';\n");
        s.append("    ELSE\n");
        s.append("    BEGIN\n");
        s.append("        SET @sql = N'ALTER INDEX ' + QUOTENAME(@index) + N' ON ' + QUOTENAME(@schema) + N'.' + QUOTENAME(@table) + N' REORGANIZE;';\n");
        if (statistics) {
            s.append("        IF NOT EXISTS (SELECT 1 FROM @reorganized WHERE schema_name = @schema AND table_name = @table)\n");
            s.append("            INSERT @reorganized VALUES (@schema, @table);\n");
        }
        s.append("    END\n");
        s.append("    PRINT @sql;\n");
        s.append("    EXECUTE sys.sp_executesql @sql;\n");
        s.append("    FETCH NEXT FROM index_work INTO @schema, @table, @index, @fragmentation;\n");
        s.append("END\n");
        s.append("CLOSE index_work;\n");
        s.append("DEALLOCATE index_work;\n");
        if (statistics) {
            s.append("DECLARE stats_work CURSOR LOCAL FAST_FORWARD FOR SELECT schema_name, table_name FROM @reorganized;\n");
            s.append("OPEN stats_work;\n");
            s.append("FETCH NEXT FROM stats_work INTO @schema, @table;\n");
            s.append("WHILE @@FETCH_STATUS = 0\n");
            s.append("BEGIN\n");
            s.append("    SET @sql = N'UPDATE STATISTICS ' + QUOTENAME(@schema) + N'.' + QUOTENAME(@table) + N';';\n");
            s.append("    PRINT @sql;\n");
            s.append("    EXECUTE sys.sp_executesql @sql;\n");
            s.append("    FETCH NEXT FROM stats_work INTO @schema, @table;\n");
            s.append("END\n");
            s.append("CLOSE stats_work;\n");
            s.append("DEALLOCATE stats_work;\n");
        }
        return s.toString();
    }

    /** DBCC CHECKDB of the database: PHYSICAL_ONLY, or the full logical checks with their extras. */
    public static String integrityCheck(JsonNode o, String database) {
        List<String> with = new ArrayList<>(List.of("NO_INFOMSGS", "ALL_ERRORMSGS"));
        if (o.path("mode").asText("physical_only").equals("physical_only")) {
            with.add("PHYSICAL_ONLY");
        } else {
            if (o.path("extended_logical_checks").asBoolean(false)) with.add("EXTENDED_LOGICAL_CHECKS");
            if (o.path("data_purity").asBoolean(false)) with.add("DATA_PURITY");
        }
        if (o.path("tablock").asBoolean(false)) with.add("TABLOCK");
        int maxdop = o.path("maxdop").asInt(0);
        if (maxdop > 0) with.add("MAXDOP = " + maxdop);
        return "-- DbTools integrity check policy: DBCC CHECKDB (" + o.path("mode").asText("physical_only") + ")\n"
                + "DBCC CHECKDB (" + literal(database) + ") WITH " + String.join(", ", with) + ";\n";
    }

    /**
     * The operator's batch in the database, inside one transaction with XACT_ABORT (any error rolls
     * all of it back) when asked; the timeout is the client's (the query timeout of the connection).
     */
    public static String customScript(JsonNode o, String database) {
        String script = o.path("script").asText().strip();
        StringBuilder s = new StringBuilder();
        s.append("-- DbTools custom script policy (timeout ").append(o.path("timeout_seconds").asLong(300)).append(" s)\n");
        s.append("USE ").append(bracket(database)).append(";\n");
        if (o.path("transaction").asBoolean(true)) {
            s.append("SET XACT_ABORT ON;\n");
            s.append("BEGIN TRANSACTION;\n");
            s.append(script).append('\n');
            s.append("COMMIT TRANSACTION;\n");
        } else {
            s.append(script).append('\n');
        }
        return s.toString();
    }

    /** A name as a delimited identifier: [name] with ] doubled. */
    static String bracket(String name) {
        return "[" + name.replace("]", "]]") + "]";
    }

    /** A Unicode string literal: N'text' with ' doubled. */
    static String literal(String text) {
        return "N'" + text.replace("'", "''") + "'";
    }

    /** schema.table patterns as LIKE tests; [ % _ are escaped by brackets, * becomes %. */
    private static String likeAny(List<String> patterns) {
        List<String> tests = new ArrayList<>();
        for (String p : patterns) {
            String like = p.replace("[", "[[]").replace("%", "[%]").replace("_", "[_]").replace("*", "%");
            tests.add("s.name + N'.' + t.name LIKE " + literal(like));
        }
        return String.join(" OR ", tests);
    }

    private static String num(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
