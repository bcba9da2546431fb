package io.dbtools.policies;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dbtools.policies.testing.Specs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The T-SQL of every SQL Server option set, against golden files in src/test/resources/golden (no
 * SQL Server runs here). After a deliberate change, regenerate them with
 * {@code -Ddbtools.golden.update=true} and review the diff.
 */
class MssqlScriptsTest {

    static Stream<Arguments> optionSets() {
        return Stream.of(
                Arguments.of("backup-full-defaults", "backup", "Sales", "{\"destination\": \"D:\\\\Backups\\\\\"}"),
                Arguments.of("backup-differential-no-compression", "backup", "Sales", """
                        {"destination": "\\\\\\\\nas01\\\\sql", "backup_type": "differential", "compression": false, "checksum": false, "retention_days": 0}"""),
                Arguments.of("backup-log-copy-only-verify", "backup", "O'Brien]Shop: 2024?", """
                        {"destination": "E:\\\\Logs", "backup_type": "log", "copy_only": true, "verify": true, "retention_days": 2}"""),
                Arguments.of("index-maintenance-defaults", "index_maintenance", "Sales", "{}"),
                Arguments.of("index-maintenance-online-filtered", "index_maintenance", "Sales", """
                        {"reorganize_threshold_percent": 10, "rebuild_threshold_percent": 40.5, "min_page_count": 500, "online": true,
                         "maxdop": 4, "update_statistics": false,
                         "tables_include": ["dbo.order_*", "sales.*"], "tables_exclude": ["dbo.order_archive"]}"""),
                Arguments.of("checkdb-physical-only", "integrity_check", "Sales", "{}"),
                Arguments.of("checkdb-full-extended", "integrity_check", "Sales", """
                        {"mode": "full", "extended_logical_checks": true, "data_purity": true, "tablock": true, "maxdop": 2}"""),
                Arguments.of("custom-script-transaction", "custom_script", "Sales", """
                        {"script": "UPDATE dbo.settings SET value = 1 WHERE name = 'x';\\nDELETE FROM dbo.audit WHERE at < DATEADD(day, -90, GETDATE());", "timeout_seconds": 60}"""),
                Arguments.of("custom-script-no-transaction", "custom_script", "Sales", """
                        {"script": "EXEC dbo.nightly_cleanup;", "transaction": false}"""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optionSets")
    void generatesTheGoldenScript(String golden, String type, String database, String options) throws IOException {
        var spec = Specs.valid(type, "{\"mssql\": " + options + "}");
        String sql = MssqlScripts.generate(type, spec.get("mssql"), database);
        Path file = Path.of("src/test/resources/golden", golden + ".sql");
        if (Boolean.getBoolean("dbtools.golden.update")) {
            Files.writeString(file, sql, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(file, StandardCharsets.UTF_8), sql, golden);
    }
}
