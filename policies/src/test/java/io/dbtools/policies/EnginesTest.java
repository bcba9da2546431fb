package io.dbtools.policies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbtools.policies.PolicyExecutor.PolicyOutcome;
import io.dbtools.policies.PolicyExecutor.Status;
import io.dbtools.policies.testing.Specs;
import io.dbtools.policies.testing.TestPg;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What each engine does with a policy when no server of it runs here: SQL Server text, MongoDB tools, options missing. */
class EnginesTest {

    @TempDir
    Path dir;

    @Test
    void sqlServerPoliciesReturnTheirTsqlAndSaySoInTheSkip() {
        PolicyOutcome out = new DefaultPolicyExecutor().execute("integrity_check", Specs.valid("integrity_check", "{\"mssql\": {}}"),
                TestPg.target("mssql", "Sales"), Duration.ofMinutes(1));
        assertEquals(Status.SKIPPED, out.status());
        assertTrue(out.error().startsWith("DbTools generates SQL Server policies as T-SQL"), out.error());
        assertEquals(MssqlScripts.integrityCheck(Specs.valid("integrity_check", "{\"mssql\": {}}").get("mssql"), "Sales"),
                out.result().path("tsql").asText());
        assertTrue(out.result().path("tsql").asText().contains("DBCC CHECKDB (N'Sales') WITH NO_INFOMSGS, ALL_ERRORMSGS, PHYSICAL_ONLY;"));
    }

    @Test
    void aSqlServerTargetWithoutADatabaseFails() {
        PolicyOutcome out = new DefaultPolicyExecutor().execute("backup", Specs.valid("backup", "{\"mssql\": {\"destination\": \"D:\\\\b\"}}"),
                TestPg.target("mssql", null), Duration.ofMinutes(1));
        assertEquals(Status.FAILED, out.status());
        assertEquals("the SQL Server target names no database, and backup policies run on one", out.error());
    }

    @Test
    void mongodbBackupsNeedMongodump() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("bin"));
        PolicyOutcome out = new DefaultPolicyExecutor(Clock.systemUTC(), new Tools(List.of(empty))).execute("backup",
                Specs.valid("backup", "{\"mongodb\": {\"destination\": \"" + dir + "/dumps\"}}"), TestPg.target("mongodb", "app"),
                Duration.ofMinutes(1));
        assertEquals(Status.SKIPPED, out.status());
        assertTrue(out.error().startsWith("mongodump not installed"), out.error());
        assertEquals("mongodb", out.result().path("engine").asText());
    }

    /**
     * No mongodump here: a stand-in script takes its place to show what DbTools hands the real one:
     * the password only in the --config file (mode 600, deleted after), the archive renamed from
     * .partial when the program succeeded, retention by name.
     */
    @Test
    void mongodumpGetsThePasswordInAConfigFileOnly() throws Exception {
        Path bin = Files.createDirectory(dir.resolve("bin"));
        Path seen = dir.resolve("seen");
        Path mongodump = bin.resolve("mongodump");
        Files.writeString(mongodump, """
                #!/bin/sh
                [ "$1" = "--version" ] && { echo "mongodump version: 100.10.0"; exit 0; }
                echo "$@" > %1$s/args
                for a in "$@"; do
                  case "$a" in
                    --config=*) f="${a#--config=}"; cat "$f" > %1$s/config; stat -c %%a "$f" > %1$s/mode; echo "$f" > %1$s/config-path ;;
                    --archive=*) echo archive > "${a#--archive=}" ;;
                  esac
                done
                """.formatted(seen));
        Files.createDirectory(seen);
        mongodump.toFile().setExecutable(true);
        Path dumps = dir.resolve("dumps");
        Files.createDirectory(dumps);
        Files.writeString(dumps.resolve("dbtools-mongodump-app-20200101T000000Z.archive.gz"), "old");

        PolicyOutcome out = new DefaultPolicyExecutor(Clock.systemUTC(), new Tools(List.of(bin))).execute("backup",
                Specs.valid("backup", "{\"mongodb\": {\"destination\": \"" + dumps + "\", \"oplog\": true}}"),
                TestPg.target("mongodb", "app"), Duration.ofMinutes(1));

        assertEquals(Status.SUCCESS, out.status(), out::toString);
        String args = Files.readString(seen.resolve("args"));
        assertTrue(args.contains("--host=localhost --port=1 --archive=" + dumps) && args.contains("--db=app --gzip --oplog --username=ops "
                + "--authenticationDatabase=admin --config="), args);
        assertTrue(!args.contains("unused-Secret-9"), "no password on the command line");
        assertEquals("password: \"unused-Secret-9\"\n", Files.readString(seen.resolve("config")));
        assertEquals("600", Files.readString(seen.resolve("mode")).strip());
        assertTrue(!Files.exists(Path.of(Files.readString(seen.resolve("config-path")).strip())), "the config file is deleted");
        Path archive = Path.of(out.result().path("file").asText());
        assertTrue(archive.getFileName().toString().matches("dbtools-mongodump-app-\\d{8}T\\d{6}Z\\.archive\\.gz"), archive.toString());
        assertEquals("archive\n", Files.readString(archive));
        assertEquals("[\"dbtools-mongodump-app-20200101T000000Z.archive.gz\"]", out.result().path("deleted").toString());
        assertEquals("mongodump version: 100.10.0", out.result().path("tool_version").asText());
    }

    @Test
    void aPolicyWithoutOptionsForTheServersEngineIsSkipped() {
        PolicyOutcome out = new DefaultPolicyExecutor().execute("custom_script", Specs.valid("custom_script", "{\"mssql\": {\"script\": \"SELECT 1\"}}"),
                TestPg.target(), Duration.ofMinutes(1));
        assertEquals(Status.SKIPPED, out.status());
        assertEquals("the policy has no postgres options, so it does not apply to this postgres server", out.error());
        PolicyOutcome cockroach = new DefaultPolicyExecutor().execute("index_maintenance", Specs.valid("index_maintenance", "{\"postgres\": {}}"),
                TestPg.target("cockroachdb", "app"), Duration.ofMinutes(1));
        assertEquals(Status.SKIPPED, cockroach.status());
    }
}
